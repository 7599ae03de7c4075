"""A Content-Security-Policy for every page: scripts only from the site itself, plus the exact
inline scripts the theme writes (allowed by their SHA-256 hash), and nothing from elsewhere."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>")


def _executable_inline(attrs: str) -> bool:
    # A script with src is loaded from 'self'; a JSON data block is never executed.
    return "src=" not in attrs and 'type="application/json"' not in attrs


def policy(html: str) -> str:
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(m["body"].encode()).digest()).decode()
            + "'"
            for m in _INLINE_SCRIPT.finditer(html)
            if _executable_inline(m["attrs"])
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
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


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
