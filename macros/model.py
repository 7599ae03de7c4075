"""The data model: what a citizen promise (medborgarlöfte) is made of.

Plain frozen dataclasses with no I/O. Field names are English; the Swedish words staff write in
`data/` are mapped onto them in `schema.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property


class Status(StrEnum):
    """The closed status vocabulary of a yearly follow-up, in the order shown in tables."""

    PLANNED = "planerad"
    ONGOING = "pågår"
    DONE = "genomförd"
    DELAYED = "försenad"
    CANCELLED = "avbruten"


class PeriodState(StrEnum):
    ONGOING = "pågående"
    ENDED = "avslutat"


class Party(StrEnum):
    POLICE = "polisen"
    MUNICIPALITY = "kommunen"
    BOTH = "båda"


class Content(StrEnum):
    """What a promise's published text holds: activities under focus areas, only focus
    statements, or nothing that is published (the promise is known to be signed)."""

    ACTIVITIES = "aktiviteter"
    FOCUS_AREAS = "fokusområden"
    UNPUBLISHED = "ej publicerat"


class IndicatorKind(StrEnum):
    OUTPUT = "aktivitetsmått"
    OUTCOME = "effektmått"


class Direction(StrEnum):
    """Which way an indicator should move: the desired direction judges its trend."""

    UP = "öka"
    DOWN = "minska"


@dataclass(frozen=True)
class Origin:
    """Where a record was written: a path relative to the repository and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as public sources give it."""

    year: int
    month: int | None = None
    day: int | None = None

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class PublishedFollowUp:
    """A follow-up of one year that someone else published (for example the municipality on its
    own website), linked to where it stands; it replaces the two-party approval of follow-ups
    written in this repository."""

    year: int
    publisher: str
    link: Link
    published: PartialDate | None
    summary: str
    origin: Origin


@dataclass(frozen=True)
class SourceConflict:
    """Two sources that disagree: the site follows the promise's main source, not `other`."""

    other: Link
    difference: str
    reason: str
    origin: Origin


@dataclass(frozen=True)
class Contact:
    """Who answers questions about the open data: the data portal's contact point."""

    name: str
    email: str


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    short_name: str
    code: str
    county: str
    website: str
    origin: Origin
    contact: Contact | None = None  # None: the source names no open-data contact
    # The parties' official phone numbers and e-mail addresses, which texts may name.
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FocusArea:
    id: str
    title: str
    summary: str
    description: str
    background: str
    order: int
    origin: Origin
    title_en: str | None = None  # for the page in English; None: the Swedish title is shown
    source: Link | None = None


@dataclass(frozen=True)
class Activity:
    id: str
    area_id: str
    title: str
    description: str
    responsible: Party
    partners: tuple[str, ...]
    years: tuple[int, ...]
    places: tuple[str, ...]
    example: bool
    origin: Origin


@dataclass(frozen=True)
class Approval:
    police: dt.date | None
    municipality: dt.date | None

    @property
    def complete(self) -> bool:
        return self.police is not None and self.municipality is not None


@dataclass(frozen=True)
class FollowUp:
    activity_id: str
    year: int
    status: Status
    text: str
    progress: int | None
    links: tuple[Link, ...]
    approval: Approval
    draft: bool
    example: bool
    origin: Origin


@dataclass(frozen=True)
class Measurement:
    year: int
    value: float
    source: str | None
    origin: Origin


@dataclass(frozen=True)
class Indicator:
    id: str
    area_id: str
    activity_id: str | None
    name: str
    kind: IndicatorKind
    unit: str
    source: str
    baseline: Measurement
    target: Measurement | None
    values: tuple[Measurement, ...]
    example: bool
    origin: Origin
    direction: Direction | None = None  # required for outcome indicators (effektmått)


