"""One small file cannot make a huge site: every text and list has a limit, and the build and
`lofte kontrollera` stop when the site would exceed the output budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.folders import read_dataset
from macros.site import budget
from tests.conftest import FIXTURES, build_site, lofte, problems_of

ACTIVITIES = Path("testby") / "2024-2025" / "aktiviteter" / "trafik.yml"
SHOWN = "data/testby/2024-2025/aktiviteter/trafik.yml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_huge_title_is_refused(valid_data: Path) -> None:
    _edit(valid_data / ACTIVITIES, "titel: Hastighetskontroller", "titel: " + "A" * 80_000)
    assert problems_of(valid_data) == [
        f'{SHOWN}:4: "titel" i aktiviteten "kontroller" (aktiviteter.1.titel) är '
        f'"{"A" * 57}...", men ska vara en text på högst '
        "200 tecken (här är det 80000)."
    ]


def test_ten_thousand_places_are_refused(valid_data: Path) -> None:
    places = "".join(f"      - Ort {n}\n" for n in range(10_000))
    _edit(valid_data / ACTIVITIES, "      - Testby\n", places)
    assert problems_of(valid_data) == [
        f'{SHOWN}:8: "platser" i aktiviteten "kontroller" (aktiviteter.1.platser) är en lista, '
        "men ska vara en lista med högst 30 orter (här är det 10000)."
    ]


def test_a_huge_text_is_refused(valid_data: Path) -> None:
    _edit(valid_data / ACTIVITIES, "Polisen kontrollerar hastigheten.", "Ord. " * 2_000)
    problems = problems_of(valid_data)
    assert len(problems) == 1
    assert problems[0].endswith("men ska vara en text på högst 5000 tecken (här är det 9999).")


def test_too_many_files_in_a_folder_are_refused(valid_data: Path) -> None:
    folder = valid_data / "testby" / "2024-2025" / "indikatorer"
    source = (folder / "kontroller.yml").read_text(encoding="utf-8")
    for n in range(101):
        (folder / f"k{n:03}.yml").write_text(source.replace("id: kontroller", f"id: k{n:03}"))
    assert (
        "data/testby/2024-2025/indikatorer:1: mappen har 102 filer, men får ha högst 100. "
        "Dela upp innehållet."
    ) in problems_of(valid_data)


def test_the_estimate_is_close_to_a_real_build_and_errs_on_the_large_side(
    tmp_path: Path,
) -> None:
    data = FIXTURES / "valid" / "data"
    build = build_site(data, tmp_path)
    assert build.returncode == 0, build.output
    real = sum(p.stat().st_size for p in build.site.rglob("*") if p.is_file())
    estimated = budget.estimate(read_dataset(data)).total
    assert real <= estimated <= 1.5 * real


def test_a_site_over_budget_stops_the_build_and_kontrollera(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(budget.BUDGET_VARIABLE, "2")
    data = FIXTURES / "valid" / "data"
    found = budget.estimate(read_dataset(data))
    message = (
        "data/testby/2024-2025/lofte.yml:1: webbplatsen skulle bli omkring "
        f"{found.total / 1_000_000:.1f} MB, men får vara högst 2.0 MB. Mest tar löftet "
        f"testby/2024-2025 (omkring {found.largest_bytes / 1_000_000:.1f} MB). Korta texterna "
        "eller dela upp listorna (aktiviteter, platser, uppföljningar)."
    )
    build = build_site(data, tmp_path)
    assert build.returncode == 1
    assert message in build.output
    assert "Traceback" not in build.output
    assert not (tmp_path / "site" / "index.html").exists()
    check = lofte("kontrollera", "--data", str(data))
    assert check.returncode == 1
    assert message in check.stdout


def test_pages_counted_while_written_stop_the_build_too() -> None:
    found = budget.Estimate(600_000_000, None, 0)
    problem = budget.over_budget(found, 500_000_000, counted=True)
    assert problem is not None
    assert str(problem) == (
        "data:1: webbplatsen har redan blivit 600 MB, men får vara högst 500 MB. Korta texterna "
        "eller dela upp listorna (aktiviteter, platser, uppföljningar)."
    )


def test_the_estimate_counts_titles_by_their_bytes(valid_data: Path, tmp_path: Path) -> None:
    """Navigation titles of 200 characters of four bytes each (attack finding 12)."""
    wide = "𝕏" * 200
    promise = valid_data / "testby" / "2024-2025"
    for n in range(40):
        (promise / "omraden" / f"o{n:02}.yml").write_text(
            f"id: o{n:02}\ntitel: {wide}\nsammanfattning: Kort.\nordning: {n + 3}\n"
            "beskrivning: |\n  Om det.\nbakgrund: |\n  Varför.\n",
            encoding="utf-8",
        )
        (promise / "aktiviteter" / f"o{n:02}.yml").write_text(
            f"omrade: o{n:02}\naktiviteter:\n  - id: a{n:02}\n    titel: {wide}\n"
            "    beskrivning: |\n      Det görs.\n    ansvar: polisen\n",
            encoding="utf-8",
        )
    (tmp_path / "bygg").mkdir()
    build = build_site(valid_data, tmp_path / "bygg")
    assert build.returncode == 0, build.output
    real = sum(p.stat().st_size for p in build.site.rglob("*") if p.is_file())
    estimated = budget.estimate(read_dataset(valid_data)).total
    assert real <= estimated <= 1.5 * real
