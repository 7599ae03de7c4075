"""Turning model values into HTML through the Jinja templates in `macros/site/templates/`.

Every value from `data/` is escaped by autoescaping; Markdown texts from `data/` are converted to
HTML by Python-Markdown and reduced to a small allow-list of tags by nh3. Nothing from `data/` is
ever a template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, assert_never

import jinja2

from macros import progress
from macros.format import (
    format_change,
    format_date,
    format_number,
    format_partial_date,
    format_share,
    format_share_en,
    format_signed,
)
from macros.model import Content, Dataset, Direction, IndicatorKind, PeriodState, Promise, Status
from macros.publish import export
from macros.publish.feed import SITE_FEED_ENTRIES
from macros.publish.markup import markdown_html
from macros.site import freshness, pages, partition, texts
from macros.site.history import NO_HISTORY, History
from macros.site.template_cache import with_cache
from macros.site.texts import (
    ALL_AREAS,
    CADENCE_LABELS,
    COLUMN_KINDS,
    CONTENT_LABELS,
    NOT_STATED,
    PARTY_LABELS,
    PERCENT_UNITS,
    SHARE_EXPLAINED,
    parties,
)
from macros.site.views import (
    Links,
    PromiseView,
    county_places,
    county_rows,
    latest_status,
    year_texts,
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("macros.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
        auto_reload=False,  # templates are part of the code: no stat of every file per page
    )
    env.filters.update(
        markdown=markdown_html,
        number=format_number,
        share=format_share,
        share_en=format_share_en,
        change=format_change,
        signed=format_signed,
        date=format_date,
        partial_date=format_partial_date,
        parties=parties,
    )
    env.globals.update(
        Status=Status,
        Content=Content,
        IndicatorKind=IndicatorKind,
        PeriodState=PeriodState,
        Direction=Direction,
        Trend=progress.Trend,
        PERCENT_UNITS=PERCENT_UNITS,
        EXCEL_SUFFIX=pages.EXCEL_SUFFIX,
        MUNICIPALITIES_TABLE=pages.MUNICIPALITIES_TABLE,
        table_path=pages.table_path,
        english_url=pages.english_url,
        CONTENT_LABELS=CONTENT_LABELS,
        CADENCE_LABELS=CADENCE_LABELS,
        NOT_STATED=NOT_STATED,
        PARTY_LABELS=PARTY_LABELS,
        ALL_AREAS=ALL_AREAS,
        SHARE_EXPLAINED=SHARE_EXPLAINED,
    )
    return with_cache(env)


def render(template: str, **context: Any) -> str:
    html = environment().get_template(template).render(**context)
    # Python-Markdown ends a raw HTML block at a blank line: keep the output in one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


LATEST_COUNT = 5
DETAILED_LIMIT = 5  # more municipalities than this: the start page lists them in one table


def start_page(dataset: Dataset, page_url: str) -> str:
    counties = partition.counties(dataset.municipalities)
    if partition.is_national(counties):
        # The national start: the counties, each a part of its own (macros.site.partition).
        return render(
            "counties.html",
            counties=[(c, pages.relative(f"{c.slug}/", page_url)) for c in counties],
        )
    current = [PromiseView(dataset.promises_of(m.id)[0]) for m in dataset.municipalities]
    archive = [p for m in dataset.municipalities for p in dataset.promises_of(m.id)[1:]]
    latest = progress.approved_follow_ups(dataset)[:LATEST_COUNT]
    return render(
        "start.html",
        current=current,
        archive=archive,
        latest=latest,
        counties=pages.counties_with_page(dataset),
        county_url=pages.county_url,
        link=Links(page_url),
        DETAILED_LIMIT=DETAILED_LIMIT,
    )


def activity_page(promise: Promise, activity_id: str, page_url: str) -> str:
    activity = promise.activity(activity_id)
    view = PromiseView(promise)
    return render(
        "activity.html",
        promise=promise,
        activity=activity,
        area=promise.area(activity.area_id),
        history=view.history(activity),
        indicators=view.activity_indicators(activity.id),
        link=Links(page_url),
    )


def places_page(dataset: Dataset, page_url: str, municipality_id: str | None = None) -> str:
    """Every place with its activities: of the whole build, or of one municipality (a page of a
    county part of a national site, which leads back to the county's overview)."""
    places = [
        (place, [latest_status(promise, activity) for promise, activity in items])
        for place, items in progress.places(dataset, municipality_id)
    ]
    overview = None
    if municipality_id is not None:
        county = next(m.county for m in dataset.municipalities if m.id == municipality_id)
        overview = (pages.PLACES_URL, texts.places_title(county))
    return render(
        "places.html",
        places=places,
        overview=overview,
        link=Links(page_url),
        anchor=place_anchor,
    )


def places_overview_page(dataset: Dataset, county: str, page_url: str) -> str:
    """A county's places in a national site: each municipality with its place names, each a
    link to the place on the municipality's places page."""
    return render(
        "places_overview.html",
        municipalities=county_places(dataset, county),
        link=Links(page_url),
        anchor=place_anchor,
    )


def county_page(dataset: Dataset, county: str, page_url: str) -> str:
    return render(
        "county.html", county=county, rows=county_rows(dataset, county), link=Links(page_url)
    )


def place_anchor(place: str) -> str:
    """An ASCII anchor for a place name: Ånäset becomes anaset."""
    ascii_name = place.lower().translate(str.maketrans("åäöé", "aaoe"))
    return "".join(c if c.isalnum() and c.isascii() else "-" for c in ascii_name).strip("-")


def open_data_page(dataset: Dataset, page_url: str) -> str:
    rows = export.tables(dataset)
    return render(
        "open_data.html",
        tables=export.TABLES,
        counts={name: len(r) for name, r in rows.items()},
        licence=export.LICENCE,
        licence_url=export.LICENCE_URL,
        catalogue_path=pages.CATALOGUE_PATH,
        open_data_file=pages.open_data_file,
        column_kinds=COLUMN_KINDS,
        feed_path=pages.FEED_PATH,
        feed_entries=SITE_FEED_ENTRIES,
        county=dataset.county_part,
        link=Links(page_url),
    )


def promise_page(promise: Promise, page_url: str) -> str:
    view = PromiseView(promise)
    return render(
        "promise.html",
        promise=promise,
        view=view,
        year=view.latest_year,
        parties=parties(promise),
        link=Links(page_url),
    )


def area_page(promise: Promise, area_id: str, page_url: str) -> str:
    view = PromiseView(promise)
    return render(
        "area.html",
        promise=promise,
        parties=parties(promise),
        view=view,
        area=promise.area(area_id),
        indicators=view.area_indicators(area_id),
        link=Links(page_url),
    )


def year_page(promise: Promise, year: int, page_url: str, site_url: str | None) -> str:
    absolute = (site_url or "/").rstrip("/") + "/" + pages.year_url(promise, year)
    return render(
        "year.html",
        promise=promise,
        parties=parties(promise),
        view=PromiseView(promise),
        year=year,
        texts=year_texts(promise, year, absolute),
        link=Links(page_url),
    )


def english_page(promise: Promise, page_url: str, title: str) -> str:
    return render(
        "english.html",
        promise=promise,
        view=PromiseView(promise),
        title=title,
        link=Links(page_url),
    )


def freshness_line(fresh: freshness.Freshness) -> str:
    return render("freshness.html", fresh=fresh)


def generated_page(
    dataset: Dataset,
    page: pages.Page,
    site_url: str | None,
    history: History = NO_HISTORY,
) -> str:
    """The body of a page the data calls for (see `pages.plan`), with its freshness line."""
    body = _generated_body(dataset, page, site_url)
    return body + "\n" + freshness_line(freshness.of_generated(dataset, page, history))


def docs_page_freshness(dataset: Dataset, src: str, history: History, whole_site: bool) -> str:
    """The freshness line under a hand-written page (Markdown source `src` below docs/)."""
    fresh = freshness.of_docs_page(dataset, src, history, whole_site=whole_site)
    return "\n\n" + freshness_line(fresh) + "\n"


def _generated_body(dataset: Dataset, page: pages.Page, site_url: str | None) -> str:
    match page:
        case pages.PlacesPage():
            return places_page(dataset, page.url, page.municipality_id)
        case pages.PlacesOverviewPage():
            return places_overview_page(dataset, page.county, page.url)
        case pages.CountyPage():
            return county_page(dataset, page.county, page.url)
        case pages.PromisePage():
            return promise_page(dataset.promise(page.promise_key), page.url)
        case pages.AreaPage():
            return area_page(dataset.promise(page.promise_key), page.area_id, page.url)
        case pages.ActivityPage():
            return activity_page(dataset.promise(page.promise_key), page.activity_id, page.url)
        case pages.YearPage():
            promise = dataset.promise(page.promise_key)
            return year_page(promise, page.year, page.url, site_url)
        case pages.EnglishPage():
            return english_page(dataset.promise(page.promise_key), page.url, page.title)
    assert_never(page)
