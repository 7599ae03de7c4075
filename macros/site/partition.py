"""The site in parts: which municipalities one MkDocs build holds, and how its navigation reaches
the rest of the country.

With the municipalities of one county (or just one municipality) the site is one build, as it
always was: municipalities at the top, no county level. With several counties the site is
organised as polisen.se organises medborgarlöften, län → kommun → löfte → område → aktivitet,
and built in parts that run side by side (`macros.site.builder`):

- the national start (`start`): the hand-written pages and the list of counties, at /;
- one part per county (`lan/<län>`), at /<län>/: the county page, its municipalities (each
  with its own places page and search index), the county's places overview, open data and
  feed. Its navigation lists every county and the municipalities of its own county, never all
  of them.

An editor's preview builds one municipality with the shared pages (`kommun/<id>`, from
`make serve KOMMUN=<id>`), at any national size. The part is chosen by the environment variable
MEDBORGARLOFTEN_DEL, which the Makefile and the builder set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from macros.data import layout
from macros.data.problems import did_you_mean
from macros.model import Municipality

PART_VARIABLE = "MEDBORGARLOFTEN_DEL"
# Hand-written pages a county part keeps (its own open-data page); the others are linked at
# the national start.
COUNTY_DOCS = frozenset({"oppna-data.md"})


class PartKind(StrEnum):
    WHOLE = "hela"  # everything in one build: one county or one municipality
    START = "start"  # the national start page and the hand-written pages
    COUNTY = "lan"  # one county of a national site
    MUNICIPALITY = "kommun"  # one municipality and the shared pages: the editor's preview


@dataclass(frozen=True)
class Part:
    kind: PartKind = PartKind.WHOLE
    key: str = ""  # the county's slug or the municipality's id

    @property
    def name(self) -> str:
        return f"{self.kind.value}/{self.key}" if self.key else self.kind.value


class PartError(Exception):
    """MEDBORGARLOFTEN_DEL (KOMMUN=, LAN=) names a part the data does not have."""


@dataclass(frozen=True)
class County:
    name: str  # Västerbottens län
    slug: str  # vasterbottens-lan: the county's address
    municipalities: tuple[Municipality, ...]


def counties(municipalities: tuple[Municipality, ...]) -> tuple[County, ...]:
    """The counties the municipalities are in, by name, each with its municipalities."""
    by_name: dict[str, list[Municipality]] = {}
    for municipality in municipalities:
        by_name.setdefault(municipality.county, []).append(municipality)
    return tuple(
        County(name, layout.county_slug(name), tuple(members))
        for name, members in sorted(by_name.items(), key=lambda item: layout.county_slug(item[0]))
    )


def is_national(all_counties: tuple[County, ...]) -> bool:
    return len(all_counties) > 1


def _shown(kind: str, key: str, text: str) -> str:
    """The value as the person set it: KOMMUN=… and LAN=… are how the Makefile names a part."""
    if kind == PartKind.MUNICIPALITY.value:
        return f'KOMMUN="{key}"'
    if kind == PartKind.COUNTY.value:
        return f'LAN="{key}"'
    return f'{PART_VARIABLE}="{text}"'


def part_from_text(text: str) -> Part:
    """The part named by MEDBORGARLOFTEN_DEL: "", "start", "lan/<län>" or "kommun/<id>".
    Raises PartError, in Swedish, for anything else."""
    raw = text
    text = text.strip()
    if not text:
        return Part()
    kind, _, key = text.partition("/")
    try:
        part_kind = PartKind(kind)
    except ValueError:
        raise PartError(
            f'{PART_VARIABLE}="{raw}" känns inte igen: skriv start, lan/<län> eller '
            "kommun/<kommun>, till exempel kommun/robertsfors (make build KOMMUN=robertsfors)."
        ) from None
    given, key = key, key.removesuffix("/")
    if part_kind in (PartKind.WHOLE, PartKind.START):
        if key:
            raise PartError(f'{PART_VARIABLE}="{raw}": {kind} har inget namn efter sig.')
        return Part(part_kind)
    example = "KOMMUN=robertsfors" if part_kind is PartKind.MUNICIPALITY else "LAN=skane-lan"
    what = "kommunens mapp i data/" if part_kind is PartKind.MUNICIPALITY else "länets adress"
    if not key or "/" in key or key in (".", "..") or key != key.strip():
        raise PartError(
            f"{_shown(kind, given, raw)} är inget namn på "
            f"{'en kommun' if part_kind is PartKind.MUNICIPALITY else 'ett län'}: skriv "
            f"namnet på {what}, utan snedstreck, till exempel {example}."
        )
    return Part(part_kind, key)


def part_from_env() -> Part:
    return part_from_text(os.environ.get(PART_VARIABLE, ""))


def members(part: Part, all_counties: tuple[County, ...]) -> frozenset[str] | None:
    """The municipality folders a part reads (None: all of them). Raises PartError with a
    Swedish message when the part names a county or municipality the data lacks."""
    match part.kind:
        case PartKind.WHOLE:
            if is_national(all_counties):
                raise PartError(
                    "Datan har kommuner i "
                    f"{len(all_counties)} län, så webbplatsen byggs ett län i taget: kör "
                    "make build (eller make preview). För att se en kommun medan du skriver: "
                    "make serve KOMMUN=<kommunens mapp>."
                )
            return None
        case PartKind.START | PartKind.COUNTY if not is_national(all_counties):
            only = all_counties[0].name if all_counties else "inget län"
            raise PartError(
                f"{_shown(part.kind.value, part.key, part.name)}: datan har bara ett län "
                f"({only}), så webbplatsen delas inte upp i län. Bygg hela webbplatsen med "
                "make build (utan LAN= och KOMMUN=), eller en kommun med KOMMUN=<kommunens mapp>."
            )
        case PartKind.START:
            return frozenset()
        case PartKind.COUNTY:
            for county in all_counties:
                if county.slug == part.key:
                    return frozenset(m.id for m in county.municipalities)
            slugs = [c.slug for c in all_counties]
            raise PartError(
                f'LAN="{part.key}": länet finns inte i datan.{did_you_mean(part.key, slugs)} '
                f"Länen är: {', '.join(slugs)}."
            )
        case PartKind.MUNICIPALITY:
            ids = sorted(m.id for c in all_counties for m in c.municipalities)
            if part.key not in ids:
                raise PartError(
                    f'KOMMUN="{part.key}": det finns ingen mapp data/{part.key}/.'
                    f"{did_you_mean(part.key, ids)} Skriv namnet på kommunens mapp i data/. "
                    f"{known_municipalities(all_counties)}"
                )
            return frozenset({part.key})


def known_municipalities(all_counties: tuple[County, ...], most: int = 12) -> str:
    """ "Kommunerna är: a, b och c." with at most `most` folder names, then how many more."""
    names = sorted(m.id for c in all_counties for m in c.municipalities)
    if not names:
        return "Datan har inga kommuner."
    title = "Kommunerna är"
    if len(names) <= most:
        shown = ", ".join(names[:-1]) + " och " + names[-1] if len(names) > 1 else names[0]
        return f"{title}: {shown}."
    return f"{title}: {', '.join(names[:most])} och {len(names) - most} till (se data/)."


def county_of(part: Part, all_counties: tuple[County, ...]) -> County | None:
    """The county a county part builds."""
    if part.kind is PartKind.COUNTY:
        return next(c for c in all_counties if c.slug == part.key)
    return None


def keeps_doc(part: Part, src: str) -> bool:
    """Whether a hand-written page in docs/ belongs to this part's build."""
    if part.kind is PartKind.COUNTY:
        return src in COUNTY_DOCS
    if part.kind is PartKind.START:
        return src not in COUNTY_DOCS
    return True


