"""The output budget: how large the built site would be, estimated from the data before anything
is built, and counted while pages are written. GitHub Pages publishes at most 1 GB; the budget
stops well before that, with a Swedish message naming the largest promise.

The estimate is deliberately simple and errs on the large side: the theme's own files, every
page with the theme around it and a navigation entry for each municipality and for each page of
its own promise, and every text several times over (its pages, the search index, the open-data
files and the feed). test_budget.py checks it against real builds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from macros.data import privacy
from macros.data.problems import Problem
from macros.model import Dataset, Promise
from macros.site import pages

BUDGET_VARIABLE = "MEDBORGARLOFTEN_BUDGET_MB"
DEFAULT_BUDGET_MB = 500
THEME_BYTES = 2_700_000  # Material's scripts, styles and search, and the hand-written pages
PAGE_BYTES = 20_000  # one page with the theme around it and nothing else
NAV_ENTRY_BYTES = 400  # one entry of the navigation, on every page that shows it, untitled
NAV_TITLE_COPIES = 2  # how often an entry's title is written in the navigation of a page
TEXT_COPIES = 12  # how many times a text is written out, at most, across the site


def budget_bytes() -> int:
    """The budget in bytes: MEDBORGARLOFTEN_BUDGET_MB, or 500 MB."""
    text = os.environ.get(BUDGET_VARIABLE, "").strip()
    megabytes = int(text) if text.isdigit() and int(text) > 0 else DEFAULT_BUDGET_MB
    return megabytes * 1_000_000


@dataclass(frozen=True)
class Estimate:
    total: int
    largest: Promise | None
    largest_bytes: int


def _text_bytes(promise: Promise) -> int:
    records = [promise, *promise.areas, *promise.activities, *promise.follow_ups]
    records += promise.indicators
    return sum(len(text.encode()) for r in records for _, text in privacy.strings(r))


def _encoded(texts: list[str]) -> int:
    """Bytes, not characters: a title of 200 four-byte characters is 800 bytes on every page."""
    return sum(len(text.encode()) for text in texts)


def estimate(dataset: Dataset) -> Estimate:
    planned = pages.plan(dataset)
    per_promise: dict[str, int] = {}
    shared = 0  # pages of no single promise: places, the county's side-by-side table
    names = [m.name for m in dataset.municipalities]
    names_bytes = _encoded(names)
    navigation: dict[str, int] = {}  # a page of a promise: the same navigation on each
    for page in planned:
        if isinstance(page, pages.PlacesPage | pages.PlacesOverviewPage | pages.CountyPage):
            shared += PAGE_BYTES
            continue
        key = page.promise_key
        if key not in navigation:
            promise = dataset.promise(key)
            own = 1 + len(promise.areas) + len(promise.activities) + len(promise.years)
            titles = [promise.title, *(a.title for a in promise.areas)]
            titles += [a.title for a in promise.activities]
            navigation[key] = NAV_ENTRY_BYTES * (len(names) + own) + NAV_TITLE_COPIES * (
                names_bytes + _encoded(titles)
            )
        per_promise[key] = per_promise.get(key, 0) + PAGE_BYTES + navigation[key]
    for promise in dataset.promises:
        per_promise[promise.key] = per_promise.get(promise.key, 0) + TEXT_COPIES * _text_bytes(
            promise
        )
    places = sum(len(a.places) for p in dataset.promises for a in p.activities)
    total = (
        THEME_BYTES
        + sum(per_promise.values())
        + shared
        + NAV_ENTRY_BYTES * (places + len(dataset.municipalities))
        + NAV_TITLE_COPIES * names_bytes
    )
    if not per_promise:
        return Estimate(total, None, 0)
    key = max(per_promise, key=lambda k: per_promise[k])
    return Estimate(total, dataset.promise(key), per_promise[key])


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


def over_budget(found: Estimate, budget: int, counted: bool = False) -> Problem | None:
    """A problem when the site (estimated, or `counted` while it is written) exceeds `budget`."""
    if found.total <= budget:
        return None
    how = "har redan blivit" if counted else "skulle bli omkring"
    largest = (
        f" Mest tar löftet {found.largest.key} (omkring {_megabytes(found.largest_bytes)})."
        if found.largest is not None
        else ""
    )
    where = found.largest.origin if found.largest is not None else None
    return Problem(
        where.path if where else "data",
        where.line if where else 1,
        f"webbplatsen {how} {_megabytes(found.total)}, men får vara högst "
        f"{_megabytes(budget)}.{largest} Korta texterna eller dela upp listorna "
        "(aktiviteter, platser, uppföljningar).",
    )
