"""Links between pages are computed without the file system (`pages.relative`), and give
exactly what posixpath.relpath gives for every form of path."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.site import pages

_SEGMENTS = st.sampled_from(["kommun-1", "2023-2025", "droger", "..", ".", "", "flode.xml"])
_URLS = st.tuples(st.lists(_SEGMENTS, max_size=4), st.booleans()).map(
    lambda found: "/".join(found[0]) + ("/" if found[1] else "")
)


def _by_posixpath(target: str, page_url: str) -> str:
    path = posixpath.relpath(target or ".", page_url or ".")
    if path == ".":
        return "./"
    return path + "/" if target.endswith("/") and not path.endswith("/") else path


@settings(max_examples=3000)
@given(_URLS, _URLS)
def test_relative_is_relpath(target: str, page_url: str) -> None:
    assert pages.relative(target, page_url) == _by_posixpath(target, page_url)


def test_relative_examples() -> None:
    assert pages.relative("a/b/", "a/b/") == "./"
    assert pages.relative("", "a/b/") == "../.."
    assert pages.relative("a/c/", "a/b/") == "../c/"
    assert pages.relative("a/b/flode.xml", "") == "a/b/flode.xml"
    assert pages.relative("a/b/c/", "a/") == "b/c/"
