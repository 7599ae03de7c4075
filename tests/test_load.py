"""Reading YAML: line marks, text stays text, and every broken file gives a clear problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.load import MAX_DEPTH, MAX_FILE_BYTES, YamlList, YamlMap, parse_yaml, read_yaml
from macros.data.problems import Problem


def read(tmp_path: Path, content: str | bytes) -> tuple[YamlMap | None, list[str]]:
    path = tmp_path / "fil.yml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    value, problems = read_yaml(path, "data/fil.yml")
    return value, [str(p) for p in problems]


def test_lines_are_kept_for_keys_and_list_items(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "# kommentar\nnamn: A\nlista:\n  - x\n  - y: 1\n")
    assert problems == []
    assert value == {"namn": "A", "lista": ["x", {"y": "1"}]}
    assert value.line == 2
    assert value.lines == {"namn": 2, "lista": 3}
    assert isinstance(value["lista"], YamlList)
    assert value["lista"].lines == [4, 5]
    assert value["lista"][1].line == 5


@pytest.mark.parametrize("raw", ["no", "yes", "off", "0114", "012", "12:30", "1e3", "2024-11-12"])
def test_scalars_stay_text_as_written(tmp_path: Path, raw: str) -> None:
    value, _ = read(tmp_path, f"kod: {raw}\n")
    assert value == {"kod": raw}


def test_duplicate_key_is_reported_with_both_lines(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "status: pågår\ntext: a\nstatus: genomförd\n")
    assert problems == [
        'data/fil.yml:3: fältet "status" står två gånger (första gången på rad 1). Ta bort '
        "det ena: annars försvinner ett av värdena utan att det märks."
    ]
    assert value is not None and value["status"] == "pågår"


def test_syntax_error_names_line_in_swedish(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "titel: Trafik\ntext: Se här: en fälla\n")
    assert problems == [
        "data/fil.yml:2: filen går inte att läsa som YAML: ett kolon (:) står där det inte "
        "får stå. En text som innehåller kolon ska skrivas med | på raden ovanför, eller "
        "inom citattecken."
    ]


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "titel: A\nlista:\n\t- x\n")
    assert len(problems) == 1
    assert problems[0].startswith("data/fil.yml:3: ")
    assert "tabbtecken" in problems[0]


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "titel: A\ntext: Tr\xe4d\n".encode("latin-1"))
    assert problems == [
        "data/fil.yml:2: filen är inte sparad som UTF-8 (tecknet med byte 0xe4 kan inte "
        "läsas). Spara filen med teckenkodningen UTF-8."
    ]


@pytest.mark.parametrize("content", ["", "   \n", "# bara en kommentar\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    value, problems = read(tmp_path, content)
    assert value is None
    assert problems == ["data/fil.yml:1: filen är tom. Fyll i den eller ta bort den."]


def test_top_level_list_is_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "- a\n- b\n")
    assert problems == [
        "data/fil.yml:1: filen ska börja med fält (namn: värde), men börjar med en lista."
    ]


def test_aliases_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert len(problems) == 1 and "alias" in problems[0]


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    """29 levels of nine aliases each would expand to 9**29 strings; every alias is refused
    where it stands instead, so the work is one problem per alias written in the file."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    value, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert len(problems) == 29 * 9
    assert {problem.split(": ", 1)[1] for problem in problems} == {
        "värdet här används igen med ett alias (*). Ankare och alias (& och *) "
        "används inte i de här filerna: skriv ut värdet där det behövs."
    }
    assert value is None or all(len(v) <= 9 for v in value.values())


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert len(problems) == 1 and f"mer än {MAX_DEPTH} nivåer" in problems[0]


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    assert MAX_FILE_BYTES == 1_000_000
    content = "text: " + "a" * 1_234_560 + "\n"
    assert len(content.encode("utf-8")) == 1_234_567
    _, problems = read(tmp_path, content)
    assert problems == [
        "data/fil.yml:1: filen är 1234 kB, men får vara högst 1000 kB. Dela upp den i flera filer."
    ]


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    content = "text: " + "a" * (MAX_FILE_BYTES - 7) + "\n"
    assert len(content.encode("utf-8")) == MAX_FILE_BYTES
    value, problems = read(tmp_path, content)
    assert problems == [] and value is not None


def test_two_documents_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert len(problems) == 1 and "mer än ett dokument" in problems[0]


def test_an_error_at_the_end_names_the_last_line(tmp_path: Path) -> None:
    """libyaml marks an error at the very end on a line after the text; the report names the
    last line that exists, so an editor and a GitHub annotation can show it."""
    _, problems = read(tmp_path, "a: 1\nb: 2\nc")
    assert len(problems) == 1 and problems[0].startswith("data/fil.yml:3: ")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("      Rad ett.\n     Rad två.\n", 5),  # one space too few
        ("      Rad ett.\n    Rad två fortsätter här.\n", 4),  # back at the level of the key
    ],
    ids=["inside", "at-key-level"],
)
def test_wrong_indentation_inside_a_block_text_is_called_indentation(text: str, found: int) -> None:
    content = (
        "ar: 2024\nuppfoljningar:\n  - aktivitet: x\n    status: pågår\n    text: |\n"
        + text
        + "    utkast: true\n"
    )
    assert parse_yaml(content, "data/fil.yml") == (
        None,
        [
            Problem(
                "data/fil.yml",
                7,
                "filen går inte att läsa som YAML: indraget på rad 7 stämmer inte med texten "
                'under "text: |" på rad 5. Varje rad i texten ska ha lika många mellanslag '
                f"först som den första raden (6), men den här har {found}. Ge raden samma "
                "indrag som raderna ovanför.",
            )
        ],
    )


def test_a_field_without_colon_after_a_block_text_is_not_an_indentation_error() -> None:
    _, problems = parse_yaml("beskrivning: |\n  Rad ett.\ntitel x\nnamn: y\n", "data/fil.yml")
    assert [p.message for p in problems] == [
        "filen går inte att läsa som YAML: ett kolon (:) saknas efter fältets namn."
    ]


@pytest.mark.parametrize(
    "key",
    ['"ti\\u202etel"', "ti\u202etel"],
    ids=["escaped", "written"],
)
def test_a_hidden_character_in_a_key_is_reported(tmp_path: Path, key: str) -> None:
    """Keys are checked like values whenever the file could hold such a character at all."""
    _, problems = read(tmp_path, f"namn: A\n{key}: x\n")
    assert len(problems) == 1 and problems[0].startswith("data/fil.yml:2: ")


def test_an_ampersand_without_an_alias_is_only_text(tmp_path: Path) -> None:
    """A file with "&" is read the careful way (a value may be used twice through an alias);
    text with an ampersand, the same value written twice and a real anchor are all fine."""
    value, problems = read(tmp_path, "a: Polis & kommun\nb: Polis & kommun\nc: &x ja\n")
    assert problems == []
    assert value == {"a": "Polis & kommun", "b": "Polis & kommun", "c": "ja"}


@pytest.mark.parametrize(
    "text",
    ["a: {&k titel: x}\nb: {*k : y}\n", "a: {&k titel: x}\nb: *k\n"],
    ids=["alias as a key", "alias of a key"],
)
def test_an_alias_of_a_key_is_refused_too(tmp_path: Path, text: str) -> None:
    _, problems = read(tmp_path, text)
    # Reported where the value was first written, as every alias is (the node is the same).
    assert (
        len(problems) == 1 and "alias" in problems[0] and problems[0].startswith("data/fil.yml:1")
    )
