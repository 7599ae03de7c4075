"""What must hold for any valid content, whoever wrote it: the checks that the shipped data/ is
held to. They ask the model what there is and look for it on the built site; they pin no number
and no text of their own, so staff can replace every example and these still apply."""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from macros import progress
from macros.data.folders import read_dataset
from macros.model import Dataset
from macros.publish import export, page_tables
from macros.site import pages
from macros.site.render import place_anchor
from tests.conftest import article, article_text, html_text

EXPORT_SUFFIXES = {".html", ".csv", ".json", ".atom", ".rdf", ".xml"}


def squeeze(text: str) -> str:
    """Text without white space: where a renderer puts a space or a line break is no difference."""
    return "".join(text.split())


def first_words(markdown_text: str) -> str:
    """The start of a Markdown text as a reader sees it (formatting, link syntax, list marks
    and headings rendered away), without white space; compare it with `squeeze(page text)`."""
    return squeeze(html_text(markdown.markdown(markdown_text)))[:50]


def assert_every_record_has_its_page(site: Path, dataset: Dataset) -> None:
    """Every promise, area, activity, indicator and approved follow-up is on its own page."""
    for promise in dataset.promises:
        promise_text = article_text(site, pages.promise_url(promise))
        for area in promise.areas:
            assert area.title in promise_text, (promise.key, area.id)
            area_page = article(site, pages.area_url(promise, area))
            area_text = area_page.text
            assert first_words(area.background) in squeeze(area_text), (promise.key, area.id)
            for activity in promise.activities_in(area.id):
                # Each activity is a section of its area page, under its own heading.
                assert any(activity.title in h for h in area_page.headings), activity.id
                assert first_words(activity.description) in squeeze(area_text), activity.id
            for indicator in promise.indicators_in(area.id):
                assert indicator.name in area_text, indicator.id
        for activity in promise.activities:
            activity_page = article(site, pages.activity_url(promise, activity))
            activity_text = activity_page.text
            assert any(activity.title in h for h in activity_page.headings), activity.id
            for year, status in progress.status_history(promise, activity):
                assert f"Status {year}:" in activity_text, (activity.id, year, status)
        for follow_up in promise.follow_ups:
            year_text = article_text(site, pages.year_url(promise, follow_up.year))
            assert first_words(follow_up.text) in squeeze(year_text), follow_up
            activity = promise.activity(follow_up.activity_id)
            assert activity.title in year_text, follow_up


def assert_sources_are_linked(site: Path, dataset: Dataset) -> None:
    """Every source of a promise is a link on its page, and each area page links its source."""
    for promise in dataset.promises:
        page = (site / pages.promise_url(promise) / "index.html").read_text(encoding="utf-8")
        for source in [*promise.sources]:
            assert f'href="{html.escape(source.url)}"' in page, (promise.key, source.url)
        for area in promise.areas:
            area_html = (site / pages.area_url(promise, area) / "index.html").read_text(
                encoding="utf-8"
            )
            source = area.source or promise.source
            assert f'href="{html.escape(source.url)}"' in area_html, (promise.key, area.id)


