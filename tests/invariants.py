"""What must hold for any valid content, whoever wrote it: the checks that the shipped data/ is
held to. They ask the model what there is and look for it on the built site; they pin no number
and no text of their own, so staff can replace every example and these still apply."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from macros import progress
from macros.model import Dataset
from macros.publish import export
from macros.site import pages
from tests.conftest import article_text

EXPORT_SUFFIXES = {".html", ".csv", ".json", ".atom", ".rdf", ".xml"}


def first_words(markdown: str) -> str:
    """The start of a text as it reads on the page (link syntax and line breaks removed)."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(plain.split())[:60]


def assert_every_record_has_its_page(site: Path, dataset: Dataset) -> None:
    """Every promise, area, activity, indicator and approved follow-up is on its own page."""
    for promise in dataset.promises:
        promise_text = article_text(site, pages.promise_url(promise))
        for area in promise.areas:
            assert area.title in promise_text, (promise.key, area.id)
            area_text = article_text(site, pages.area_url(promise, area))
            assert first_words(area.background) in area_text, (promise.key, area.id)
            for activity in promise.activities_in(area.id):
                assert activity.title in area_text, activity.id
                assert first_words(activity.description) in area_text, activity.id
            for indicator in promise.indicators_in(area.id):
                assert indicator.name in area_text, indicator.id
        for activity in promise.activities:
            activity_text = article_text(site, pages.activity_url(promise, activity))
            assert activity.title in activity_text, activity.id
            for year, status in progress.status_history(promise, activity):
                assert f"Status {year}:" in activity_text, (activity.id, year, status)
        for follow_up in promise.follow_ups:
            year_text = article_text(site, pages.year_url(promise, follow_up.year))
            assert first_words(follow_up.text) in year_text, follow_up
            activity = promise.activity(follow_up.activity_id)
            assert activity.title in year_text, follow_up


def assert_drafts_stay_out(site: Path, with_drafts: Dataset, published: Dataset) -> None:
    """No text that is only in drafts reaches a page or an export."""
    public = {f.text.strip() for p in published.promises for f in p.follow_ups}
    secret = {
        first_words(f.text)
        for p in with_drafts.promises
        for f in p.follow_ups
        if f.draft and f.text.strip() and f.text.strip() not in public
    }
    if not secret:
        return
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in EXPORT_SUFFIXES:
            content = " ".join(path.read_text(encoding="utf-8").split())
            for text in secret:
                assert text not in content, (path, text)


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


def assert_content_invariants(site: Path, with_drafts: Dataset) -> None:
    """All of the above, for a site built from a data set (given as loaded, drafts included)."""
    published = with_drafts.without_drafts()
    assert_every_record_has_its_page(site, published)
    assert_drafts_stay_out(site, with_drafts, published)
    assert_exports_round_trip(site, published)
    assert_internal_links_resolve(site)
