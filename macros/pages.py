"""The site map: which pages the data calls for, their addresses and the navigation.

Generated pages hold no data text, only a macro call; the macro renders the data, so nothing a
contributor writes in `data/` is ever read as a template.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from typing import Any

from macros import progress
from macros.model import Dataset, FocusArea, Promise


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # path below docs/, e.g. robertsfors/2023-2025/trafik/index.md
    title: str
    call: str  # the macro call that renders the page body

    @property
    def markdown(self) -> str:
        title = json.dumps(safe_title(self.title), ensure_ascii=False)
        return f"---\ntitle: {title}\nhide:\n  - toc\n---\n\n{{{{ {self.call} }}}}\n"


def safe_title(text: str) -> str:
    """A title from data, made safe for the theme, which does not escape titles, and for the
    macros plugin, which renders a title holding "{{" as a template: it is only ever text."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def promise_url(promise: Promise) -> str:
    return f"{promise.key}/"


def area_url(promise: Promise, area: FocusArea | str) -> str:
    area_id = area if isinstance(area, str) else area.id
    return f"{promise.key}/{area_id}/"


def year_url(promise: Promise, year: int) -> str:
    return f"{promise.key}/uppfoljning/{year}/"


def relative(target: str, page_url: str) -> str:
    """A link from the page at `page_url` to `target`; both are site-relative directory URLs."""
    path = posixpath.relpath(target or ".", page_url or ".")
    if path == ".":
        return "./"
    return path if path.endswith("/") else path + "/"


def _src(url: str) -> str:
    return url + "index.md"


def plan(dataset: Dataset) -> tuple[GeneratedPage, ...]:
    """Every page the data calls for, in navigation order."""
    pages = []
    for promise in dataset.promises:
        key = json.dumps(promise.key)
        pages.append(
            GeneratedPage(
                _src(promise_url(promise)),
                f"{promise.municipality.short_name}: {promise.title}",
                f"lofte({key})",
            )
        )
        for area in promise.areas:
            pages.append(
                GeneratedPage(
                    _src(area_url(promise, area)),
                    area.title,
                    f"omrade({key}, {json.dumps(area.id)})",
                )
            )
        for year in progress.followed_up_years(promise):
            pages.append(
                GeneratedPage(
                    _src(year_url(promise, year)),
                    f"Uppföljning {year}",
                    f"uppfoljning({key}, {year})",
                )
            )
    return tuple(pages)


def navigation(dataset: Dataset) -> list[Any]:
    """MkDocs nav entries for the generated pages: a section per municipality and period."""
    sections: list[Any] = []
    for municipality in dataset.municipalities:
        periods: list[Any] = []
        for promise in dataset.promises_of(municipality.id):
            entries: list[Any] = [_src(promise_url(promise))]
            entries += [{safe_title(a.title): _src(area_url(promise, a))} for a in promise.areas]
            entries += [
                {f"Uppföljning {y}": _src(year_url(promise, y))}
                for y in progress.followed_up_years(promise)
            ]
            label = f"Medborgarlöfte {promise.period_label}"
            periods.append({label: entries})
        sections.append({safe_title(municipality.short_name): periods})
    return sections
