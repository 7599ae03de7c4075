"""Rules across municipalities and periods."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import problems_of


def test_a_kommunkod_used_twice_is_an_error(valid_data: Path) -> None:
    shutil.copytree(valid_data / "testby", valid_data / "annanby")
    assert problems_of(valid_data) == [
        'data/testby/kommun.yml:1: "kommunkod" är "0114", men den koden har redan kommunen '
        '"annanby". Varje kommun har en egen kommunkod.'
    ]


def test_overlapping_periods_of_one_municipality_are_an_error(valid_data: Path) -> None:
    shutil.copytree(valid_data / "testby" / "2024-2025", valid_data / "testby" / "2025-2026")
    lofte = valid_data / "testby" / "2025-2026" / "lofte.yml"
    lofte.write_text(
        lofte.read_text(encoding="utf-8").replace(
            "start: 2024\n  slut: 2025", "start: 2025\n  slut: 2026"
        ),
        encoding="utf-8",
    )
    shutil.rmtree(valid_data / "testby" / "2025-2026" / "uppfoljning" / "2024")
    (valid_data / "testby" / "2025-2026" / "indikatorer" / "kontroller.yml").unlink()
    assert problems_of(valid_data) == [
        "data/testby/2025-2026/lofte.yml:1: löftet testby/2025-2026 gäller 2025–2026, men "
        "löftet testby/2024-2025 gäller 2024–2025: perioderna för en kommun får inte "
        "överlappa. Rätta start- eller slutåret."
    ]
