"""Search by municipality inside a county's part of a national site.

Material's search plugin writes one index per build, and every page loads the index of its
build: for a county of 49 municipalities that is 20 MB (2.6 MB gzip), too much for a phone.
A resident looks for their own municipality, so a county part splits the plugin's index after
the build: each municipality gets `<kommun>/search/search_index.json` with its own pages, and
the county's own pages (the county page, its places overview, open data) keep a small index
that finds the county's pages and every municipality's promise, focus areas and places page.
A page finds its index through the `base` of Material's page configuration (`__config`), which
the search reads the index from and resolves results against; the page hook points it at the
municipality's folder.
"""

from __future__ import annotations

import json
import re
from typing import Any

INDEX_PATH = "search/search_index.json"
_CONFIG = '<script id="__config" type="application/json">'
_BASE = re.compile("(" + re.escape(_CONFIG) + r'[^<]*?"base": ")([^"]*)(")')


def municipality_of(page_url: str, municipalities: frozenset[str]) -> str | None:
    """The municipality whose folder a page (a part-relative URL) is in, if any."""
    first = page_url.split("/", 1)[0]
    return first if first in municipalities else None


def with_search_base(html: str, municipality: str) -> str:
    """A page of a municipality: its search reads the municipality's index."""

    # Material writes the configuration last in <body>: look for it from the end (a scan of
    # the whole page from the start was a tenth of the page hook's time).
    found = _BASE.match(html, max(html.rfind(_CONFIG), 0))
    if found is None:
        return html
    base = found.group(2).rstrip("/") or "."
    return f"{html[: found.start(2)]}{base}/{municipality}/{html[found.end(2) :]}"


def _is_overview(location: str) -> bool:
    """A promise's or focus area's own page, or the municipality's places page, without their
    sections: what the county's index keeps of a municipality (<kommun>/<period>/,
    <kommun>/<period>/<område>/ and <kommun>/platser/)."""
    return "#" not in location and 2 <= location.rstrip("/").count("/") + 1 <= 3


def split_index(index: dict[str, Any], municipalities: frozenset[str]) -> dict[str, str]:
    """The county's index and one per municipality, by path below the part's folder."""
    own: dict[str, list[dict[str, Any]]] = {m: [] for m in sorted(municipalities)}
    county: list[dict[str, Any]] = []
    for doc in index["docs"]:
        location = str(doc["location"])
        municipality = municipality_of(location, municipalities)
        if municipality is None:
            county.append(doc)
            continue
        own[municipality].append({**doc, "location": location[len(municipality) + 1 :]})
        if _is_overview(location):
            county.append(doc)
    found = {INDEX_PATH: _dump({**index, "docs": county})}
    for municipality, docs in own.items():
        found[f"{municipality}/{INDEX_PATH}"] = _dump({**index, "docs": docs})
    return found


def _dump(index: dict[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
