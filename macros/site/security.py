"""A Content-Security-Policy for every page: scripts only from the site itself, plus the inline
scripts the theme itself writes (allowed by their SHA-256 hash), and nothing from elsewhere.

The allowed inline scripts are computed from the theme's own templates when the site is built
(`partials/javascripts/*.html`, rendered for the page's base URL), never from the finished page:
a `<script>` written into a page in docs/ gets no hash and does not run.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2

from macros.data.problems import Problem
from macros.site.template_cache import with_cache

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>")
THEME_SCRIPTS = "partials/javascripts"


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would run (not src=, not JSON data)."""
    return [
        m["body"]
        for m in _INLINE_SCRIPT.finditer(html)
        if "src=" not in m["attrs"] and 'type="application/json"' not in m["attrs"]
    ]


@lru_cache(maxsize=4)
def _theme_environment(theme_dirs: tuple[str, ...]) -> jinja2.Environment:
    """One environment per theme, so each partial is compiled once, not once per page depth."""
    return with_cache(
        jinja2.Environment(loader=jinja2.FileSystemLoader(list(theme_dirs)), autoescape=False)
    )


@lru_cache(maxsize=64)
def theme_script_hashes(
    theme_dirs: tuple[str, ...], base_url: str, scope: str | None, features: tuple[str, ...]
) -> frozenset[str]:
    """The hashes of every inline script the theme's script partials write for a page whose
    base URL is `base_url`. The partials are the theme's own files (installed with it, or
    overridden in overrides/, which the technical owner reviews)."""
    names = sorted(
        {
            path.name
            for folder in theme_dirs
            if (Path(folder) / THEME_SCRIPTS).is_dir()
            for path in (Path(folder) / THEME_SCRIPTS).glob("*.html")
        }
    )
    env = _theme_environment(theme_dirs)
    config = {"extra": {"scope": scope} if scope else {}}
    found = set()
    for name in names:
        output = env.get_template(f"{THEME_SCRIPTS}/{name}").render(
            base_url=base_url, config=config, features=list(features)
        )
        found |= {script_hash(body) for body in inline_scripts(output)}
    return frozenset(found)


def hashes_for(config: Any, base_url: str) -> frozenset[str]:
    """The allowed script hashes for a page of this MkDocs build at `base_url`."""
    theme = config.theme
    extra_scope = (config.extra or {}).get("scope")
    return theme_script_hashes(
        tuple(theme.dirs), base_url, extra_scope, tuple(theme.get("features") or ())
    )


def policy(allowed: Iterable[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *sorted(allowed)]),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str, allowed: Sequence[str] | frozenset[str]) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)


# What a page in docs/ may publish besides its text: pictures and documents, never anything a
# browser runs or that shapes other pages (scripts, HTML, SVG, styles, XML). The theme's own
# files come from overrides/, which the technical owner reviews.
DOCS_FILE_TYPES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf")
# HTML a page in docs/ may not contain: each runs code, frames or fetches other content, sends
# visitors elsewhere or changes where the page's links and forms go.
REFUSED_TAGS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "meta",
    "base",
    "link",
    "style",
    "form",
)


def _link_problem(display: str, folder: str) -> Problem:
    return Problem(
        display,
        1,
        f"är en länk (symbolisk länk). Länkar används inte i {folder}/ och följs aldrig: "
        "lägg filen eller mappen här i stället.",
    )


def folder_problems(folder: Path, *, docs: bool) -> list[Problem]:
    """Links anywhere below `folder` (never followed), and for docs/ files of a type that is not
    published from there."""
    problems = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(parent) / name
            display = (Path(folder.name) / path.relative_to(folder)).as_posix()
            if path.is_symlink():
                problems.append(_link_problem(display, folder.name))
            elif docs and name in files and not name.lower().endswith(DOCS_FILE_TYPES):
                suffix = Path(name).suffix.lower() or "utan filändelse"
                problems.append(
                    Problem(
                        display,
                        1,
                        f"filtypen {suffix} publiceras inte från {folder.name}/: bara sidor (.md), "
                        f"bilder och dokument ({', '.join(DOCS_FILE_TYPES[1:])}). Ta bort filen; "
                        "skript, HTML, SVG och stilmallar hör till temat i overrides/, som "
                        "teknikansvarig granskar.",
                    )
                )
        dirs[:] = [d for d in dirs if not (Path(parent) / d).is_symlink()]
    return sorted(problems)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REFUSED_TAGS and tag not in self.found:
            self.found.append(tag)

    handle_startendtag = handle_starttag


def refused_tags(html: str) -> list[str]:
    """The refused tags in a page's HTML, in the order they first appear."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.found


def page_html_problems(html: str, source: str, display: str) -> list[Problem]:
    """A problem for each refused tag in the HTML of a page in docs/, at the first line of its
    Markdown that names the tag."""
    problems = []
    for tag in refused_tags(html):
        at = re.search(rf"<\s*{tag}\b", source, re.I)
        line = source[: at.start()].count("\n") + 1 if at else 1
        problems.append(
            Problem(
                display,
                line,
                f"sidan har HTML-taggen <{tag}>, som sidor i docs/ inte får ha: den kan köra kod, "
                "visa innehåll från andra filer, skicka besökaren vidare eller ändra vart "
                "sidans länkar går. Ta bort taggen och skriv text, länkar och bilder i Markdown.",
            )
        )
    return problems
