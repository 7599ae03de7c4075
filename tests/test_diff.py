"""The citizen diff as a pure function of two data sets (the fixture before and after an edit).

`lofte diff` shows every change a citizen can see: every field of the schema is either compared
or deliberately not shown, and each kind of change gives its own line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from macros.data import schema
from macros.data.folders import read_dataset
from macros.data.layout import FileKind
from macros.staff import diff, scaffold
from macros.staff.diff import citizen_diff
from tests.conftest import load

PROMISE = Path("testby") / "2024-2025"


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / PROMISE / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} saknas i {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_share_table_is_headed_by_the_year_it_shows(valid_data: Path) -> None:
    """The table of shares shows the newest followed-up year (2025), and its heading says so,
    even when an indicator value of an older year (2024) changed in the same edit."""
    before = load(valid_data)
    _edit(valid_data, "uppfoljning/2025/droger.yml", "status: genomförd", "status: pågår")
    _edit(valid_data, "indikatorer/kontroller.yml", "varde: 12", "varde: 14")
    out = citizen_diff(before, load(valid_data))
    assert "- Indikatorn **Antal kontroller** 2024: 12 → 14 kontroller" in out
    assert "Andel genomförda 2025 före och efter ändringen:" in out
    assert "Andel genomförda 2024" not in out
    assert "| Droger | 100\u00a0% | 0\u00a0% | 0 av 1 |" in out


def test_share_table_matches_rows_by_area_not_by_title(valid_data: Path) -> None:
    """A renamed area is the same row before and after: its old share is shown, not a dash."""
    before = load(valid_data)
    _edit(valid_data, "omraden/droger.yml", "titel: Droger", "titel: Narkotika")
    _edit(valid_data, "uppfoljning/2025/droger.yml", "status: genomförd", "status: pågår")
    out = citizen_diff(before, load(valid_data))
    assert "| Narkotika | 100\u00a0% | 0\u00a0% | 0 av 1 |" in out


def schema_paths(node: dict[str, Any], prefix: str = "") -> set[str]:
    """Every field of a file's JSON Schema as a dotted path; list items have no index."""
    if node.get("type") == "array":
        return schema_paths(node["items"], prefix)
    if node.get("type") != "object":
        return {prefix}
    found: set[str] = set()
    for key, child in node["properties"].items():
        found |= schema_paths(child, f"{prefix}.{key}" if prefix else key)
    return found


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_every_schema_field_is_compared_or_deliberately_not_shown(kind: FileKind) -> None:
    fields = schema_paths(schema.file_schema(kind))
    listed = diff.FIELDS[kind]
    assert fields - set(listed) == set(), "nya fält: jämför dem i diff.FIELDS eller förklara"
    assert set(listed) - fields == set(), "fält som inte längre finns i schemat"
    for path, rule in listed.items():
        if isinstance(rule, diff.NotShown):
            assert len(rule.reason) > 20, path


def test_a_new_schema_field_fails_the_coverage_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        schema.FILES,
        FileKind.MUNICIPALITY,
        ([*schema.MUNICIPALITY, schema.Field("invanare", schema.text)], "Kommunfil"),
    )
    fields = schema_paths(schema.file_schema(FileKind.MUNICIPALITY))
    assert fields - set(diff.FIELDS[FileKind.MUNICIPALITY]) == {"invanare"}
    assert set(diff.FIELDS) == set(schema.FILES)


