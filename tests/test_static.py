"""`lofte sidor`: the site as plain Markdown, built by plain MkDocs and Material with no hooks
and no macros plugin, gives the same pages as the real build."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.model import Dataset
from tests.conftest import EXAMPLE, FIXTURES, ROOT, Build, lofte, mkdocs_build

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _without_policy(path: Path) -> str:
    return POLICY.sub("", path.read_text(encoding="utf-8"))


def test_plain_mkdocs_builds_the_same_pages(
    example_site: tuple[Build, Dataset], tmp_path: Path
) -> None:
    # The example content, so that the example page's author macros are expanded too.
    build, _ = example_site
    out = tmp_path / "sidor"
    data = EXAMPLE
    result = lofte(
        "sidor", "--data", str(data), "--mkdocs", str(ROOT / "mkdocs.yml"), "--ut", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Skrev ")
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    assert all(not (isinstance(p, dict) and "macros" in p) for p in config["plugins"])
    for page in ("index.md", "exempel/sa-gick-det-2025.md"):
        assert "{{" not in (out / "docs" / page).read_text(encoding="utf-8")

    plain = mkdocs_build(out, tmp_path / "s")
    assert plain.returncode == 0, plain.output
    real, static = _files(build.site), _files(tmp_path / "s")
    real_pages = {f for f in real if f.endswith(".html")}
    assert real_pages == {f for f in static if f.endswith(".html")}
    assert len(real_pages) > 10
    # The open data (tables, feeds, catalogue) is there too. Without a site address the hook
    # removes MkDocs' empty sitemap; plain MkDocs has no hook, so it keeps one.
    theirs = {"assets/", "search/", "sitemap.xml"}
    assert {f for f in real if not f.startswith(tuple(theirs))} == {
        f for f in static if not f.startswith(tuple(theirs))
    }
    # Each page is the same HTML, byte for byte, but for the security policy that the
    # on_post_page hook adds (without hooks, a server header has to carry it).
    for name in sorted(real_pages):
        real_html = (build.site / name).read_text(encoding="utf-8")
        assert POLICY.search(real_html), name
        assert POLICY.sub("", real_html) == _without_policy(tmp_path / "s" / name), name


def test_sidor_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "fil.txt").write_text("x", encoding="utf-8")
    result = lofte("sidor", "--data", str(FIXTURES / "valid" / "data"), "--ut", str(tmp_path))
    assert result.returncode == 2
    assert "finns redan och är inte tom" in result.stderr


def test_sidor_reports_bad_data_in_swedish(valid_data: Path, tmp_path: Path) -> None:
    (valid_data / "testby" / "kommun.yml").write_text("namn: [\n", encoding="utf-8")
    result = lofte("sidor", "--data", str(valid_data), "--ut", str(tmp_path / "ut"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kommun.yml" in result.stderr
