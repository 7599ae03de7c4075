"""The data folder as it was at a git revision, for `lofte diff` and `lofte kontrollera --bas`.

The revision is checked before git sees it (never an option, always a commit), and the archive is
refused if it holds a link: nothing outside the revision's data folder is ever read.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

from macros.data.folders import LINKED_ROOT, linked_folder


class RevisionError(Exception):
    """The revision cannot be read; the message is Swedish and says why."""


class _GitMissing(RevisionError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise _GitMissing("git finns inte på datorn. Installera git och försök igen.") from None
    if result.returncode != 0:
        raise RevisionError(result.stderr.strip() or f"git {args[0]} misslyckades")
    return result.stdout.strip()


def data_at(revision: str, data: Path, workdir: Path) -> Path:
    """Extract `data` as it was at `revision` into `workdir`; raise RevisionError."""
    if not revision or revision.startswith("-"):
        raise RevisionError(
            f'versionen "{revision}" börjar med ett bindestreck. Ange en gren, en tagg eller '
            "en commit, till exempel origin/main."
        )
    if not data.is_dir():
        raise RevisionError(f"mappen {data} finns inte.")
    try:
        top = _git(["rev-parse", "--show-toplevel"], data)
    except _GitMissing:
        raise
    except RevisionError:
        raise RevisionError(
            f"{data} ligger inte i ett git-arkiv, så det finns inga versioner att jämföra med."
        ) from None
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision], data)
        commit = _git(["rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}"], data)
    except RevisionError:
        raise RevisionError(
            f'versionen "{revision}" finns inte i git-arkivet. Ange en gren, en tagg eller en '
            "commit, till exempel origin/main."
        ) from None
    linked = linked_folder(data)
    if linked is not None:
        raise RevisionError(f"{linked} {LINKED_ROOT}")
    # Never resolved: no folder from the repository down to data is a link (checked above).
    start = Path(os.path.abspath(data))
    top_path = Path(top).resolve()
    found = next((p for p in (start, *start.parents) if p.resolve() == top_path), None)
    if found is None:
        raise RevisionError(f"{data} ligger utanför git-arkivet {top}.")
    inside = start.relative_to(found).as_posix()
    workdir.mkdir(parents=True)
    archive = workdir / "data.tar"
    with archive.open("wb") as out:
        result = subprocess.run(
            ["git", "archive", "--format=tar", commit, "--", inside],
            cwd=top,
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    if result.returncode != 0:
        raise RevisionError(f'mappen {inside}/ finns inte i versionen "{revision}".')
    with tarfile.open(archive) as tar:
        links = [m.name for m in tar.getmembers() if m.issym() or m.islnk()]
        if links:
            raise RevisionError(
                f'versionen "{revision}" har en länk i datamappen ({links[0]}). Länkar används '
                "inte i data/ och läses aldrig: ersätt länken med filen den pekar på."
            )
        tar.extractall(workdir / "tree", filter="data")
    target = workdir / data.name
    (workdir / "tree" / inside).rename(target)
    return target
