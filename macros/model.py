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
    contact: Contact | None = None  # always set when read from data/
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
    cadence: str
    feedback_channels: tuple[str, ...]
    source: Link
    description: str
    origin: Origin
    # A promise not yet signed by both parties: shown only in preview builds.
    draft: bool = False
    signed: dt.date | None = None
    areas: tuple[FocusArea, ...] = ()
    activities: tuple[Activity, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    title_en: str | None = None  # for the page in English; None: the Swedish title is shown

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


@dataclass(frozen=True)
class Dataset:
    """Everything under `data/`: municipalities and their promises, in a stable order."""

    municipalities: tuple[Municipality, ...] = ()
    promises: tuple[Promise, ...] = ()

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