def _edit_file(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


P = f"{PROMISE}"
# The changes of the finding, one at a time: each must give exactly these lines.
CHANGES = {
    "kommunens namn": (
        "testby/kommun.yml",
        "namn: Testby kommun",
        "namn: Testby stad",
        "- Kommunen: namn ”Testby kommun” → ”Testby stad”",
    ),
    "webbplats": (
        "testby/kommun.yml",
        "webbplats: https://testby.example",
        "webbplats: https://testby.example/ny",
        "- Kommunen: webbplats ”https://testby.example” → ”https://testby.example/ny”",
    ),
    "källans adress": (
        f"{P}/lofte.yml",
        "url: https://testby.example/lofte",
        "url: https://testby.example/annat",
        "- Löftet: källans adress ”https://testby.example/lofte” → ”https://testby.example/annat”",
    ),
    "sammanfattning": (
        f"{P}/omraden/trafik.yml",
        "sammanfattning: Säkrare vägar.",
        "sammanfattning: Tryggare vägar.",
        "- Området **Trafik** (`trafik`): sammanfattning ”Säkrare vägar.” → ”Tryggare vägar.”",
    ),
    "bakgrund": (
        f"{P}/omraden/trafik.yml",
        "Många kör för fort.",
        "Alla kör för fort.",
        "- Ny bakgrund för Området **Trafik** (`trafik`):\n\n> Alla kör för fort.",
    ),
    "partner": (
        f"{P}/aktiviteter/trafik.yml",
        "- Trafikverket",
        "- Vägverket",
        "- Aktiviteten **Säker skolväg** (`skolvag`): samarbetspartner ”Trafikverket” → "
        "”Vägverket”",
    ),
    "plats": (
        f"{P}/aktiviteter/trafik.yml",
        "- Testby\n",
        "- Testby\n      - Norrby\n",
        "- Aktiviteten **Hastighetskontroller** (`kontroller`): platser ”Testby” → "
        "”Testby”, ”Norrby”",
    ),
    "granskningsdatum": (
        f"{P}/uppfoljning/2025/trafik.yml",
        "kommunen: 2025-11-11",
        "kommunen: 2025-11-12",
        "- **Hastighetskontroller**: kommunens granskning 2025-11-11 → 2025-11-12",
    ),
    "indikatorns namn": (
        f"{P}/indikatorer/kontroller.yml",
        "namn: Antal kontroller",
        "namn: Antal hastighetskontroller",
        "- Indikatorn **Antal hastighetskontroller** (`kontroller`): namn ”Antal kontroller” "
        "→ ”Antal hastighetskontroller”",
    ),
    "mål": (
        f"{P}/indikatorer/kontroller.yml",
        "varde: 20",
        "varde: 25",
        "- Indikatorn **Antal kontroller** (`kontroller`): mål 20 → 25",
    ),
    "länk": (
        f"{P}/uppfoljning/2024/trafik.yml",
        "url: https://polisen.se/nyhet",
        "url: https://polisen.se/annan",
        "- **Hastighetskontroller**: länkar ”Polisens nyhet (https://polisen.se/nyhet)” → "
        "”Polisens nyhet (https://polisen.se/annan)”",
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_a_citizen_sees_is_in_the_summary(valid_data: Path, name: str) -> None:
    relative, old, new, expected = CHANGES[name]
    before = read_dataset(valid_data)
    _edit_file(valid_data, relative, old, new)
    out = diff.citizen_diff(before, read_dataset(valid_data))
    assert "Ändringen påverkar inte" not in out
    assert expected in out, out


def test_an_approved_text_whose_wording_changed_is_named(valid_data: Path) -> None:
    before = read_dataset(valid_data)
    _edit_file(
        valid_data,
        f"{P}/uppfoljning/2025/trafik.yml",
        "Kontrollerna fortsätter.",
        "Kontrollerna har slutat.",
    )
    out = diff.citizen_diff(before, read_dataset(valid_data))
    assert (
        "- **Godkänd text ändrad**: uppföljningen 2025 av **Hastighetskontroller** var godkänd, "
        "och texten har skrivits om; datumen under granskad är desamma som för den gamla texten:"
        "\n\n> Kontrollerna har slutat." in out
    )


def test_no_change_says_so(valid_data: Path) -> None:
    dataset = read_dataset(valid_data)
    assert diff.citizen_diff(dataset, dataset).endswith(
        "Ändringen påverkar inte det som visas för medborgarna.\n"
    )


def test_a_draft_promise_and_its_signing_in_the_diff(valid_data: Path) -> None:
    before = read_dataset(valid_data)
    for relative, text in scaffold.new_period(
        before, valid_data, "testby", "2026-2028", None
    ).items():
        (valid_data / relative).parent.mkdir(parents=True, exist_ok=True)
        (valid_data / relative).write_text(text, encoding="utf-8")
    draft = read_dataset(valid_data)
    assert "- Nytt löfte (utkast: visas inte på webbplatsen förrän det är undertecknat)" in (
        citizen_diff(before, draft)
    )
    promise_file = valid_data / "testby" / "2026-2028" / "lofte.yml"
    promise_file.write_text(
        promise_file.read_text(encoding="utf-8").replace(
            "utkast: true\n", "undertecknat: 2026-03-01\n"
        ),
        encoding="utf-8",
    )
    signed = citizen_diff(draft, read_dataset(valid_data))
    assert (
        "- Löftet är undertecknat och publiceras\n- Löftet: undertecknat – → 2026-03-01" in signed
    )


def test_no_data_text_can_hide_the_rest_of_the_summary(valid_data: Path) -> None:
    """Attack finding 6: the summary is rendered as Markdown with HTML; every value from the
    data is shown as written, so a comment, a tag or a code fence hides nothing."""
    before = read_dataset(valid_data)
    _edit_file(
        valid_data,
        f"{P}/uppfoljning/2025/trafik.yml",
        "      Kontrollerna fortsätter.\n",
        "      Kontrollerna <!-- fortsätter.\n      ```\n      *mer* & [länk](x) | `kod` \\\n",
    )
    _edit_file(
        valid_data, f"{P}/aktiviteter/trafik.yml", "titel: Hastighetskontroller", "titel: A <b>_x_"
    )
    out = diff.citizen_diff(before, read_dataset(valid_data))
    assert "<" not in out.replace("&lt;", "")
    assert (
        "> Kontrollerna &lt;!-- fortsätter.\n> \\`\\`\\`\n"
        "> \\*mer\\* &amp; \\[länk\\](x) \\| \\`kod\\` \\\\\n"
    ) in out
    assert "- Nytt namn: **Hastighetskontroller** → **A &lt;b&gt;\\_x\\_** (`kontroller`)" in out
    assert out.endswith("förrän både polisen och kommunen har godkänt dem.\n")
