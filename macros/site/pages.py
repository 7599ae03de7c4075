"""The site map: which pages the data calls for, their addresses and the navigation.

Generated pages hold no data text and never pass through Jinja: their body is rendered by the
page hook from the model, so nothing a contributor writes in `data/` is ever read as a template.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from typing import Any

from macros import progress
from macros.data import layout
from macros.model import Activity, Dataset, FocusArea, Promise
from macros.site import texts


@dataclass(frozen=True)
class GeneratedPage:
    """A page the data calls for. Each kind of page is a subclass that holds what its body is
    rendered from (the model of Material's blog plugin, which gives each page kind a class)."""

    src: str  # path below docs/, e.g. robertsfors/2023-2025/trafik/index.md
    title: str

    @property
    def url(self) -> str:
        """The page's address below the site: a/b/index.md and a/b.md are both at a/b/."""
        if self.src == "index.md" or self.src.endswith("/index.md"):
            return self.src.removesuffix("index.md")
        return self.src.removesuffix(".md") + "/"

    @property
    def meta(self) -> dict[str, Any]:
        """Front matter beyond the title; the theme (overrides/main.html) reads it."""
        return {}

    @property
    def markdown(self) -> str:
        """Front matter only: the page hook fills in the body (see `macros.site.hooks`)."""
        title = json.dumps(safe_title(self.title), ensure_ascii=False)
        extra = "".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta.items()
        )
        return f"---\ntitle: {title}\nrender_macros: false\n{extra}hide:\n  - toc\n---\n"


@dataclass(frozen=True)
class PromisePartPage(GeneratedPage):
    """A page of one promise: it announces the feeds of its promise and its municipality."""

    promise_key: str

    @property
    def meta(self) -> dict[str, Any]:
        municipality_id = self.promise_key.split("/")[0]
        return {
            "feeds": [
                {"title": texts.PROMISE_FEED, "href": promise_feed_path(self.promise_key)},
                {"title": texts.MUNICIPALITY_FEED, "href": municipality_feed_path(municipality_id)},
            ]
        }


@dataclass(frozen=True)
class PromisePage(PromisePartPage):
    @property
    def meta(self) -> dict[str, Any]:
        english = english_url_of(self.promise_key)
        return {**super().meta, "alternates": [{"lang": "en", "path": english}]}


@dataclass(frozen=True)
class EnglishPage(PromisePartPage):
    """A short page in English about one promise: hreflang links both ways."""

    @property
    def meta(self) -> dict[str, Any]:
        return {**super().meta, "alternates": [{"lang": "sv", "path": f"{self.promise_key}/"}]}


@dataclass(frozen=True)
class AreaPage(PromisePartPage):
    area_id: str


@dataclass(frozen=True)
class ActivityPage(PromisePartPage):
    activity_id: str


@dataclass(frozen=True)
class YearPage(PromisePartPage):
    year: int


@dataclass(frozen=True)
class PlacesPage(GeneratedPage):
    """Every place an activity names, with the activities that name it: of the whole build (a
    site of one county or one municipality, at /platser/), or of one municipality in a county
    part of a national site (at /<kommun>/platser/, see `places_url`)."""

    municipality_id: str | None = None  # None: every municipality of the build


@dataclass(frozen=True)
class PlacesOverviewPage(GeneratedPage):
    """The places page of a county part of a national site: each municipality of the county
    with the names of its places, each leading to the municipality's own places page. It grows
    with the county's municipalities and their place names, never with their activities."""

    county: str


@dataclass(frozen=True)
class CountyPage(GeneratedPage):
    """A county's page: every municipality's current promise in the county, side by side."""

    county: str  # the county's name, as the municipalities' kommun.yml write it


Page = (
    PromisePage
    | AreaPage
    | ActivityPage
    | YearPage
    | EnglishPage
    | PlacesPage
    | PlacesOverviewPage
    | CountyPage
)


