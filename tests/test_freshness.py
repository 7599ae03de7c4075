"""Each page says when its content last changed, from git history, with the newest approval
beside it; built without history (a tarball, no .git) it says so plainly."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from macros.model import Dataset
from macros.site import freshness, pages
from macros.site.history import NO_HISTORY, History, read_history
from tests.conftest import ROOT, VALID, Build, article_text, build_site

LINE = re.compile(r'<p class="ml-freshness">(.*?)</p>', re.S)


def git_date(paths: list[str]) -> str:
    """The newest commit date of files, asked of git directly (paths as data/… below VALID)."""
    real = [str(VALID.parent / p) for p in paths]
    result = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", *real],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def every_page(site: Path) -> list[str]:
    return [
        str(p.parent.relative_to(site)).replace(".", "") + "/"
        for p in sorted(site.rglob("index.html"))
        if "search" not in p.parts
    ]


def test_every_page_states_when_it_last_changed(fixture_site: tuple[Build, Dataset]) -> None:
    build, dataset = fixture_site
    for url in every_page(build.site):
        url = url.lstrip("/")
        html = (build.site / url / "index.html").read_text(encoding="utf-8")
        found = LINE.findall(html)
        assert len(found) == 1, url
        assert "Senast ändrad" in found[0], (url, found[0])
        assert "Senast ändrad" in article_text(build.site, url)
    history = read_history({"data": VALID, "docs": ROOT / "docs"})
    assert history.available
    for page in pages.plan(dataset):
        files, follow_ups = freshness.sources(dataset, page)
        expected = git_date(files)
        html = (build.site / page.url / "index.html").read_text(encoding="utf-8")
        assert f'Senast ändrad <time datetime="{expected}">{expected}</time>.' in html, page.url
        approved = [
            max(f.approval.police, f.approval.municipality)
            for f in follow_ups
            if f.approval.police and f.approval.municipality
        ]
        if approved:
            day = max(approved).isoformat()
            assert f'Senast godkända uppföljning: <time datetime="{day}">' in html, page.url


def test_without_history_the_pages_say_so(valid_data: Path, tmp_path: Path) -> None:
    """A copy outside any repository, as from a tarball: the build works and says why."""
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 0, build.output
    for url in ("", "om/", "testby/2024-2025/trafik/"):
        text = article_text(build.site, url)
        assert "Ändringsdatum saknas: webbplatsen är byggd utan versionshistorik (git)." in text
        assert "Senast ändrad" not in text


def test_history_takes_the_newest_date_of_a_page_s_files(tmp_path: Path) -> None:
    history = History(True, {"data/a.yml": dt.date(2025, 1, 2), "data/b.yml": dt.date(2026, 3, 4)})
    assert history.last_change(["data/a.yml", "data/b.yml", "data/c.yml"]) == dt.date(2026, 3, 4)
    assert history.last_change(["data/c.yml"]) is None
    assert read_history({"data": tmp_path}) == NO_HISTORY  # not a repository
