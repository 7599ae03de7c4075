"""What each page says about its freshness: when its content last changed (from git history)
and, where the page shows follow-ups, when the newest of them was approved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.model import Dataset, FollowUp, Promise
from macros.site import pages
from macros.site.history import History


@dataclass(frozen=True)
class Freshness:
    history_available: bool
    changed: dt.date | None  # None: no history, or no commit touches the sources yet
    approved: dt.date | None  # the newest follow-up on the page approved by both parties


def _approved(follow_ups: list[FollowUp]) -> dt.date | None:
    days = [
        max(f.approval.police, f.approval.municipality)
        for f in follow_ups
        if f.approval.police is not None and f.approval.municipality is not None
    ]
    return max(days) if days else None


def _promise_sources(promise: Promise) -> tuple[list[str], list[FollowUp]]:
    files = [promise.origin.path, promise.municipality.origin.path]
    files += [a.origin.path for a in promise.areas]
    files += [a.origin.path for a in promise.activities]
    files += [f.origin.path for f in promise.follow_ups]
    files += [i.origin.path for i in promise.indicators]
    return files, list(promise.follow_ups)


def sources(dataset: Dataset, page: pages.Page) -> tuple[list[str], list[FollowUp]]:
    """The data files a generated page is made from, and the follow-ups it shows."""
    match page:
        case pages.PlacesPage():
            shown = [
                p for p in dataset.promises if page.municipality_id in (None, p.municipality.id)
            ]
            files = [a.origin.path for p in shown for a in p.activities]
            return files, [f for p in shown for f in p.follow_ups]
        case pages.PlacesOverviewPage():
            # Place names only, no status: the activities of the county, no follow-ups.
            ids = {m.id for m in dataset.municipalities_in(page.county)}
            shown = [p for p in dataset.promises if p.municipality.id in ids]
            return [a.origin.path for p in shown for a in p.activities], []
        case pages.CountyPage():
            ids = {m.id for m in dataset.municipalities_in(page.county)}
            current = [dataset.promises_of(i)[0] for i in sorted(ids) if dataset.promises_of(i)]
            files, follow_ups = [], []
            for promise in current:
                own_files, own_follow_ups = _promise_sources(promise)
                files += own_files
                follow_ups += own_follow_ups
            return files, follow_ups
        case pages.PromisePage() | pages.EnglishPage():
            return _promise_sources(dataset.promise(page.promise_key))
        case pages.AreaPage():
            promise = dataset.promise(page.promise_key)
            ids = {a.id for a in promise.activities_in(page.area_id)}
            follow_ups = [f for f in promise.follow_ups if f.activity_id in ids]
            files = [promise.origin.path, promise.area(page.area_id).origin.path]
            files += [a.origin.path for a in promise.activities_in(page.area_id)]
            files += [f.origin.path for f in follow_ups]
            files += [i.origin.path for i in promise.indicators_in(page.area_id)]
            return files, follow_ups
        case pages.ActivityPage():
            promise = dataset.promise(page.promise_key)
            activity = promise.activity(page.activity_id)
            follow_ups = [f for f in promise.follow_ups if f.activity_id == activity.id]
            files = [promise.origin.path, activity.origin.path]
            files += [f.origin.path for f in follow_ups]
            files += [i.origin.path for i in promise.indicators if i.activity_id == activity.id]
            return files, follow_ups
        case pages.YearPage():
            promise = dataset.promise(page.promise_key)
            follow_ups = [f for f in promise.follow_ups if f.year in (page.year, page.year - 1)]
            files = [promise.origin.path, *(a.origin.path for a in promise.areas)]
            files += [a.origin.path for a in promise.activities]
            files += [f.origin.path for f in follow_ups]
            return files, [f for f in follow_ups if f.year == page.year]
    raise AssertionError(page)


def of_generated(dataset: Dataset, page: pages.Page, history: History) -> Freshness:
    files, follow_ups = sources(dataset, page)
    return Freshness(history.available, history.last_change(files), _approved(follow_ups))


def of_docs_page(dataset: Dataset, src: str, history: History, *, whole_site: bool) -> Freshness:
    """A hand-written page: its own file; a page that shows the whole data set, all of data/."""
    files = [f"docs/{src}"]
    follow_ups: list[FollowUp] = []
    if whole_site:
        files += [path for path in history.changed if path.startswith("data/")]
        follow_ups = [f for p in dataset.promises for f in p.follow_ups]
    return Freshness(history.available, history.last_change(files), _approved(follow_ups))
