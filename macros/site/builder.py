"""`make build` and `make preview`: the site built in parts, side by side.

A site of one county (or one municipality) is one `mkdocs build`, as it always was. A national
site is one `mkdocs build` per county plus one for the national start (see
`macros.site.partition`), run concurrently, one process each, so no process holds the whole
country: each part is built into a folder of its own, and the parts are put together only when
every one of them has succeeded. With MEDBORGARLOFTEN_DEL set (`make build KOMMUN=…`) only that
part is built.

Usage: python -m macros.site.builder [--site-dir site] [--jobs N]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from macros.data import folders
from macros.data.folders import read_municipalities
from macros.data.problems import DataError
from macros.site import partition
from macros.site.partition import Part, PartKind


@dataclass(frozen=True)
class Job:
    part: Part
    place: str  # where the part's output goes below the site folder ("" for the top)
    weight: int  # municipalities in it: the biggest start first


def plan(data: Path) -> list[Job]:
    """The builds the site needs: the chosen part, the whole site, or the national parts."""
    chosen = partition.part_from_env()
    if chosen.kind is not PartKind.WHOLE:
        return [Job(chosen, "", 1)]
    try:
        counties = partition.counties(read_municipalities(data))
    except DataError:
        return [Job(Part(), "", 1)]  # the build itself reports every problem
    if not partition.is_national(counties):
        return [Job(Part(), "", 1)]
    jobs = [Job(Part(PartKind.START), "", 0)]
    jobs += [Job(Part(PartKind.COUNTY, c.slug), c.slug, len(c.municipalities)) for c in counties]
    return sorted(jobs, key=lambda job: -job.weight)


def _run(job: Job, config_file: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env[partition.PART_VARIABLE] = "" if job.part.kind is PartKind.WHOLE else job.part.name
    return subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"),
            *("--config-file", str(config_file), "--site-dir", str(out)),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _build_here(job: Job, config_file: Path, out: Path) -> int:
    """One part built in this process, as `mkdocs build` would build it: a site of one part
    needs no second Python (its start-up and imports were a third of a small build's cost
    over the same pages built static, measured in issue 14)."""
    from mkdocs.__main__ import cli

    folders.FREEZE_AFTER_READING = True  # this process builds once and ends
    before = os.environ.get(partition.PART_VARIABLE)
    os.environ[partition.PART_VARIABLE] = "" if job.part.kind is PartKind.WHOLE else job.part.name
    arguments = [
        *("build", "--strict", "--clean"),
        *("--config-file", str(config_file), "--site-dir", str(out)),
    ]
    try:
        cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        if before is None:
            os.environ.pop(partition.PART_VARIABLE, None)
        else:
            os.environ[partition.PART_VARIABLE] = before
    return 0


def _preload(config_file: Path) -> None:
    """Import and prepare, once, what the build of every part needs: the forked builds start
    with it. Loading the configuration imports MkDocs, the theme, the plugins and the hooks
    (with the whole of `macros`); the Markdown extensions are imported by making a parser; our
    templates are compiled. A configuration that does not load is left to the builds, which
    report it as `mkdocs build` does."""
    from markdown import Markdown
    from mkdocs.config import load_config

    from macros.site import render

    try:
        with contextlib.redirect_stderr(io.StringIO()):
            config = load_config(config_file=str(config_file))
            Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    except Exception:  # every build reports it again, in its own words
        return
    env = render.environment()
    for name in env.list_templates():
        env.get_template(name)


def _forked_build(job: Job, config_file: Path, out: Path, log: Path) -> int:
    """Start building one part in a child process, with what this process has imported and
    prepared; its output goes to `log`. Returns the child's process id."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        code = _build_here(job, config_file, out)
    except BaseException:  # the child must never return into the parent's code
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _build_forked(
    work: list[Job], config_file: Path, outs: list[Path], jobs: int, logs: Path
) -> list[tuple[int, str]]:
    """Every part built in a forked child, `jobs` at a time: (exit code, output) per part.

    Each `mkdocs build` started as a new Python pays the interpreter's start and the imports
    of MkDocs, the theme, the plugins and `macros` again, about a fifth of a second of CPU: 22
    times for a national site. A child forked from this process starts with all of it, and
    the pages it shares with this process cost no memory until written to."""
    _preload(config_file)
    gc.freeze()  # the objects made so far stay put: the children's collector skips them
    logs.mkdir(parents=True, exist_ok=True)
    pending = list(enumerate(work))
    running: dict[int, int] = {}
    codes: dict[int, int] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, job = pending.pop(0)
                log = logs / f"{index}.log"
                running[_forked_build(job, config_file, outs[index], log)] = index
            pid, status = os.wait()
            if pid in running:
                codes[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    finally:
        for pid in running:  # interrupted: no child outlives the build
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        gc.unfreeze()
    return [
        (codes[i], (logs / f"{i}.log").read_text(encoding="utf-8", errors="replace"))
        for i in range(len(work))
    ]


def _build_in_processes(
    work: list[Job], config_file: Path, outs: list[Path], jobs: int
) -> list[tuple[int, str]]:
    """Every part built by a new `mkdocs build` process, `jobs` at a time (where a process
    cannot be forked)."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(
            pool.map(lambda j: _run(j[0], config_file, j[1]), zip(work, outs, strict=True))
        )
    return [(r.returncode, r.stderr) for r in results]


def can_fork() -> bool:
    """Forking is safe on Linux in a process without other threads (macOS' system libraries
    are not fork-safe, and Windows has no fork)."""
    return sys.platform == "linux" and threading.active_count() == 1


def build(config_file: Path, site_dir: Path, jobs: int) -> int:
    """Build every part, then put them together in `site_dir`; 0 on success."""
    config_file, site_dir = config_file.resolve(), site_dir.resolve()
    work = plan(config_file.parent / "data")
    if len(work) == 1 and not work[0].place:
        return _build_here(work[0], config_file, site_dir)
    staging = site_dir.parent / f".{site_dir.name}.delar"
    shutil.rmtree(staging, ignore_errors=True)
    start = time.perf_counter()
    outs = [staging / (job.place or "_start") for job in work]
    if can_fork():
        results = _build_forked(work, config_file, outs, jobs, staging / "_logg")
    else:
        results = _build_in_processes(work, config_file, outs, jobs)
    failed = [(job, r) for job, r in zip(work, results, strict=True) if r[0] != 0]
    for job, (_, output) in failed:
        print(f"Delen {job.part.name} gick inte att bygga:", file=sys.stderr)
        sys.stderr.write(output)
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        return 1
    shutil.rmtree(site_dir, ignore_errors=True)
    (staging / "_start").rename(site_dir)
    for job, out in zip(work, outs, strict=True):
        if job.place:
            out.rename(site_dir / job.place)
    shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - start
    print(f"Byggde {len(work)} delar till {site_dir} på {seconds:.1f} s.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.site.builder",
        description="Bygg webbplatsen, ett län i taget när datan har flera län.",
    )
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="byggen samtidigt (standard: kärnor)"
    )
    args = parser.parse_args(argv)
    try:
        return build(args.config_file, args.site_dir, args.jobs)
    except KeyboardInterrupt:
        print("Bygget avbröts: inget publicerades.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
