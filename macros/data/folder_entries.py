"""Which entries of a folder under data/ count: editor leftovers and other hidden files are
ignored everywhere (build, serve, `lofte kontrollera`), and a link is never followed."""

from __future__ import annotations

import os
from pathlib import Path

from macros.data import layout


def ignored(name: str) -> bool:
    """Kept beside the data but never read: documentation, and what editors and systems leave
    behind (.#lock files and .swp files start with a dot; backups end with ~; Emacs autosaves
    are #…#)."""
    return (
        name in layout.DOCUMENTATION
        or name.startswith(".")
        or name.endswith("~")
        or (name.startswith("#") and name.endswith("#"))
    )


def entries(folder: Path) -> list[Path]:
    """The entries of a folder that count, sorted; links are included (and refused by the
    reader), ignored names are not."""
    return sorted(path for path in folder.iterdir() if not ignored(path.name))


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of everything that counts under root, without following links, so a
    dangling link left by an editor cannot stop a build."""
    found = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not ignored(d))
        for name in sorted(files + [d for d in subfolders]):
            if ignored(name):
                continue
            stat = os.lstat(os.path.join(folder, name))
            found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return tuple(found)
