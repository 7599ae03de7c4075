"""Atom feeds (RFC 4287) of approved follow-ups: one for the site, one per municipality and one
per promise. Stable ids, RFC 3339 dates; links are absolute when the site address is known,
otherwise relative to the feed's own address."""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from macros.data import layout
from macros.model import Dataset, FollowUp, Promise
from macros.progress import approved_follow_ups
from macros.publish.markup import markdown_html
from macros.site import pages, texts
from macros.site.pages import FEED_PATH

ATOM = "http://www.w3.org/2005/Atom"
# The site's feed (in a national site, a county's) holds the newest follow-ups only, as feeds
# do: Västra Götaland's whole history was 6.8 MB at 290 municipalities, fetched again by every
# reader. Each municipality's and each promise's feed holds all of theirs.
SITE_FEED_ENTRIES = 100


@dataclass(frozen=True)
class Feed:
    """One feed: where it is published, its title, its stable id and the page it belongs to."""

    path: str
    title: str
    name: str  # the stable part of its id
    page: str  # the page the feed is the alternate of (site-relative)
    municipality_id: str | None = None
    promise_key: str | None = None

    def covers(self, promise: Promise) -> bool:
        if self.promise_key is not None:
            return promise.key == self.promise_key
        if self.municipality_id is not None:
            return promise.municipality.id == self.municipality_id
        return True


def site_feed(dataset: Dataset, site_name: str) -> Feed:
    """The feed of the whole site, or of the county in a county's part of a national site: each
    county's has an id and a title of its own (RFC 4287 wants ids unique everywhere)."""
    county = dataset.county_part
    if county is None:
        return Feed(FEED_PATH, texts.feed_title(site_name), "medborgarloften:feed", "")
    name = f"medborgarloften:feed:lan/{layout.county_slug(county)}"
    return Feed(FEED_PATH, texts.county_feed_title(site_name, county), name, "")


def feeds(dataset: Dataset, site_name: str) -> Iterator[Feed]:
    """The site feed, then a feed per municipality and one per promise."""
    yield site_feed(dataset, site_name)
    for municipality in dataset.municipalities:
        promises = dataset.promises_of(municipality.id)
        yield Feed(
            pages.municipality_feed_path(municipality.id),
            texts.municipality_feed_title(site_name, municipality.name),
            f"medborgarloften:feed:{municipality.id}",
            pages.promise_url(promises[0]) if promises else "",
            municipality_id=municipality.id,
        )
        for promise in promises:
            yield Feed(
                pages.promise_feed_path(promise.key),
                texts.promise_feed_title(site_name, promise),
                f"medborgarloften:feed:{promise.key}",
                pages.promise_url(promise),
                promise_key=promise.key,
            )


def entry_id(promise: Promise, follow_up: FollowUp) -> str:
    """The same follow-up gets the same id in every build and in every feed."""
    name = f"medborgarloften:{promise.key}/{follow_up.activity_id}/{follow_up.year}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    dataset: Dataset,
    title: str,
    site_url: str | None = None,
    feed: Feed | None = None,
    approved: list[tuple[Promise, FollowUp, dt.date]] | None = None,
) -> str:
    """A feed as XML; without `feed`, the site feed. `approved` is the data set's approved
    follow-ups (`progress.approved_follow_ups`), when the caller has them already."""
    feed = feed or next(feeds(dataset, title))
    approved = approved_follow_ups(dataset) if approved is None else approved
    return _feed_xml(feed, _kept(feed, [e for e in approved if feed.covers(e[0])]), site_url)


def _kept(
    feed: Feed, entries: list[tuple[Promise, FollowUp, dt.date]]
) -> list[tuple[Promise, FollowUp, dt.date]]:
    """What a feed publishes of its follow-ups (newest first): the site's feed the newest."""
    whole_site = feed.municipality_id is None and feed.promise_key is None
    return entries[:SITE_FEED_ENTRIES] if whole_site else entries


def _feed_xml(
    feed: Feed, entries: list[tuple[Promise, FollowUp, dt.date]], site_url: str | None
) -> str:
    here = posixpath.dirname(feed.path) + "/" if "/" in feed.path else ""

    def link_to(target: str) -> str:
        if site_url:
            return pages.absolute(target, site_url)
        return pages.relative(target, here)

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    add(root, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, feed.name)}")
    add(root, "title", feed.title)
    add(root, "updated", _rfc3339(entries[0][2]) if entries else "2000-01-01T00:00:00Z")
    add(root, "link", rel="self", href=link_to(feed.path))
    add(root, "link", rel="alternate", href=link_to(feed.page))
    author = add(root, "author")
    add(author, "name", texts.FEED_AUTHOR)
    for promise, follow_up, approved in entries:
        activity = promise.activity(follow_up.activity_id)
        entry = add(root, "entry")
        add(entry, "id", entry_id(promise, follow_up))
        add(
            entry,
            "title",
            texts.feed_entry_title(promise, activity.title, follow_up.status, follow_up.year),
        )
        add(entry, "updated", _rfc3339(approved))
        add(entry, "link", rel="alternate", href=link_to(pages.activity_url(promise, activity)))
        author = add(entry, "author")
        add(author, "name", texts.parties(promise))
        add(entry, "content", str(markdown_html(follow_up.text)), type="html")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def all_feeds(dataset: Dataset, site_name: str, site_url: str | None) -> dict[str, str]:
    """Every feed of the site by its path."""
    # Found and sorted once for all the feeds: a county holds up to 49 municipalities, each
    # with feeds of its own; each feed keeps the newest-first order.
    approved = approved_follow_ups(dataset)
    by_promise: dict[str, list[tuple[Promise, FollowUp, dt.date]]] = {}
    by_municipality: dict[str, list[tuple[Promise, FollowUp, dt.date]]] = {}
    for entry in approved:
        by_promise.setdefault(entry[0].key, []).append(entry)
        by_municipality.setdefault(entry[0].municipality.id, []).append(entry)

    def entries(feed: Feed) -> list[tuple[Promise, FollowUp, dt.date]]:
        if feed.promise_key is not None:
            return by_promise.get(feed.promise_key, [])
        if feed.municipality_id is not None:
            return by_municipality.get(feed.municipality_id, [])
        return approved

    return {f.path: _feed_xml(f, _kept(f, entries(f)), site_url) for f in feeds(dataset, site_name)}
