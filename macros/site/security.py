"""A Content-Security-Policy for every page: scripts only from the site itself, plus the inline
scripts the theme itself writes (allowed by their SHA-256 hash), and nothing from elsewhere.

The allowed inline scripts are computed from the theme's own templates when the site is built
(`partials/javascripts/*.html`, rendered for the page's base URL), never from the finished page:
a `<script>` written into a page in docs/ gets no hash and does not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

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
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(list(theme_dirs)), autoescape=False)
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
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str, allowed: Sequence[str] | frozenset[str]) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