@dataclass(frozen=True)
class Promise:
    """One municipality's promise for one period, with everything that hangs under it."""

    municipality: Municipality
    slug: str
    title: str
    start_year: int
    end_year: int
    state: PeriodState
    police_party: str
    municipality_party: str
    based_on: tuple[str, ...]
    cadence: str | None
    feedback_channels: tuple[str, ...]
    source: Link
    description: str
    origin: Origin
    # A promise not yet signed by both parties: shown only in preview builds.
    draft: bool = False
    # When both parties signed, as exactly as the source gives it (a year, a month or a day).
    signed: PartialDate | None = None
    areas: tuple[FocusArea, ...] = ()
    activities: tuple[Activity, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    title_en: str | None = None  # for the page in English; None: the Swedish title is shown
    content: Content = Content.ACTIVITIES
    other_parties: tuple[str, ...] = ()  # a third party, e.g. a housing company
    more_sources: tuple[Link, ...] = ()
    published_follow_ups: tuple[PublishedFollowUp, ...] = ()
    conflict: SourceConflict | None = None

    @property
    def key(self) -> str:
        """Stable address of the promise: municipality id and period folder."""
        return f"{self.municipality.id}/{self.slug}"

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start_year, self.end_year + 1))

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def sources(self) -> tuple[Link, ...]:
        """Every source of the promise: the one the site follows first, each address once."""
        found: dict[str, Link] = {self.source.url: self.source}
        for link in self.more_sources:
            found.setdefault(link.url, link)
        if self.conflict is not None:
            found.setdefault(self.conflict.other.url, self.conflict.other)
        for area in self.areas:
            if area.source is not None:
                found.setdefault(area.source.url, area.source)
        for published in self.published_follow_ups:
            found.setdefault(published.link.url, published.link)
        return tuple(found.values())

    @property
    def party_names(self) -> tuple[str, ...]:
        return (self.police_party, self.municipality_party, *self.other_parties)

    def area(self, area_id: str) -> FocusArea:
        return next(a for a in self.areas if a.id == area_id)

    def activity(self, activity_id: str) -> Activity:
        return next(a for a in self.activities if a.id == activity_id)

    def activities_in(self, area_id: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.area_id == area_id)

    def indicators_in(self, area_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.area_id == area_id)

    @cached_property
    def _follow_up_index(self) -> dict[tuple[str, int], FollowUp]:
        return {(f.activity_id, f.year): f for f in self.follow_ups}

    def follow_up(self, activity_id: str, year: int) -> FollowUp | None:
        """The follow-up of one activity for one year, if there is one."""
        return self._follow_up_index.get((activity_id, year))

    @property
    def has_examples(self) -> bool:
        return (
            any(a.example for a in self.activities)
            or any(f.example for f in self.follow_ups)
            or any(i.example for i in self.indicators)
        )


_SWEDISH_LETTERS = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "é": "e"})


def swedish_order(name: str) -> str:
    """A sort key that puts å, ä and ö after z, as Swedish does (Åsele after Vännäs)."""
    return name.lower().translate(_SWEDISH_LETTERS)


@dataclass(frozen=True)
class Dataset:
    """Everything under `data/`: municipalities and their promises, in a stable order."""

    municipalities: tuple[Municipality, ...] = ()
    promises: tuple[Promise, ...] = ()
    # The county whose part of a national site this data set is (built one county at a time);
    # None for a whole site. Its site feed and open-data page then speak of the county.
    county_part: str | None = None

    @property
    def counties(self) -> tuple[str, ...]:
        """The counties of the municipalities, in Swedish alphabetical order."""
        return tuple(sorted({m.county for m in self.municipalities}, key=swedish_order))

    def municipalities_in(self, county: str) -> tuple[Municipality, ...]:
        return tuple(m for m in self.municipalities if m.county == county)

    def promises_of(self, municipality_id: str) -> tuple[Promise, ...]:
        """The promises of one municipality, newest period first."""
        found = [p for p in self.promises if p.municipality.id == municipality_id]
        return tuple(sorted(found, key=lambda p: p.start_year, reverse=True))

    def promise(self, key: str) -> Promise:
        return next(p for p in self.promises if p.key == key)

    def without_drafts(self) -> Dataset:
        """The dataset as the public site and every export show it: draft promises and draft
        follow-ups left out, and a municipality whose only promise is a draft with them."""
        promises = tuple(
            replace(p, follow_ups=tuple(f for f in p.follow_ups if not f.draft))
            for p in self.promises
            if not p.draft
        )
        shown = {p.municipality.id for p in promises}
        return replace(
            self,
            municipalities=tuple(m for m in self.municipalities if m.id in shown),
            promises=promises,
        )
