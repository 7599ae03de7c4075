"""Turning model values into HTML through the Jinja templates in `macros/templates/`.

Every value from `data/` is escaped by autoescaping; Markdown texts from `data/` are converted to
HTML by Python-Markdown and reduced to a small allow-list of tags by nh3. Nothing from `data/` is
ever a template.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

from macros import pages, progress
from macros.model import Dataset, IndicatorKind, Party, Promise, Status

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "abbr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

SHARE_EXPLAINED = (
    "Andelen genomförda är antalet aktiviteter med status genomförd delat med antalet "
    "aktiviteter som följts upp det året; aktiviteter som inte har följts upp räknas inte med."
)

PARTY_LABELS = {
    Party.POLICE: "Polisen",
    Party.MUNICIPALITY: "Kommunen",
    Party.BOTH: "Polisen och kommunen",
}


def markdown_html(text: str) -> Markup:
    """Markdown from data as safe HTML: only an allow-list of tags, only web and mail links."""
    raw = markdown_lib.markdown(text, extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """A number the Swedish way: decimal comma, a space between thousands, no trailing ,0."""
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", "\u00a0")
    else:
        text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "−")


def format_share(share: float | None) -> str:
    return "–" if share is None else f"{format_number(round(share * 100))}\u00a0%"


def format_change(points: float | None) -> str:
    if points is None:
        return "–"
    sign = "+" if points > 0 else ""
    return f"{sign}{format_number(points)}\u00a0procentenheter"


def format_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "–"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("macros", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        markdown=markdown_html,
        number=format_number,
        share=format_share,
        change=format_change,
        date=format_date,
    )
    env.globals.update(
        Status=Status,
        IndicatorKind=IndicatorKind,
        PARTY_LABELS=PARTY_LABELS,
        SHARE_EXPLAINED=SHARE_EXPLAINED,
        progress=progress,
        pages=pages,
    )
    return env


def render(template: str, **context: Any) -> str:
    html = environment().get_template(template).render(**context)
    # Python-Markdown ends a raw HTML block at a blank line: keep the output in one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


def _link(page_url: str) -> Any:
    return lambda target: pages.relative(target, page_url)


def start_page(dataset: Dataset, page_url: str) -> str:
    current = [dataset.promises_of(m.id)[0] for m in dataset.municipalities]
    archive = [p for m in dataset.municipalities for p in dataset.promises_of(m.id)[1:]]
    return render("start.html", current=current, archive=archive, link=_link(page_url))


def promise_page(promise: Promise, page_url: str) -> str:
    return render(
        "promise.html", promise=promise, year=progress.latest_year(promise), link=_link(page_url)
    )


def area_page(promise: Promise, area_id: str, page_url: str) -> str:
    area = promise.area(area_id)
    return render("area.html", promise=promise, area=area, link=_link(page_url))


def year_page(promise: Promise, year: int, page_url: str) -> str:
    return render("year.html", promise=promise, year=year, link=_link(page_url))
