"""Progress: counts, shares, changes, histories and indicators, including the edge cases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from macros import progress
from macros.model import Direction, Promise, Status
from tests.conftest import EXAMPLE, load


@pytest.fixture
def promise(valid_data: Path) -> Promise:
    return load(valid_data).without_drafts().promise("testby/2024-2025")


def counts(row: progress.AreaRow) -> dict[str, int]:
    found = {s.value: n for s, n in row.count.by_status if n}
    if row.count.not_followed_up:
        found["ej uppföljd"] = row.count.not_followed_up
    return found


def test_overview_2024(promise: Promise) -> None:
    rows = {r.area_id: r for r in progress.overview(promise, 2024)}
    assert list(rows) == ["droger", "trafik", None]
    # The core returns data, not labels: the row for all areas has no title of its own.
    assert [r.title for r in rows.values()] == ["Droger", "Trafik", None]
    assert counts(rows["droger"]) == {"pågår": 1, "ej uppföljd": 1}
    assert rows["droger"].count.share_done == 0.0
    assert counts(rows["trafik"]) == {"genomförd": 1}
    assert rows["trafik"].count.share_done == 1.0
    assert counts(rows[None]) == {"pågår": 1, "genomförd": 1, "ej uppföljd": 1}
    assert rows[None].count.share_done == 0.5
    assert rows[None].change is None  # 2023 is outside the period


def test_not_followed_up_is_apart_not_zero(promise: Promise) -> None:
    rows = {r.area_id: r for r in progress.overview(promise, 2025)}
    # The 2025 follow-up of "skolbesok" is a draft: the public site counts it as not followed up.
    assert counts(rows["droger"]) == {"ej uppföljd": 2}
    assert rows["droger"].count.share_done is None
    assert rows["droger"].count.total == 2
    assert rows["droger"].change is None


def test_all_cancelled_and_change_in_points(promise: Promise) -> None:
    rows = {r.area_id: r for r in progress.overview(promise, 2025)}
    assert counts(rows["trafik"]) == {"pågår": 1, "avbruten": 1}
    assert rows["trafik"].count.share_done == 0.0
    assert rows["trafik"].change == -100.0
    assert rows[None].count.share_done == 0.0
    assert rows[None].change == -50.0


def test_year_without_follow_ups(promise: Promise) -> None:
    empty = dataclasses.replace(promise, follow_ups=())
    assert progress.latest_year(empty) is None
    assert progress.followed_up_years(empty) == ()
    total = progress.overview(empty, 2024)[-1]
    assert total.count.followed_up == 0
    assert total.count.not_followed_up == 3
    assert total.count.share_done is None


def test_no_activities(promise: Promise) -> None:
    empty = dataclasses.replace(promise, activities=(), follow_ups=())
    total = progress.overview(empty, 2024)[-1]
    assert total.count.total == 0
    assert total.count.share_done is None
    assert total.change is None


def test_status_history_marks_missing_years(promise: Promise) -> None:
    assert progress.status_history(promise, promise.activity("kontroller")) == (
        (2024, Status.DONE),
        (2025, Status.ONGOING),
    )
    assert progress.status_history(promise, promise.activity("fritidsgard")) == (
        (2024, None),
        (2025, None),
    )
    assert progress.status_history(promise, promise.activity("skolvag")) == (
        (2025, Status.CANCELLED),
    )


def test_latest_year(promise: Promise) -> None:
    assert progress.latest_year(promise) == 2025
    assert progress.followed_up_years(promise) == (2024, 2025)


def test_indicator_against_baseline_and_target(promise: Promise) -> None:
    (indicator,) = promise.indicators
    result = progress.indicator_progress(indicator)
    assert result.latest is not None and result.latest.value == 12
    assert result.change == 4
    assert result.change_percent == 50.0
    assert result.target_gap == 8
    assert result.target_reached is False


def test_indicator_going_down_to_a_lower_target(promise: Promise) -> None:
    (indicator,) = promise.indicators
    lower = dataclasses.replace(
        indicator,
        baseline=dataclasses.replace(indicator.baseline, value=21),
        target=dataclasses.replace(indicator.target, value=15),  # type: ignore[type-var]
        values=(dataclasses.replace(indicator.values[0], value=14),),
    )
    result = progress.indicator_progress(lower)
    assert result.change == -7
    assert result.change_percent == -33.3
    assert result.target_reached is True
    assert result.trend is None  # no desired direction: the trend is not judged


@pytest.mark.parametrize(
    ("direction", "latest", "trend", "reached"),
    [
        (Direction.DOWN, 17, progress.Trend.BETTER, False),
        (Direction.DOWN, 14, progress.Trend.BETTER, True),
        (Direction.DOWN, 25, progress.Trend.WORSE, False),
        (Direction.DOWN, 21, progress.Trend.UNCHANGED, False),
        (Direction.UP, 25, progress.Trend.BETTER, True),
        (Direction.UP, 17, progress.Trend.WORSE, True),
    ],
)
def test_indicator_trend_is_judged_by_its_desired_direction(
    promise: Promise, direction: Direction, latest: float, trend: progress.Trend, reached: bool
) -> None:
    (indicator,) = promise.indicators
    judged = dataclasses.replace(
        indicator,
        direction=direction,
        baseline=dataclasses.replace(indicator.baseline, value=21),
        target=dataclasses.replace(indicator.target, value=15),  # type: ignore[type-var]
        values=(dataclasses.replace(indicator.values[0], value=latest),),
    )
    result = progress.indicator_progress(judged)
    assert result.trend is trend
    # The target counts as reached in the desired direction (15 going down, 15 going up).
    assert result.target_reached is reached


def test_indicator_with_zero_baseline_and_no_values(promise: Promise) -> None:
    (indicator,) = promise.indicators
    zero = dataclasses.replace(indicator, baseline=dataclasses.replace(indicator.baseline, value=0))
    assert progress.indicator_progress(zero).change_percent is None
    none = dataclasses.replace(indicator, values=())
    assert progress.indicator_progress(none).latest is None
    assert progress.indicator_progress(none).change is None


def test_example_content_counts() -> None:
    dataset = load(EXAMPLE)
    promise = dataset.promise("robertsfors/2023-2025")
    assert [a.title for a in promise.areas] == [
        "Droger",
        "Trafik",
        "Hemmet ska vara en trygg plats",
        "Ekonomisk brottslighet",
        "Otrygga platser",
    ]
    total = progress.overview(promise, 2025)[-1]
    # Counted by hand in the fixture: 13 of its 14 activities run in 2025 (one ended in 2024),
    # and 10 of their 2025 follow-ups say "genomförd".
    assert (total.count.done, total.count.total) == (10, 13)
    old = dataset.promise("robertsfors/2018")
    assert progress.latest_year(old) is None
    assert all(
        status is None for a in old.activities for _, status in progress.status_history(old, a)
    )