def safe_title(text: str) -> str:
    """A title from data, made safe for the theme, which does not escape titles, and for the
    macros plugin, which renders a title holding "{{" as a template: it is only ever text."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def promise_url(promise: Promise) -> str:
    return f"{promise.key}/"


def area_url(promise: Promise, area: FocusArea | str) -> str:
    area_id = area if isinstance(area, str) else area.id
    return f"{promise.key}/{area_id}/"


def activity_url(promise: Promise, activity: Activity) -> str:
    return f"{promise.key}/{activity.area_id}/{activity.id}/"


PLACES_URL = f"{layout.PLACES_PAGE}/"
OPEN_DATA_URL = f"{layout.OPEN_DATA_PAGE}/"
FEED_PATH = "uppfoljningar.atom"
CATALOGUE_PATH = f"{OPEN_DATA_URL}katalog.rdf"


def places_url(municipality_id: str) -> str:
    """A municipality's places page in a county part of a national site, e.g.
    robertsfors/platser/ (a site of one county has one places page, `PLACES_URL`)."""
    return f"{municipality_id}/{layout.PLACES_PAGE}/"


def municipality_feed_path(municipality_id: str) -> str:
    """The Atom feed of one municipality's follow-ups, e.g. robertsfors/uppfoljningar.atom."""
    return f"{municipality_id}/{FEED_PATH}"


def promise_feed_path(promise_key: str) -> str:
    """The Atom feed of one promise, e.g. robertsfors/2023-2025/uppfoljningar.atom."""
    return f"{promise_key}/{FEED_PATH}"


TABLES_DIR = layout.TABLES_FOLDER
MUNICIPALITIES_TABLE = f"{TABLES_DIR}/kommuner"
EXCEL_SUFFIX = "-excel"  # the spreadsheet dialect beside each CSV file


def table_path(promise: Promise, name: str) -> str:
    """Where a table shown on a page is published, without extension."""
    return f"{promise.key}/{TABLES_DIR}/{name}"


def absolute(path: str, site_url: str | None) -> str:
    """A site-relative path as an absolute URL when the site address is known; else the path."""
    return path if not site_url else site_url.rstrip("/") + "/" + path


def open_data_file(table: str, extension: str) -> str:
    """Where a table of the open data is published, e.g. oppna-data/aktiviteter.csv."""
    return f"{OPEN_DATA_URL}{table}.{extension}"


def county_url(county: str) -> str:
    return f"{layout.county_slug(county)}/"


def counties_with_page(dataset: Dataset) -> tuple[str, ...]:
    """The counties that get a page of their own: those with more than one municipality."""
    return tuple(c for c in dataset.counties if len(dataset.municipalities_in(c)) > 1)


ENGLISH_DIR = layout.ENGLISH_PAGE


def english_url_of(promise_key: str) -> str:
    return f"{promise_key}/{ENGLISH_DIR}/"


def english_url(promise: Promise) -> str:
    return english_url_of(promise.key)


def year_url(promise: Promise, year: int) -> str:
    return f"{promise.key}/{layout.YEARS_PAGE}/{year}/"


def relative(target: str, page_url: str) -> str:
    """A link from the page at `page_url` (a site-relative directory URL) to `target` (a
    site-relative directory URL, ending in /, or a file)."""
    path = _relpath(target, page_url)
    if path == ".":
        return "./"
    return path + "/" if target.endswith("/") and not path.endswith("/") else path


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for the site's own URLs, without its calls to the file system (a
    county's pages make some 50,000 links); any other form of path is left to posixpath."""
    to, base = _parts(target), _parts(start)
    if to is None or base is None:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _parts(url: str) -> list[str] | None:
    """The folders of a site-relative URL ("a/b/" or "a/b.xml"); None for any other form
    (absolute, ".", "..", a doubled slash)."""
    if url.startswith("/"):
        return None
    parts = url.removesuffix("/").split("/") if url else []
    return None if any(p in ("", ".", "..") for p in parts) else parts


def _src(url: str) -> str:
    return url + "index.md"


def _places_src(municipality_id: str) -> str:
    """<kommun>/platser.md, at <kommun>/platser/: not an index.md, which the theme would take
    for the page of the municipality's section (navigation.indexes)."""
    return places_url(municipality_id).removesuffix("/") + ".md"


