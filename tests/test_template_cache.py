"""The compiled-template cache (macros/site/template_cache.py): keyed by a template's name and
the environment, never by its file, so a project in a new folder adds no entries; guarded by
the checksum of the template's text, so two projects with different templates of one name each
render their own; and kept to a bounded number of entries."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from macros.site import template_cache


def _env(templates: Path, cache: Path) -> jinja2.Environment:
    """A new environment, as a new build makes one, reading `templates`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    return template_cache.with_cache(env, cache)


def _project(root: Path, text: str) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "sida.html").write_text(text, encoding="utf-8")
    return root / "templates"


def _entries(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir())


def test_a_project_in_another_folder_adds_no_entries(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    first = _project(tmp_path / "ett", "<p>{{ namn }}</p>")
    assert _env(first, cache).get_template("sida.html").render(namn="a") == "<p>a</p>"
    made = _entries(cache)
    assert len(made) == 1
    second = _project(tmp_path / "tva", "<p>{{ namn }}</p>")  # the same text, another folder
    assert _env(second, cache).get_template("sida.html").render(namn="b") == "<p>b</p>"
    assert _entries(cache) == made


def test_two_templates_of_one_name_each_render_their_own(tmp_path: Path) -> None:
    """Same name, same environment, different text, one cache: each project renders its own
    template, in turn and again (Jinja compiles a template whose checksum differs)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    one = _project(tmp_path / "ett", "<p>ett {{ namn }}</p>")
    two = _project(tmp_path / "tva", "<p>två {{ namn }}</p>")
    for _ in range(2):
        assert _env(one, cache).get_template("sida.html").render(namn="x") == "<p>ett x</p>"
        assert _env(two, cache).get_template("sida.html").render(namn="x") == "<p>två x</p>"
    assert len(_entries(cache)) == 1


def test_the_cache_is_kept_to_its_bound(tmp_path: Path) -> None:
    """Entries beyond the bound go, the oldest first; files that are not ours stay."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(12):
        entry = cache / (template_cache.PATTERN % f"{n:02d}")
        entry.write_bytes(b"x")
        os.utime(entry, ns=(n * 10**9, n * 10**9))
    (cache / "annat-00.cache").write_bytes(b"x")
    assert template_cache.prune(str(cache), most=5) == 7
    assert _entries(cache) == ["annat-00.cache"] + [
        template_cache.PATTERN % f"{n:02d}" for n in range(7, 12)
    ]
    assert template_cache.prune(str(cache), most=5) == 0
