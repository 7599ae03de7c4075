"""The folder layout of data/ is described once (macros/data/layout.py) and everything that
writes or reads data files agrees with it."""

from __future__ import annotations

from pathlib import PurePosixPath

from macros.data import layout
from macros.model import Dataset
from macros.staff import generate
from tests.conftest import FIXTURES, Build


def test_every_generated_file_has_a_kind() -> None:
    files = generate.generate(2, seed=3)
    kinds = {layout.kind_of(PurePosixPath(path)) for path in files}
    assert None not in kinds
    assert kinds == set(layout.FileKind)


def test_every_fixture_file_has_a_kind() -> None:
    data = FIXTURES / "valid" / "data"
    for path in data.rglob("*.yml"):
        assert layout.kind_of(path.relative_to(data)) is not None, path


def test_files_that_are_no_data_have_no_kind() -> None:
    for path in ("testby/README.md", "testby/2024-2025/omraden/a.txt", "a/b/c/d/e/f.yml"):
        assert layout.kind_of(PurePosixPath(path)) is None, path


def test_reserved_names_are_the_sites_own_top_folders(fixture_site: tuple[Build, Dataset]) -> None:
    """A municipality folder must not take a name the site uses: the reserved names are exactly
    the top folders of a real build, apart from the municipalities."""
    build, dataset = fixture_site
    top = {p.name for p in build.site.iterdir() if p.is_dir()}
    assert top - {m.id for m in dataset.municipalities} == layout.RESERVED_ROOT_NAMES
