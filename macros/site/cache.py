"""What one site build needs from the data: read once per change, shared by hooks and macros.

MkDocs runs the page hook and the macros plugin as separate plugins within the same build; both
ask here, and the data set is read once for each state of the files under `data/` (so that
`mkdocs serve` picks up an edit and a build never reads twice).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from macros.data import folder_entries
from macros.data.folders import read_dataset
from macros.model import Dataset

DRAFTS_VARIABLE = "MEDBORGARLOFTEN_UTKAST"


def data_dir(config_file: str | os.PathLike[str]) -> Path:
    """The data folder sits beside mkdocs.yml."""
    return Path(config_file).resolve().parent / "data"


def show_drafts() -> bool:
    """Preview builds (MEDBORGARLOFTEN_UTKAST=1) show drafts; production leaves them out."""
    return os.environ.get(DRAFTS_VARIABLE, "") == "1"


@lru_cache(maxsize=4)
def _read(root: Path, fingerprint: tuple[tuple[str, int, int], ...], drafts: bool) -> Dataset:
    dataset = read_dataset(root)
    return dataset if drafts else dataset.without_drafts()


def site_dataset(config_file: str | os.PathLike[str]) -> Dataset:
    """The validated data set for a build; raises DataError with every problem."""
    root = data_dir(config_file)
    fingerprint = folder_entries.fingerprint(root) if root.is_dir() else ()
    return _read(root, fingerprint, show_drafts())
