"""What one site build needs from the data: read once per change, shared by hooks and macros.

MkDocs runs the page hook and the macros plugin as separate plugins within the same build; both
ask here, and the data set is read once for each state of the files under `data/` (so that
`mkdocs serve` picks up an edit and a build never reads twice).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from macros.data import folder_entries, layout
from macros.data.folders import read_dataset, read_municipalities
from macros.data.problems import DataError
from macros.model import Dataset, Municipality
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
    found = list(_municipalities_fingerprint(root))
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

    @cached_property
    def own_search(self) -> frozenset[str]:
        """The municipalities whose pages search their own index (a county part's), else none
        (see `macros.site.search`)."""
        if self.part.kind is not PartKind.COUNTY:
            return frozenset()
        return frozenset(m.id for m in self.dataset.municipalities)

    @property
    def county_page(self) -> tuple[County, str] | None:
        return partition.county_page(self.part, self.counties)


@lru_cache(maxsize=4)
def _read(root: Path, part: Part, fingerprint: Fingerprint, drafts: bool) -> SitePart:
    try:
        everyone = municipalities(root)
    except DataError:
        if part.kind is PartKind.WHOLE:
            read_dataset(root)  # every problem of the data set at once, not just kommun.yml's
        raise
    counties = partition.counties(everyone)
    only = partition.members(part, counties)
    if part.kind is PartKind.START:
        # The municipalities only (no promises, so no drafts to leave out): the county list.
        return SitePart(part, counties, Dataset(municipalities=everyone))
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


def _municipalities_fingerprint(root: Path) -> Fingerprint:
    """What `read_municipalities` reads: the entries of the data folder and every kommun.yml."""
    found: list[tuple[str, int, int]] = []
    for entry in folder_entries.entries(root):
        stat = os.lstat(entry)
        found.append((str(entry), stat.st_mode, stat.st_mtime_ns))
        path = entry / layout.MUNICIPALITY_FILE
        if entry.is_dir() and not entry.is_symlink() and os.path.lexists(path):
            stat = os.lstat(path)
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


_MUNICIPALITIES: dict[Path, tuple[Fingerprint, tuple[Municipality, ...]]] = {}


def municipalities(root: Path) -> tuple[Municipality, ...]:
    """Every municipality (`read_municipalities`), read once for each state of the files it
    reads. The builder reads them to plan the parts, and each part, forked from it, needs them
    again for the counties: at 290 municipalities reading them twice in each of 22 parts cost
    about as much as building a small county. Raises DataError as read_municipalities does."""
    key = root.resolve()
    try:
        fingerprint = _municipalities_fingerprint(root)
    except OSError:  # no data folder, or not a folder: read_municipalities says so in Swedish
        return read_municipalities(root)
    known = _MUNICIPALITIES.get(key)
    if known is not None and known[0] == fingerprint:
        return known[1]
    found = read_municipalities(root)
    _MUNICIPALITIES[key] = (fingerprint, found)
    return found


def _county_fingerprint(root: Path, part: Part) -> Fingerprint:
    try:
        counties = partition.counties(municipalities(root))
        only = partition.members(part, counties) or frozenset()
    except (DataError, partition.PartError):
        return ()
    return _part_fingerprint(root, only)


def site_dataset(config_file: str | os.PathLike[str]) -> Dataset:
    """The validated data set for a build; raises DataError with every problem."""
    return site_part(config_file).dataset
