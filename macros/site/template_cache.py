"""Compiled templates kept between builds: Jinja's bytecode cache, for our own environments.

Compiling the templates was the largest fixed cost of a build (about a tenth of a small site's
build, measured in issue 14), paid again by every process: each part of a national site, each
`make build`. The compiled code is a pure function of the template's text and of how the
environment compiles it; Jinja keys each entry by the template's name and file and checks a
checksum of its text, and the key here also holds everything about the environment that changes
the compiled code (autoescaping, extensions, delimiters …) and the Jinja and Python versions.

The cache is Jinja's per-user folder in the system's temporary directory, which Jinja creates
readable by its owner only and refuses to use otherwise: nothing in the repository, so a pull
request cannot bring compiled code of its own. Entries are written whole (a temporary file,
then renamed), so builds side by side share them safely. A cache that cannot be used is no
error: the templates are compiled as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PATTERN = "medborgarloften-%s.cache"


def fingerprint(env: jinja2.Environment) -> str:
    """What, besides a template's text, decides the code Jinja compiles it to."""
    settings: tuple[Any, ...] = (
        jinja2.__version__,
        sys.version_info[:2],
        sys.implementation.cache_tag,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        repr(env.autoescape) if not callable(env.autoescape) else env.autoescape.__qualname__,
        env.undefined.__module__ + "." + env.undefined.__qualname__,
        env.finalize is None,
        tuple(sorted(env.extensions)),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


class _Cache(FileSystemBytecodeCache):
    def __init__(self, env: jinja2.Environment) -> None:
        super().__init__(pattern=PATTERN)
        self.environment_key = fingerprint(env)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.environment_key}|{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # A full or read-only disk costs the next build time, nothing more.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def with_cache(env: jinja2.Environment) -> jinja2.Environment:
    """`env`, keeping its compiled templates between builds when the system allows it."""
    with contextlib.suppress(OSError, RuntimeError):  # no safe temporary folder for this user
        env.bytecode_cache = _Cache(env)
    return env
