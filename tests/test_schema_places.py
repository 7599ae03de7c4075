"""A refused value is named by its whole path, however deep it stands, though only the
converters of lists and groups of fields are given a place of their own (see schema.Converter)."""

from __future__ import annotations

from macros.data import schema
from macros.data.load import parse_yaml
from macros.data.problems import Problem

ITEM = [
    schema.Field("id", schema.slug),
    schema.Field("platser", schema.list_of(schema.text, "platser"), required=False),
    schema.Field("datum", schema.date, required=False),
]
FILE = [schema.Field("poster", schema.list_of(schema.record(ITEM, "posten"), "poster"))]


def problems_of(text: str) -> list[str]:
    content, problems = parse_yaml(text, "data/fil.yml")
    assert content is not None and problems == []
    found: list[Problem] = []
    schema.read_record(content, FILE, schema.At("data/fil.yml", 1, "", found), "filen")
    return [str(p) for p in found]


def test_a_refused_value_deep_in_a_file_is_named_by_its_path_and_line() -> None:
    text = (
        "poster:\n"
        "  - id: forsta\n"
        "    datum: 2024-02-30\n"
        "  - id: andra\n"
        "    platser:\n"
        "      - Torget\n"
        "      - |-\n"
        "        två\n"
        "        rader\n"
    )
    assert problems_of(text) == [
        'data/fil.yml:3: "datum" i posten "forsta" (poster.1.datum) är "2024-02-30", men ska '
        "vara ett datum som år-månad-dag, till exempel 2024-11-12 (datumet finns inte).",
        'data/fil.yml:7: posten "andra" (poster.2.platser.2) är "två rader", men ska vara en '
        "text på en rad.",
    ]


def test_a_valid_file_gives_its_values() -> None:
    content, _ = parse_yaml("poster:\n  - id: a\n    platser: [X, Y]\n", "data/fil.yml")
    assert content is not None
    found: list[Problem] = []
    values = schema.read_record(content, FILE, schema.At("data/fil.yml", 1, "", found), "filen")
    assert found == []
    assert values == {"poster": ({"id": "a", "platser": ("X", "Y"), "datum": None},)}
