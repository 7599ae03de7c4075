"""Progress: pure functions from the model to the numbers every table shows.

How shares are counted (said once here, and in one sentence on each page):
the share completed for a year is the number of activities with status "genomförd" divided by
the number of activities that were followed up that year. An activity that runs that year but has
no follow-up is "ej uppföljd": it is counted apart and is in neither part of the fraction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from macros.model import (
    Activity,
    Dataset,
    Direction,
    FollowUp,
    Indicator,
    Measurement,
    Promise,
    Status,
)


@dataclass(frozen=True)
class StatusCount:
    """Activities of one year (for one area, or all) by status."""

    by_status: tuple[tuple[Status, int], ...]
    not_followed_up: int

    @property
    def followed_up(self) -> int:
        return sum(n for _, n in self.by_status)

    @property
    def total(self) -> int:
        return self.followed_up + self.not_followed_up

    def count(self, status: Status) -> int:
        return dict(self.by_status)[status]

    @property
    def done(self) -> int:
        return self.count(Status.DONE)

    @property
    def share_done(self) -> float | None:
        """Share of followed-up activities that are done, 0–1; None when none was followed up."""
        return self.done / self.followed_up if self.followed_up else None


@dataclass(frozen=True)
class AreaRow:
    area_id: str | None  # None for the row that sums every area
    title: str | None  # the area's title; None for the row that sums every area
    count: StatusCount
    change: float | None  # change of share_done against the year before, in percentage points


class Trend(Enum):
    """The newest value against the baseline, judged by the indicator's desired direction."""

    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IndicatorProgress:
    latest: Measurement | None
    change: float | None  # latest minus baseline, in the indicator's unit
    change_percent: float | None  # relative to the baseline; None when the baseline is zero
    target_gap: float | None  # target minus latest; None without a target or a value
    target_reached: bool | None
    trend: Trend | None = None  # None without a value or without a desired direction


def running(promise: Promise, year: int, area_id: str | None = None) -> tuple[Activity, ...]:
    """The activities that run a given year, optionally in one area."""
    return tuple(
        a
        for a in promise.activities
        if year in a.years and (area_id is None or a.area_id == area_id)
    )


_STATUSES = tuple(Status)  # iterating the Enum class itself is slow, and this runs per page


def count_by_status(activities: Iterable[Activity], promise: Promise, year: int) -> StatusCount:
    counts = dict.fromkeys(_STATUSES, 0)
    missing = 0
    for activity in activities:
        follow_up = promise.follow_up(activity.id, year)
        if follow_up is None:
            missing += 1
        else:
            counts[follow_up.status] += 1
    return StatusCount(tuple(counts.items()), missing)


def change_in_share(promise: Promise, year: int, area_id: str | None = None) -> float | None:
    """Change of the share completed against the year before, in percentage points."""
    if year - 1 not in promise.years:
        return None
    now = count_by_status(running(promise, year, area_id), promise, year).share_done
    before = count_by_status(running(promise, year - 1, area_id), promise, year - 1).share_done
    if now is None or before is None:
        return None
    return round((now - before) * 100, 1)


def overview(promise: Promise, year: int) -> tuple[AreaRow, ...]:
    """One row per focus area for a year, then a row for all areas together."""
    rows = [
        AreaRow(
            area.id,
            area.title,
            count_by_status(running(promise, year, area.id), promise, year),
            change_in_share(promise, year, area.id),
        )
        for area in promise.areas
    ]
    rows.append(
        AreaRow(
            None,
            None,
            count_by_status(running(promise, year), promise, year),
            change_in_share(promise, year),
        )
    )
    return tuple(rows)


def followed_up_years(promise: Promise) -> tuple[int, ...]:
    """The years that have at least one follow-up, oldest first."""
    return tuple(sorted({f.year for f in promise.follow_ups}))


def latest_year(promise: Promise) -> int | None:
    """The newest year with a follow-up; None if nothing has been followed up yet."""
    years = followed_up_years(promise)
    return years[-1] if years else None


def status_history(promise: Promise, activity: Activity) -> tuple[tuple[int, Status | None], ...]:
    """The status of an activity for each year it runs; None means "ej uppföljd"."""
    history = []
    for year in activity.years:
        follow_up = promise.follow_up(activity.id, year)
        history.append((year, follow_up.status if follow_up else None))
    return tuple(history)


