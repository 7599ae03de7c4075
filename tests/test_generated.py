"""Generated data sets: always valid, deterministic, and every record reaches site and exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data.folders import read_dataset
from macros.publish import export
from macros.site import pages
from macros.staff import generate
from tests.conftest import build_site, scaled


@settings(max_examples=scaled(25))
@given(st.integers(min_value=1, max_value=3), st.integers(min_value=0, max_value=10_000))
def test_the_validator_accepts_everything_the_generator_writes(count: int, seed: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        generate.write(root, generate.generate(count, seed))
        dataset = read_dataset(root)
        assert len(dataset.promises) == count
        for promise in dataset.promises:
            assert len(promise.areas) == 5
            for area in promise.areas:
                assert 8 <= len(promise.activities_in(area.id)) <= 15
            assert len(promise.follow_ups) == 3 * len(promise.activities)


def test_the_same_seed_gives_the_same_files() -> None:
    assert generate.generate(2, 5) == generate.generate(2, 5)
    assert generate.generate(2, 5) != generate.generate(2, 6)


@pytest.mark.parametrize("seed", [11, 12])
def test_nothing_is_lost_on_a_random_valid_data_set(tmp_path: Path, seed: int) -> None:
    data = tmp_path / "data"
    generate.write(data, generate.generate(1, seed))
    dataset = read_dataset(data)
    (tmp_path / "work").mkdir()
    build = build_site(data, tmp_path / "work")
    assert build.returncode == 0, build.output
    (promise,) = dataset.promises
    for activity in promise.activities:
        html = (build.site / pages.activity_url(promise, activity) / "index.html").read_text(
            encoding="utf-8"
        )
        for year in activity.years:
            follow_up = promise.follow_up(activity.id, year)
            assert follow_up is not None
            assert " ".join(follow_up.text.split())[:40] in " ".join(html.split())
    rows = export.tables(dataset)
    for table in export.TABLES:
        csv_text = (build.site / "oppna-data" / f"{table.name}.csv").read_text(encoding="utf-8")
        assert export.read_csv(table, csv_text) == rows[table.name]
    assert len(rows["uppfoljningar"]) == len(promise.follow_ups)
