"""Shared test helpers: fixture data sets copied to a temporary folder, and real site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.dataset import read_dataset
from macros.model import Dataset
from macros.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid data set; tests break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "data", target)
    return target


def problems_of(root: Path) -> list[str]:
    """The problems the validator reports for a data folder, as the lines a person reads."""
    try:
        read_dataset(root)
    except DataError as error:
        return sorted(str(p) for p in error.problems)
    return []


def lofte(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the staff command as staff run it: as a program, in a folder."""
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def load(root: Path) -> Dataset:
    return read_dataset(root)


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


def build_site(
    data: Path, workdir: Path, *, drafts: bool = False, docs: Path | None = None
) -> Build:
    """Build the real site with MkDocs (strict) from `data`, in a project folder of its own."""
    project = workdir / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    (project / "docs").symlink_to(docs or ROOT / "docs")
    (project / "data").symlink_to(data)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MEDBORGARLOFTEN_UTKAST", None)
    if drafts:
        env["MEDBORGARLOFTEN_UTKAST"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(workdir / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, workdir / "site")


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Dataset]]:
    build = build_site(ROOT / "data", tmp_path_factory.mktemp("shipped"))
    assert build.returncode == 0, build.output
    yield build, load(ROOT / "data").without_drafts()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Dataset]]:
    build = build_site(FIXTURES / "valid" / "data", tmp_path_factory.mktemp("fixture"))
    assert build.returncode == 0, build.output
    yield build, load(FIXTURES / "valid" / "data").without_drafts()