def latest_follow_up_year(promise: Promise, activity: Activity) -> int | None:
    years = [y for y in activity.years if promise.follow_up(activity.id, y) is not None]
    return years[-1] if years else None


def indicator_progress(indicator: Indicator) -> IndicatorProgress:
    """Change of the newest value against the baseline and the target."""
    latest = indicator.values[-1] if indicator.values else None
    if latest is None:
        return IndicatorProgress(None, None, None, None, None)
    base = indicator.baseline.value
    change = round(latest.value - base, 2)
    change_percent = round(change / base * 100, 1) if base else None
    trend = _trend(change, indicator.direction)
    target = indicator.target
    if target is None:
        return IndicatorProgress(latest, change, change_percent, None, None, trend)
    gap = round(target.value - latest.value, 2)
    # The desired direction decides; without one, a target below the baseline is reached by
    # going down to it, otherwise by going up.
    down = (
        indicator.direction is Direction.DOWN
        if indicator.direction is not None
        else target.value < base
    )
    reached = latest.value <= target.value if down else latest.value >= target.value
    return IndicatorProgress(latest, change, change_percent, gap, reached, trend)


def _trend(change: float, direction: Direction | None) -> Trend | None:
    if direction is None:
        return None
    if change == 0:
        return Trend.UNCHANGED
    better = change > 0 if direction is Direction.UP else change < 0
    return Trend.BETTER if better else Trend.WORSE


@dataclass(frozen=True)
class ReviewState:
    """The follow-ups of one year by how far they have come on their way to publication."""

    to_write: tuple[FollowUp, ...]  # drafts whose text is still empty
    one_party: tuple[FollowUp, ...]  # a text approved by the police or the municipality only
    not_approved: tuple[FollowUp, ...]  # a text approved by neither party yet
    both: tuple[FollowUp, ...]  # a text approved by both parties (published unless a draft)


def review_state(promise: Promise, year: int | None = None) -> ReviewState:
    """Where the follow-ups of a year (or of every year) stand in the review."""
    chosen = [f for f in promise.follow_ups if year is None or f.year == year]
    written = [f for f in chosen if not (f.draft and not f.text.strip())]

    def approvals(f: FollowUp) -> int:
        return (f.approval.police is not None) + (f.approval.municipality is not None)

    return ReviewState(
        to_write=tuple(f for f in chosen if f.draft and not f.text.strip()),
        one_party=tuple(f for f in written if approvals(f) == 1),
        not_approved=tuple(f for f in written if approvals(f) == 0),
        both=tuple(f for f in written if approvals(f) == 2),
    )


def approved_follow_ups(dataset: Dataset) -> list[tuple[Promise, FollowUp, dt.date]]:
    """Approved follow-ups with the day the last of the two parties approved, newest first."""
    found = []
    for promise in dataset.promises:
        for f in promise.follow_ups:
            police, municipality = f.approval.police, f.approval.municipality
            if not f.draft and police is not None and municipality is not None:
                found.append((promise, f, max(police, municipality)))
    found.sort(key=lambda item: (item[2], item[0].key, item[1].activity_id), reverse=True)
    return found


def places(
    dataset: Dataset, municipality_id: str | None = None
) -> list[tuple[str, list[tuple[Promise, Activity]]]]:
    """Every place named by an activity (of one municipality, or of all), in Swedish
    alphabetical order, with its activities."""
    by_place: dict[str, list[tuple[Promise, Activity]]] = {}
    for promise in dataset.promises:
        if municipality_id is not None and promise.municipality.id != municipality_id:
            continue
        for activity in promise.activities:
            for place in activity.places:
                by_place.setdefault(place, []).append((promise, activity))
    return sorted(by_place.items(), key=lambda item: swedish_sort_key(item[0]))


_SWEDISH_ORDER = {"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"}


def swedish_sort_key(text: str) -> str:
    """Sort key for Swedish words: å, ä and ö come after z."""
    return "".join(_SWEDISH_ORDER.get(c, c) for c in text.lower())