def written_follow_ups(data: Path) -> list[dict[str, str]]:
    """Every follow-up as written in the YAML files, read without the project's own loader (so a
    broken draft filter cannot hide a draft from this check)."""
    found = []
    for path in sorted(data.glob("*/*/uppfoljning/*/*.yml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        found += [item for item in document.get("uppfoljningar", []) if isinstance(item, dict)]
    return found


def assert_drafts_stay_out(site: Path, data: Path) -> None:
    """No text that is only in drafts reaches a page or an export."""
    written = written_follow_ups(data)
    public = {squeeze(f.get("text", "")) for f in written if f.get("utkast") != "true"}
    # A draft text is looked for as a reader sees it and as it is written (CSV and JSON carry
    # the Markdown itself; the feed carries it as escaped HTML).
    secret = {
        form
        for f in written
        if f.get("utkast") == "true"
        and f.get("text", "").strip()
        and squeeze(f["text"]) not in public
        for form in (first_words(f["text"]), squeeze(f["text"])[:50])
    }
    if not secret:
        return
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in EXPORT_SUFFIXES:
            content = path.read_text(encoding="utf-8")
            once = html_text(content)
            forms = [squeeze(content), squeeze(once), squeeze(html_text(html.unescape(once)))]
            for text in secret:
                assert not any(text in form for form in forms), (path, text)


def assert_exports_round_trip(site: Path, dataset: Dataset) -> None:
    """Each CSV and JSON file reads back as exactly the model's rows: nothing lost or added."""
    expected = export.tables(dataset)
    assert set(expected) == {table.name for table in export.TABLES}
    for table in export.TABLES:
        folder = site / "oppna-data"
        csv_text = (folder / f"{table.name}.csv").read_bytes().decode("utf-8")
        json_text = (folder / f"{table.name}.json").read_text(encoding="utf-8")
        assert export.read_csv(table, csv_text) == expected[table.name], table.name
        assert export.read_json(table, json_text) == expected[table.name], table.name
        excel = (folder / f"{table.name}{pages.EXCEL_SUFFIX}.csv").read_bytes().decode("utf-8")
        assert export.read_table_excel(table, excel) == expected[table.name], table.name
        for row in expected[table.name]:
            # Every row says which municipality it is about, by code and by name.
            municipality = next(m for m in dataset.municipalities if m.id == row["kommun"])
            assert (row["kommunkod"], row["kommunnamn"]) == (municipality.code, municipality.name)
    for shown in page_tables.page_tables(dataset):
        plain = (site / f"{shown.path}.csv").read_text(encoding="utf-8")
        cells = [[page_tables.cell(v) for v in row] for row in shown.rows]
        assert list(csv.reader(io.StringIO(plain, newline=""))) == [list(shown.header), *cells]
        excel = (site / f"{shown.path}{pages.EXCEL_SUFFIX}.csv").read_bytes().decode("utf-8")
        header, records = export.read_excel_csv(excel)
        assert header == list(shown.header)
        expected_cells = [[page_tables.spreadsheet_cell(v) for v in row] for row in shown.rows]
        assert records == expected_cells, shown.path
        codes = {m.code for m in dataset.municipalities}
        assert all(r[0] in codes and r[1] for r in records), shown.path
    promises = dataset.promises
    assert len(expected["aktiviteter"]) == sum(len(p.activities) for p in promises)
    assert len(expected["uppfoljningar"]) == sum(len(p.follow_ups) for p in promises)
    assert len(expected["omraden"]) == sum(len(p.areas) for p in promises)
    assert len(expected["indikatorvarden"]) == sum(
        1 + len(i.values) + (i.target is not None) for p in promises for i in p.indicators
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def assert_internal_links_resolve(site: Path) -> None:
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            target = (path.parent / href.split("#")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (path, href)


class _PlaceSections(HTMLParser):
    """The links of a places page under each of its headings, by the heading's id ("" before
    the first heading); the page's own content only, not the navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.current = ""
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div" and "ml-places" in (found.get("class") or "").split():
            self.inside = True
        if not self.inside:
            return
        if tag == "h2":
            self.current = found.get("id") or ""
            self.links.setdefault(self.current, [])
        href = found.get("href")
        if tag == "a" and href:
            self.links.setdefault(self.current, []).append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False


def place_sections(site: Path, url: str) -> dict[str, set[str]]:
    """The links under each heading of the places page at `url`, as addresses below `site`
    (a directory URL ending in /, with its #anchor if it has one)."""
    parser = _PlaceSections()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for section, hrefs in parser.links.items():
        for href in hrefs:
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(url, path))
            address = ("" if target == "." else target + "/") + (f"#{anchor}" if anchor else "")
            found.setdefault(section, set()).add(address)
    return found


def assert_places_lead_to_their_activities(
    site: Path, dataset: Dataset, *, by_municipality: bool = False
) -> None:
    """Every activity that names a place is linked under the place's heading, from the places
    page (/platser/): on that page itself, for a site of one county or one municipality; with
    `by_municipality` (a county part of a national site, `site` being the part's folder), on
    its municipality's own places page, which the county's page links under the municipality,
    one link per place and no activity of its own."""
    top = place_sections(site, pages.PLACES_URL)
    own_pages: dict[str, dict[str, set[str]]] = {}
    for promise in dataset.promises:
        municipality = promise.municipality.id
        own = pages.places_url(municipality)
        for activity in promise.activities:
            target = pages.activity_url(promise, activity)
            for place in activity.places:
                anchor = place_anchor(place)
                if not by_municipality:
                    assert target in top.get(anchor, set()), (place, target)
                    continue
                assert f"{own}#{anchor}" in top.get(municipality, set()), (place, municipality)
                if own not in own_pages:
                    own_pages[own] = place_sections(site, own)
                assert target in own_pages[own].get(anchor, set()), (place, target)
    if by_municipality:
        linked = {address for links in top.values() for address in links}
        assert all(
            address.split("#")[0] in {pages.places_url(m.id) for m in dataset.municipalities}
            for address in linked
        ), linked


def assert_content_invariants(site: Path, data: Path) -> None:
    """All of the above, for a site built from the data folder `data`."""
    published = read_dataset(data).without_drafts()
    assert_every_record_has_its_page(site, published)
    assert_drafts_stay_out(site, data)
    assert_sources_are_linked(site, published)
    assert_exports_round_trip(site, published)
    assert_places_lead_to_their_activities(site, published)
    assert_internal_links_resolve(site)