def plan(dataset: Dataset, county: CountyPage | None = None) -> tuple[Page, ...]:
    """Every page the data calls for, in navigation order. `county` is the page of a county
    part of a national site (its index.md, see `macros.site.partition.county_page`); without
    it, each county with more than one municipality gets a page at /<län>/. The places: one
    page for a site without county parts; in a county part, one per municipality (in its own
    navigation section) and an overview of the county at the same address as the one page."""
    found: list[Page] = (
        [county]
        if county is not None
        else [CountyPage(_src(county_url(c)), c, c) for c in counties_with_page(dataset)]
    )
    for promise in dataset.promises:
        key = promise.key
        title = texts.promise_title(promise)
        found.append(PromisePage(_src(promise_url(promise)), title, key))
        for area in promise.areas:
            found.append(AreaPage(_src(area_url(promise, area)), area.title, key, area.id))
            for activity in promise.activities_in(area.id):
                found.append(
                    ActivityPage(
                        _src(activity_url(promise, activity)), activity.title, key, activity.id
                    )
                )
        for year in progress.followed_up_years(promise):
            found.append(YearPage(_src(year_url(promise, year)), texts.year_title(year), key, year))
        found.append(EnglishPage(_src(english_url(promise)), texts.english_title(promise), key))
    if county is None:
        found.append(PlacesPage(_src(PLACES_URL), texts.PLACES_TITLE))
        return tuple(found)
    # A county part: each municipality's places on a page of its own, and a short overview.
    for municipality in dataset.municipalities:
        title = texts.places_title(municipality.name)
        found.append(PlacesPage(_places_src(municipality.id), title, municipality.id))
    found.append(
        PlacesOverviewPage(_src(PLACES_URL), texts.places_title(county.county), county.county)
    )
    return tuple(found)


def navigation(dataset: Dataset, county: CountyPage | None = None) -> list[Any]:
    """MkDocs nav entries for the generated pages: a section per municipality and period, in
    it a section per focus area with its activities, then the follow-up years. Where a county
    has a page of its own, its municipalities are a section under the county's page. In a
    county part of a national site (`county` given), the county's page is the part's start
    and its municipalities follow it at the top."""
    sections: list[Any] = []
    if county is not None:
        sections.append({safe_title(county.title): county.src})
        for name in dataset.counties:
            sections += _municipality_sections(dataset, name, own_places=True)
        # Titled by the page ("Orter i <län>"), as each municipality's places page is.
        sections.append(_src(PLACES_URL))
        return sections
    with_page = counties_with_page(dataset)
    for name in dataset.counties:
        entries = _municipality_sections(dataset, name)
        if name in with_page:
            sections.append({safe_title(name): [_src(county_url(name)), *entries]})
        else:
            sections += entries
    sections.append({texts.PLACES_TITLE: _src(PLACES_URL)})
    return sections


def _municipality_sections(dataset: Dataset, county: str, own_places: bool = False) -> list[Any]:
    """A section per municipality of the county; with `own_places` (a county part), each ends
    with the municipality's places page."""
    sections: list[Any] = []
    for municipality in dataset.municipalities_in(county):
        periods: list[Any] = []
        for promise in dataset.promises_of(municipality.id):
            entries: list[Any] = [_src(promise_url(promise))]
            for area in promise.areas:
                children: list[Any] = [_src(area_url(promise, area))]
                children += [
                    {safe_title(a.title): _src(activity_url(promise, a))}
                    for a in promise.activities_in(area.id)
                ]
                entries.append({safe_title(area.title): children})
            entries += [
                {texts.year_title(y): _src(year_url(promise, y))}
                for y in progress.followed_up_years(promise)
            ]
            entries.append({texts.ENGLISH_NAV: _src(english_url(promise))})
            periods.append({texts.period_title(promise): entries})
        if own_places:
            periods.append(_places_src(municipality.id))
        sections.append({safe_title(municipality.short_name): periods})
    return sections
