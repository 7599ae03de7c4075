"""The citizen diff as a pure function of two data sets (the fixture before and after an edit)."""

from __future__ import annotations

from pathlib import Path

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
