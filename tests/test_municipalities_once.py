"""The municipalities of the whole country are read once for each state of their files: the
builder reads them to plan the parts, and every part it forks finds them read. An edit, a new
municipality or a stray file is seen at once (`make serve`), and a problem is never hidden."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.problems import DataError
from macros.site import cache
from tests.conftest import ROOT


def _touch_later(path: Path) -> None:
    """Change a file's time for certain (file systems keep coarse times)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_the_same_files_are_read_once(valid_data: Path) -> None:
    first = cache.municipalities(valid_data)
    assert cache.municipalities(valid_data) is first
    assert [m.id for m in first]


def test_an_edited_kommun_yml_is_read_again(valid_data: Path) -> None:
    first = cache.municipalities(valid_data)
    path = valid_data / first[0].id / "kommun.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(first[0].name, first[0].name + "s", 1), encoding="utf-8")
    _touch_later(path)
    assert cache.municipalities(valid_data)[0].name == first[0].name + "s"


def test_a_new_municipality_is_seen(valid_data: Path) -> None:
    first = cache.municipalities(valid_data)
    shutil.copytree(valid_data / first[0].id, valid_data / "nykommun")
    assert "nykommun" in [m.id for m in cache.municipalities(valid_data)]


@pytest.mark.parametrize("change", ["stray file", "broken kommun.yml"])
def test_a_problem_after_a_good_read_is_reported(valid_data: Path, change: str) -> None:
    first = cache.municipalities(valid_data)
    if change == "stray file":
        (valid_data / "anteckning.txt").write_text("x", encoding="utf-8")
    else:
        path = valid_data / first[0].id / "kommun.yml"
        path.write_text("namn: [\n", encoding="utf-8")
        _touch_later(path)
    with pytest.raises(DataError):
        cache.municipalities(valid_data)


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_a_data_folder_that_is_not_there_is_a_swedish_problem(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "data"
    if kind == "a file":
        root.write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="mappen med data finns inte"):
        cache.municipalities(root)


def test_make_build_without_data_prints_no_traceback(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("macros", "overrides", "docs"):
        (project / name).symlink_to(ROOT / name)
    result = subprocess.run(
        [sys.executable, "-m", "macros.site.builder", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-1500:]
    assert "data" in result.stderr and not (tmp_path / "site").exists()
