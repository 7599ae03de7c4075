"""When each page's content last changed, from git history: one `git log` per folder per build.

A page's content comes from files: a hand-written page from its file in docs/, a generated page
from the data files its records were read from (their `origin`). The newest commit date among
those files is the page's date. Built from a tarball without .git (or without git), there is no
history: the pages then say so plainly instead of showing a wrong date."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class History:
    available: bool
    changed: dict[str, dt.date] = field(default_factory=dict)  # "data/x/y.yml" → last commit

    def last_change(self, paths: Iterable[str]) -> dt.date | None:
        dates = [self.changed[p] for p in paths if p in self.changed]
        return max(dates) if dates else None


NO_HISTORY = History(False)


def _log(folder: Path) -> dict[str, dt.date] | None:
    """Each file below `folder` (relative to it) with the date of its newest commit."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return None
    try:
        result = subprocess.run(
            [git, "log", "--format=@%cs", "--name-only", "--relative", "--", "."],
            cwd=folder.resolve(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    found: dict[str, dt.date] = {}
    day: dt.date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            day = dt.date.fromisoformat(line[1:])
        elif line and day is not None:
            found.setdefault(line, day)  # newest first: the first date seen is the last change
    return found


def read_history(folders: Mapping[str, Path]) -> History:
    """The history of folders by the name pages know them by ("data", "docs"); each may be a
    symbolic link into a repository. Without git or a repository: no history at all."""
    changed: dict[str, dt.date] = {}
    for name, folder in folders.items():
        log = _log(folder)
        if log is None:
            return NO_HISTORY
        changed.update({f"{name}/{path}": day for path, day in log.items()})
    return History(True, changed)


def project_history(project: Path) -> History:
    """The history of a project's data/ and docs/."""
    return read_history({"data": project / "data", "docs": project / "docs"})