def _docs_link(src: str) -> str:
    """A hand-written page of the national start, as seen from a county part (one level down)."""
    stem = src.removesuffix(".md")
    return "../" if stem == "index" else f"../{stem}/"


def county_links(all_counties: tuple[County, ...], own: County | None) -> list[Any]:
    """The list of counties: the own county's page is index.md of its part, the others links."""
    prefix = "../" if own is not None else ""
    return [{c.name: "index.md" if c == own else f"{prefix}{c.slug}/"} for c in all_counties]


COUNTIES_TITLE = "Län"


def navigation(
    part: Part,
    configured: list[Any],
    generated: list[Any],
    all_counties: tuple[County, ...],
) -> list[Any]:
    """The navigation of a part's build: `configured` is mkdocs.yml's nav (the hand-written
    pages, start first), `generated` the sections the data gives (`pages.navigation`)."""
    if part.kind is PartKind.START:
        return (
            configured[:1]
            + [{COUNTIES_TITLE: county_links(all_counties, None)}]
            + [entry for entry in configured[1:] if keeps_doc(part, _nav_src(entry))]
        )
    if part.kind is PartKind.COUNTY:
        own = county_of(part, all_counties)
        rest = []
        for entry in configured[1:]:
            src = _nav_src(entry)
            title = next(iter(entry)) if isinstance(entry, dict) else src
            rest.append(entry if keeps_doc(part, src) else {title: _docs_link(src)})
        start_title = next(iter(configured[0])) if isinstance(configured[0], dict) else "Start"
        return [
            {start_title: "../"},
            {COUNTIES_TITLE: county_links(all_counties, own)},
            *generated,
            *rest,
        ]
    return configured[:1] + generated + configured[1:]


def _nav_src(entry: Any) -> str:
    if isinstance(entry, dict):
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else ""
    return entry if isinstance(entry, str) else ""


def county_page(part: Part, all_counties: tuple[County, ...]) -> tuple[County, str] | None:
    """The county whose page is the start of this build, and the page's source path: only a
    county part of a national site has one (its index.md). A site of one county plans its county
    page itself, at /<län>/ when the county has more than one municipality
    (`macros.site.pages.counties_with_page`); the editor's preview has no county level."""
    if part.kind is PartKind.COUNTY:
        return next(c for c in all_counties if c.slug == part.key), "index.md"
    return None
