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


def _where(revision: str, data: Path) -> tuple[str, str, str]:
    """The repository's top folder, the commit `revision` names and the data folder's path in
    the repository; raise RevisionError."""
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
    return top, commit, start.relative_to(found).as_posix()


def changed_outside(base: str, head: str | None, data: Path) -> list[str]:
    """Every file outside the data folder that differs between `base` and `head` (without
    `head`: the working copy, files not yet added included), as git shows paths; raise
    RevisionError. These change what the site shows or how it is built."""
    top, old, inside = _where(base, data)
    commits = [old] if head is None else [old, _where(head, data)[1]]
    outside = f":(exclude,top){inside}/"
    paths = _git(
        ["-c", "core.quotePath=false", "diff", "--name-only", *commits, "--", ":(top)", outside],
        Path(top),
    )
    if head is None:
        paths += "\n" + _git(
            [
                "-c",
                "core.quotePath=false",
                "ls-files",
                "--others",
                "--exclude-standard",
                "--",
                ":(top)",
                outside,
            ],
            Path(top),
        )
    return sorted({p for p in paths.splitlines() if p})


def data_at(revision: str, data: Path, workdir: Path) -> Path:
    """Extract `data` as it was at `revision` into `workdir`; raise RevisionError."""
    top, commit, inside = _where(revision, data)
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
