"""Compiled templates kept between builds: Jinja's bytecode cache, for our own environments.

Compiling the templates was the largest fixed cost of a build (about a tenth of a small site's
build, measured in issue 14), paid again by every process: each part of a national site, each
`make build`. The compiled code is a pure function of the template's text and of how the
environment compiles it. An entry's key is the template's name and everything about the
environment that changes the compiled code (autoescaping, extensions, delimiters …, the Jinja
and Python versions), never the template's file: a project in another folder (every test's
temporary one) uses the same entries instead of adding its own. Jinja stores a checksum of the
template's text in each entry and compiles the template again when it differs
(`jinja2.bccache.Bucket.load_bytecode`), so two projects with different templates of one name
never run each other's code; they only take turns writing the entry. The folder is kept to
MOST_ENTRIES of our entries (the oldest go), whatever left them there.

The cache is Jinja's per-user folder in the system's temporary directory, which Jinja creates
readable by its owner only and refuses to use otherwise: nothing in the repository, so a pull
request cannot bring compiled code of its own. Entries are written whole (a temporary file,
then renamed), so builds side by side share them safely. A cache that cannot be used is no
error: the templates are compiled as before.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PATTERN = "medborgarloften-%s.cache"
# Our entries kept in the folder: a few hundred templates (the theme's and ours) in each of a
# few environments, for each Python and Jinja that builds here.
MOST_ENTRIES = 2000


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
        _pass_arg(env.finalize),
        # Whether a filter or test is passed the context (or the environment, or the eval
        # context) is decided when a template is compiled, and which ones exist too.
        tuple(sorted((name, _pass_arg(f)) for name, f in env.filters.items())),
        tuple(sorted((name, _pass_arg(f)) for name, f in env.tests.items())),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def _pass_arg(function: Any) -> str:
    """What Jinja passes a function first (the mark `jinja2.pass_context` and its kin set)."""
    found = getattr(function, "jinja_pass_arg", None)
    return "" if found is None else str(getattr(found, "name", found))


def prune(directory: str, most: int = MOST_ENTRIES) -> int:
    """Remove our oldest entries beyond `most` from the cache folder; returns how many went."""
    prefix, suffix = PATTERN.split("%s")
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(suffix):
                with contextlib.suppress(OSError):
                    found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    if len(found) <= most:
        return 0
    removed = 0
    for _, path in sorted(found)[: len(found) - most]:
        with contextlib.suppress(OSError):  # another build removed or renamed it
            os.unlink(path)
            removed += 1
    return removed


@functools.cache
def _pruned_once(directory: str) -> None:
    """The folder pruned once per process (listing it costs little; every build does it)."""
    with contextlib.suppress(OSError):
        prune(directory)


class _Cache(FileSystemBytecodeCache):
    def __init__(self, env: jinja2.Environment, directory: str | None = None) -> None:
        super().__init__(directory, pattern=PATTERN)
        self.environment = env
        _pruned_once(self.directory)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The template's name and the environment, not its file (see the module's text)."""
        # The fingerprint is taken now, not when the cache was made: plugins add filters to
        # an environment after it has its cache (MkDocs' on_env).
        return hashlib.sha1(f"{fingerprint(self.environment)}|{name}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # A full or read-only disk costs the next build time, nothing more.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def with_cache(env: jinja2.Environment, directory: Path | None = None) -> jinja2.Environment:
    """`env`, keeping its compiled templates between builds when the system allows it (in
    Jinja's per-user folder, or in `directory`)."""
    with contextlib.suppress(OSError, RuntimeError):  # no safe temporary folder for this user
        env.bytecode_cache = _Cache(env, None if directory is None else str(directory))
    return env
