"""Markdown from data as safe HTML, for the pages and the Atom feed alike: Python-Markdown
converts, nh3 keeps only an allow-list of tags and web and mail links."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "abbr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


@lru_cache(maxsize=1)
def _markdown() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=1 << 16)
def markdown_html(text: str) -> Markup:
    """Markdown from data as safe HTML: only an allow-list of tags, only web and mail links.

    One Markdown parser is reused, and each text is converted once per build (a follow-up
    text shows on its activity, area and year pages)."""
    raw = _plain_paragraphs(text)
    if raw is None:
        raw = _markdown().reset().convert(text)
    clean = nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


# Text Markdown leaves as it is: letters, digits, spaces and punctuation that marks nothing up
# (no * _ ` [ ] < > & # \\ | and no tab); most follow-ups are written so.
_PLAIN = re.compile(r"[\w\n .,;:!?'\"()%/–—…’‘“”«»§°-]*")


def _plain_paragraphs(text: str) -> str | None:
    """The HTML Python-Markdown makes of plain prose, without running it: each paragraph (lines
    that start with a letter, none ending in a space) in <p>, paragraphs one blank line apart.
    None for anything else (Markdown converts it)."""
    if "_" in text or not _PLAIN.fullmatch(text):
        return None
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line or not line[0].isalpha() or line[-1] == " ":
                return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
