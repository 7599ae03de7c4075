"""An Atom feed (RFC 4287) of approved follow-ups: stable ids, RFC 3339 dates, relative links."""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

from macros.model import Dataset, FollowUp, Promise
from macros.progress import approved_follow_ups
from macros.publish.markup import markdown_html
from macros.site import pages, texts
from macros.site.pages import FEED_PATH

ATOM = "http://www.w3.org/2005/Atom"


def entry_id(promise: Promise, follow_up: FollowUp) -> str:
    """The same follow-up gets the same id in every build, whatever else changes."""
    name = f"medborgarloften:{promise.key}/{follow_up.activity_id}/{follow_up.year}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(dataset: Dataset, title: str) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    entries = approved_follow_ups(dataset)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    add(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'medborgarloften:feed')}")
    add(feed, "title", texts.feed_title(title))
    add(feed, "updated", _rfc3339(entries[0][2]) if entries else "2000-01-01T00:00:00Z")
    add(feed, "link", rel="self", href=FEED_PATH)
    add(feed, "link", rel="alternate", href="./")
    author = add(feed, "author")
    add(author, "name", texts.FEED_AUTHOR)
    for promise, follow_up, approved in entries:
        activity = promise.activity(follow_up.activity_id)
        entry = add(feed, "entry")
        add(entry, "id", entry_id(promise, follow_up))
        add(
            entry,
            "title",
            texts.feed_entry_title(promise, activity.title, follow_up.status, follow_up.year),
        )
        add(entry, "updated", _rfc3339(approved))
        add(entry, "link", rel="alternate", href=pages.activity_url(promise, activity))
        author = add(entry, "author")
        add(author, "name", texts.parties(promise))
        add(entry, "content", str(markdown_html(follow_up.text)), type="html")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
