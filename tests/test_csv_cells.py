"""CSV formula injection: risky text cells start with an apostrophe, the reader removes it, and
the field page says so."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data.folders import read_dataset
from macros.publish import csv_cells, export
from tests.conftest import build_site

ACTIVITIES = Path("testby") / "2024-2025" / "aktiviteter" / "trafik.yml"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            '=HYPERLINK("https://example.invalid","x")',
            '\'=HYPERLINK("https://example.invalid","x")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("'vanlig", "'vanlig"),
        ("Vanlig text", "Vanlig text"),
        ("", ""),
    ],
)
def test_risky_cells_get_an_apostrophe_and_come_back_unchanged(text: str, written: str) -> None:
    assert csv_cells.protect(text) == written
    assert csv_cells.unprotect(written) == text


def test_hostile_titles_and_partners_in_the_csv_files(valid_data: Path, tmp_path: Path) -> None:
    path = valid_data / ACTIVITIES
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("titel: Säker skolväg", "titel: '=HYPERLINK(\"https://example.invalid\")'")
        .replace("- Trafikverket", "- \"+cmd|' /C calc'!A0\""),
        encoding="utf-8",
    )
    dataset = read_dataset(valid_data)
    rows = export.tables(dataset)["aktiviteter"]
    table = export.TABLE_BY_NAME["aktiviteter"]
    content = export.write_csv(table, rows)
    assert '"\'=HYPERLINK(""https://example.invalid"")"' in content
    assert "'+cmd|' /C calc'!A0" in content
    for line in content.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "@")), cell
    assert export.read_csv(table, content) == rows
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 0, build.output
    page = (build.site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    assert "skrivs i CSV-filerna med en apostrof (') först" in page


@pytest.mark.parametrize(
    "cell", ["＝1+1", " =1+1", "\xa0=cmd|' /C calc'!A0", "﹦1", "\u3000+1", " '@x", "＠SUM(A1)"]
)
def test_hidden_and_fullwidth_formula_starts_are_protected(cell: str) -> None:
    """Spreadsheets read fullwidth signs and skip leading spaces (attack finding 11)."""
    assert csv_cells.protect(cell) == "'" + cell
    assert csv_cells.unprotect(csv_cells.protect(cell)) == cell


def _risky_in_full(cell: str) -> bool:
    """The rule as the module states it, without its shortcut for ordinary first characters."""
    if csv_cells._NUMBER.fullmatch(cell):
        return False
    seen = re.sub(r"^[\s']*", "", unicodedata.normalize("NFKC", cell))
    return cell.lstrip("'").startswith(csv_cells.TRIGGERS) or seen.startswith(csv_cells.TRIGGERS)


_STARTS = st.sampled_from(["a", "1", "=", "+", "-", "@", "'", " ", "\t", "\r", "＝", "\xa0", "é"])
_MARKS = st.sampled_from(["\u0338", "\u0301", "\u0327", "\u20d2", "\u0335"])


@settings(max_examples=2000)
@given(st.text(_STARTS, max_size=3), st.text(_MARKS, max_size=2), st.text(max_size=6))
def test_the_shortcut_decides_as_the_full_rule(start: str, marks: str, rest: str) -> None:
    """Combining marks after the first character (=\u0338 composes to ≠) and any text."""
    cell = start + marks + rest
    assert csv_cells._risky(cell) == _risky_in_full(cell)


@settings(max_examples=2000)
@given(st.text(max_size=8))
def test_the_shortcut_decides_as_the_full_rule_for_any_text(cell: str) -> None:
    assert csv_cells._risky(cell) == _risky_in_full(cell)
