"""What one site build needs from the data: read once per change, shared by hooks and macros.

MkDocs runs the page hook and the macros plugin as separate plugins within the same build; both
ask here, and the data set is read once for each state of the files under `data/` (so that
`mkdocs serve` picks up an edit and a build never reads twice).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from macros.data import folder_entries, layout
from macros.data.folders import read_dataset, read_municipalities
from macros.data.problems import DataError
from macros.model import Dataset
from macros.site import partition
from macros.site.partition import County, Part, PartKind

DRAFTS_VARIABLE = "MEDBORGARLOFTEN_UTKAST"


def data_dir(config_file: str | os.PathLike[str]) -> Path:
    """The data folder sits beside mkdocs.yml."""
    return Path(config_file).resolve().parent / "data"


def show_drafts() -> bool:
    """Preview builds (MEDBORGARLOFTEN_UTKAST=1) show drafts; production leaves them out."""
    return os.environ.get(DRAFTS_VARIABLE, "") == "1"


Fingerprint = tuple[tuple[str, int, int], ...]


def _part_fingerprint(root: Path, only: frozenset[str] | None) -> Fingerprint:
    """Every file the part reads: the whole folder, or the kommun.yml of every municipality
    and everything in the part's own municipality folders (an edit elsewhere leaves it be).
    Links are never followed (see folder_entries)."""
    if not root.is_dir():
        return ()
    if only is None:
        return folder_entries.fingerprint(root)
    found: list[tuple[str, int, int]] = []
    for folder in folder_entries.entries(root):
        path = folder / layout.MUNICIPALITY_FILE
        if folder.is_dir() and not folder.is_symlink() and os.path.lexists(path):
            stat = os.lstat(path)
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    for name in sorted(only):
        folder = root / name
        if folder.is_dir() and not folder.is_symlink():
            found += folder_entries.fingerprint(folder)
    return tuple(found)


@dataclass(frozen=True)
class SitePart:
    """What one build holds: its part of the site, every county of the country (for the
    navigation) and the validated data of its own municipalities."""

    part: Part
    counties: tuple[County, ...]
    dataset: Dataset

    @property
    def county_page(self) -> tuple[County, str] | None:
        return partition.county_page(self.part, self.counties)


@lru_cache(maxsize=4)
def _read(root: Path, part: Part, fingerprint: Fingerprint, drafts: bool) -> SitePart:
    try:
        municipalities = read_municipalities(root)
    except DataError:
        if part.kind is PartKind.WHOLE:
            read_dataset(root)  # every problem of the data set at once, not just kommun.yml's
        raise
    counties = partition.counties(municipalities)
    only = partition.members(part, counties)
    if part.kind is PartKind.START:
        # The municipalities only (no promises, so no drafts to leave out): the county list.
        return SitePart(part, counties, Dataset(municipalities=municipalities))
    dataset = read_dataset(root, only=only)
    own = partition.county_of(part, counties)
    if own is not None:
        dataset = replace(dataset, county_part=own.name)
    return SitePart(part, counties, dataset if drafts else dataset.without_drafts())


def site_part(config_file: str | os.PathLike[str]) -> SitePart:
    """The part of the site this build makes (MEDBORGARLOFTEN_DEL), with its validated data;
    raises DataError with every problem, or PartError when the part is not in the data."""
    root = data_dir(config_file)
    part = partition.part_from_env()
    only: frozenset[str] | None = None
    if part.kind is PartKind.MUNICIPALITY:
        only = frozenset({part.key})
    elif part.kind is not PartKind.WHOLE:
        only = frozenset()  # a county's members are known only after reading: see _read
    fingerprint = _part_fingerprint(root, only)
    if part.kind is PartKind.COUNTY:
        # Read the county's own folders into the fingerprint too, so serve sees their edits.
        fingerprint += _county_fingerprint(root, part)
    return _read(root, part, fingerprint, show_drafts())


def _county_fingerprint(root: Path, part: Part) -> Fingerprint:
    try:
        counties = partition.counties(read_municipalities(root))
        only = partition.members(part, counties) or frozenset()
    except (DataError, partition.PartError):
        return ()
    return _part_fingerprint(root, only)


def site_dataset(config_file: str | os.PathLike[str]) -> Dataset:
    """The validated data set for a build; raises DataError with every problem."""
    return site_part(config_file).dataset
