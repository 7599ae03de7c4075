"""What the templates show, computed in Python: small view objects handed to the templates in
place of the `progress` and `pages` modules. Templates read attributes and call these typed
methods; the counting lives in `macros.progress`, and mypy checks every call made here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from macros import progress
from macros.format import format_number, format_share
from macros.model import (
    Activity,
    Content,
    Dataset,
    FocusArea,
    FollowUp,
    Indicator,
    Municipality,
    Promise,
    Status,
)
from macros.site import charts, pages, texts


class Links:
    """Links from one page (at `page_url`, a site-relative directory URL) to the others."""

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url

    def __call__(self, target: str) -> str:
        return pages.relative(target, self.page_url)

    def promise(self, promise: Promise) -> str:
        return self(pages.promise_url(promise))

    def area(self, promise: Promise, area: FocusArea | str) -> str:
        return self(pages.area_url(promise, area))

    def activity(self, promise: Promise, activity: Activity) -> str:
        return self(pages.activity_url(promise, activity))

    def year(self, promise: Promise, year: int) -> str:
        return self(pages.year_url(promise, year))

    def promise_feed(self, promise: Promise) -> str:
        return self(pages.promise_feed_path(promise.key))

    def municipality_feed(self, promise: Promise) -> str:
        return self(pages.municipality_feed_path(promise.municipality.id))


@dataclass(frozen=True)
class YearShare:
    year: int
    count: progress.StatusCount


@dataclass(frozen=True)
class ChartView:
    chart: charts.BarChart
    description: str  # the same values in words, for screen readers


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    progress: progress.IndicatorProgress
    chart: ChartView


@dataclass(frozen=True)
class ActivityStatus:
    """An activity with its newest status, as lists of activities show it."""

    promise: Promise
    activity: Activity
    status: Status | None  # None: not followed up
    year: int | None  # the last year the activity runs


def indicator_chart(indicator: Indicator) -> ChartView:
    """A chart of an indicator's baseline, values and target, and its text for screen readers."""
    points = [(str(indicator.baseline.year), indicator.baseline.value, "baseline")]
    points += [(str(m.year), m.value, "value") for m in indicator.values]
    if indicator.target is not None:
        points.append((texts.target_label(indicator.target.year), indicator.target.value, "target"))
    chart = charts.bar_chart([(label, v, format_number(v), kind) for label, v, kind in points])
    said = [f"{label}: {format_number(v)}" for label, v, _ in points]
    return ChartView(chart, texts.indicator_chart_description(indicator.unit, said))


def indicator_view(indicator: Indicator) -> IndicatorView:
    return IndicatorView(
        indicator, progress.indicator_progress(indicator), indicator_chart(indicator)
    )


def latest_status(promise: Promise, activity: Activity) -> ActivityStatus:
    history = progress.status_history(promise, activity)
    year, status = history[-1] if history else (None, None)
    return ActivityStatus(promise, activity, status, year)


class PromiseView:
    """What the pages of one promise show. Values are computed when first read."""

    def __init__(self, promise: Promise) -> None:
        self.promise = promise
        self._counts: dict[int, progress.StatusCount] = {}

    @cached_property
    def latest_year(self) -> int | None:
        return progress.latest_year(self.promise)

    @cached_property
    def followed_up_years(self) -> tuple[int, ...]:
        return progress.followed_up_years(self.promise)

    def count(self, year: int) -> progress.StatusCount:
        """The activities that run a year, by status."""
        if year not in self._counts:
            running = progress.running(self.promise, year)
            self._counts[year] = progress.count_by_status(running, self.promise, year)
        return self._counts[year]

    @cached_property
    def latest_share(self) -> float | None:
        return None if self.latest_year is None else self.count(self.latest_year).share_done

    @cached_property
    def shares(self) -> tuple[YearShare, ...]:
        """Each followed-up year with its count, oldest first."""
        return tuple(YearShare(y, self.count(y)) for y in self.followed_up_years)

    @cached_property
    def share_chart(self) -> ChartView:
        """A chart of the share completed for each year that has been followed up."""
        points = []
        for row in self.shares:
            share = row.count.share_done
            value = None if share is None else round(share * 100, 1)
            points.append((str(row.year), value, format_share(share), "value"))
        said = "; ".join(f"{label}: {text}" for label, _, text, _ in points)
        return ChartView(charts.bar_chart(points), texts.share_chart_description(said))

    def overview(self, year: int) -> tuple[progress.AreaRow, ...]:
        return progress.overview(self.promise, year)

    def history(self, activity: Activity) -> tuple[tuple[int, Status | None], ...]:
        return progress.status_history(self.promise, activity)

    def latest(self, activity: Activity) -> ActivityStatus:
        return latest_status(self.promise, activity)

    def latest_follow_up(self, activity: Activity) -> FollowUp | None:
        year = progress.latest_follow_up_year(self.promise, activity)
        return None if year is None else self.promise.follow_up(activity.id, year)

    def running(self, year: int, area_id: str) -> tuple[Activity, ...]:
        return progress.running(self.promise, year, area_id)

    def area_indicators(self, area_id: str) -> list[IndicatorView]:
        return [indicator_view(i) for i in self.promise.indicators_in(area_id)]

    def activity_indicators(self, activity_id: str) -> list[IndicatorView]:
        found = [i for i in self.promise.indicators if i.activity_id == activity_id]
        return [indicator_view(i) for i in found]


@dataclass(frozen=True)
class YearTexts:
    """The ready texts of a year page: a summary, a social-media post, a press release."""

    summary: str
    social_post: str
    press_release: str


def year_texts(promise: Promise, year: int, absolute_url: str) -> YearTexts:
    return YearTexts(
        texts.year_summary(promise, year),
        texts.social_post(promise, year, absolute_url),
        texts.press_release(promise, year, absolute_url),
    )


@dataclass(frozen=True)
class CountyRow:
    """One municipality on its county's page: its current (newest) promise at a glance."""

    municipality: Municipality
    view: PromiseView

    @property
    def promise(self) -> Promise:
        return self.view.promise

    @property
    def area_count(self) -> int | None:
        """How many focus areas the promise has; None when its content is not published."""
        if self.promise.content is Content.UNPUBLISHED:
            return None
        return len(self.promise.areas)

    @property
    def has_follow_up(self) -> bool:
        return bool(self.view.followed_up_years or self.promise.published_follow_ups)


def county_rows(dataset: Dataset, county: str) -> tuple[CountyRow, ...]:
    return tuple(
        CountyRow(m, PromiseView(dataset.promises_of(m.id)[0]))
        for m in dataset.municipalities_in(county)
        if dataset.promises_of(m.id)
    )


@dataclass(frozen=True)
class PlaceCount:
    name: str
    activities: int  # how many activities name the place


@dataclass(frozen=True)
class MunicipalityPlaces:
    """One municipality on a county's places overview: its places page and its place names."""

    municipality: Municipality
    url: str  # the municipality's places page (site-relative)
    places: tuple[PlaceCount, ...]


def county_places(dataset: Dataset, county: str) -> tuple[MunicipalityPlaces, ...]:
    return tuple(
        MunicipalityPlaces(
            m,
            pages.places_url(m.id),
            tuple(PlaceCount(place, len(items)) for place, items in progress.places(dataset, m.id)),
        )
        for m in dataset.municipalities_in(county)
    )
