"""`make build` and `make preview`: the site built in parts, side by side.

A site of one county (or one municipality) is one `mkdocs build`, as it always was. A national
site is one `mkdocs build` per county plus one for the national start (see
`macros.site.partition`), run concurrently, one process each, so no process holds the whole
country: each part is built into a folder of its own, and the parts are put together only when
every one of them has succeeded. With MEDBORGARLOFTEN_DEL set (`make build KOMMUN=…`) only that
part is built.

Whatever happens, the site folder holds a whole site: every build (one part or many) is made in a
staging folder of its own beside it and moved into place only when it is complete, so the old
site stays until the new one is whole. One build of a site folder runs at a time (a lock file
beside it, where the system has `fcntl`). An interrupt (Ctrl-C, SIGTERM, SIGHUP) stops the
children, removes the staging folder and says so in Swedish; so does a part whose process was
killed (the kernel's out-of-memory killer sends SIGKILL).

Usage: python -m macros.site.builder [--site-dir site] [--jobs N]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from macros.data import consistency, folders
from macros.data.problems import DataError
from macros.site import cache, partition
from macros.site.partition import Part, PartKind

# Signals that stop a build: its children are stopped and nothing is published.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
# How long a stopped child gets to end before it is killed.
STOP_GRACE_SECONDS = 5.0
# A part's output below the staging folder: the national start (or the one part) is the site.
TOP = "_start"
# Where the old site is moved, in the staging folder, while the new one takes its place.
OLD = "_förra"


class Stopped(BaseException):
    """A signal asked the build to stop. A BaseException, as KeyboardInterrupt is, so that no
    `except Exception` in MkDocs or a plugin can swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Busy(Exception):
    """Another build of the same site folder holds its lock."""


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


@dataclass(frozen=True)
class Job:
    part: Part
    place: str  # where the part's output goes below the site folder ("" for the top)
    weight: int  # municipalities in it: the biggest start first


def plan(data: Path) -> list[Job]:
    """The builds the site needs: the chosen part, the whole site, or the national parts.
    Raises PartError (in Swedish) when MEDBORGARLOFTEN_DEL names no part of the data."""
    try:
        chosen = partition.part_from_env()
    except partition.PartError as error:
        if not str(error).startswith("KOMMUN="):
            raise
        with contextlib.suppress(DataError):
            counties = partition.counties(cache.municipalities(data))
            raise partition.PartError(
                f"{error} {partition.known_municipalities(counties)}"
            ) from None
        raise
    try:
        municipalities = cache.municipalities(data)
    except DataError:
        return [Job(chosen, "", 1)]  # the build itself reports every problem
    counties = partition.counties(municipalities)
    if chosen.kind is not PartKind.WHOLE:
        partition.members(chosen, counties)  # a part the data lacks is refused here
        return [Job(chosen, "", 1)]
    if not partition.is_national(counties):
        return [Job(Part(), "", 1)]
    taken = frozenset(_start_folders(data.parent / "docs"))
    problems = consistency.county_problems(municipalities, taken)
    if problems:
        raise DataError(problems)
    jobs = [Job(Part(PartKind.START), "", 0)]
    jobs += [Job(Part(PartKind.COUNTY, c.slug), c.slug, len(c.municipalities)) for c in counties]
    return sorted(jobs, key=lambda job: -job.weight)


# Folders the national start's build writes besides the hand-written pages' (the theme's).
START_FOLDERS = ("assets", "search")


def _start_folders(docs: Path) -> list[str]:
    """The top folders of the national start: each hand-written page or folder, and the
    theme's, which no county's address may take."""
    names = list(START_FOLDERS)
    with contextlib.suppress(OSError):
        names += [entry.name.removesuffix(".md") for entry in docs.iterdir()]
    return names


def _part_value(job: Job) -> str:
    return "" if job.part.kind is PartKind.WHOLE else job.part.name


def _start_process(job: Job, config_file: Path, out: Path, log: Path) -> subprocess.Popen[bytes]:
    """`mkdocs build` of one part as a new process in a process group of its own (so that
    stopping it stops whatever it started); its output goes to `log`."""
    env = dict(os.environ)
    env[partition.PART_VARIABLE] = _part_value(job)
    with log.open("wb") as output:
        return subprocess.Popen(
            [
                *(sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"),
                *("--config-file", str(config_file), "--site-dir", str(out)),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            process_group=0 if os.name == "posix" else None,
        )


def _exit_code(code: object) -> int:
    """The exit code a SystemExit stands for."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def _build_here(job: Job, config_file: Path, out: Path) -> int:
    """One part built in this process, as `mkdocs build` would build it: a site of one part
    needs no second Python (its start-up and imports were a third of a small build's cost
    over the same pages built static, measured in issue 14). MkDocs' own errors are shown as
    `mkdocs build` shows them; an interrupt is raised as Stopped, never "Aborted!"."""
    import click
    from mkdocs.__main__ import cli

    folders.FREEZE_AFTER_READING = True  # this process builds once and ends
    before = os.environ.get(partition.PART_VARIABLE)
    os.environ[partition.PART_VARIABLE] = _part_value(job)
    arguments = [
        *("build", "--strict", "--clean"),
        *("--config-file", str(config_file), "--site-dir", str(out)),
    ]
    try:
        result = cli.main(args=arguments, prog_name="mkdocs", standalone_mode=False)
    except click.exceptions.Abort:  # a KeyboardInterrupt, as click passes it on
        raise Stopped(signal.SIGINT) from None
    except click.ClickException as error:  # MkDocs' Abort: what went wrong is logged above
        error.show()
        return error.exit_code
    except SystemExit as done:
        return _exit_code(done.code)
    finally:
        if before is None:
            os.environ.pop(partition.PART_VARIABLE, None)
        else:
            os.environ[partition.PART_VARIABLE] = before
    return result if isinstance(result, int) else 0


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


def _die_with_parent() -> Callable[[], None]:
    """What a forked child calls to be killed when this process dies, even by SIGKILL, so that
    no child builds on for nobody (Linux' PR_SET_PDEATHSIG; elsewhere nothing)."""
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (ImportError, OSError, AttributeError):
        return lambda: None
    parent = os.getpid()

    def arrange() -> None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before it was arranged
            os._exit(1)

    return arrange


def _forked_build(
    job: Job, config_file: Path, out: Path, log: Path, arrange: Callable[[], None]
) -> int:
    """Start building one part in a child process, with what this process has imported and
    prepared, in a process group of its own; its output goes to `log`. Returns the child's
    process id."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        with contextlib.suppress(OSError):  # the child may have done it (or ended) already
            os.setpgid(pid, pid)
        return pid
    code = 1
    try:
        for signum in STOP_SIGNALS:  # the parent stops its children; they just end
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held by the parent's fork
        os.setpgid(0, 0)
        arrange()
        output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        code = _build_here(job, config_file, out)
    except Stopped as stop:  # a signal before its handler was reset
        code = 128 + stop.signum
    except BaseException:  # the child must never return into the parent's code
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _signal_group(pid: int, signum: int) -> None:
    """Send `signum` to a child's process group (the child and whatever it started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signum)  # in case it had no group of its own yet


def _stop_forked(pids: list[int]) -> None:
    """Stop the running children and wait for them: SIGTERM, and SIGKILL for one that has not
    ended within STOP_GRACE_SECONDS."""
    for pid in pids:
        _signal_group(pid, signal.SIGTERM)
    left = set(pids)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while left:
        for pid in list(left):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                left.discard(pid)
        if left and time.monotonic() > deadline:
            for pid in left:
                _signal_group(pid, signal.SIGKILL)
            deadline = float("inf")
        if left:
            time.sleep(0.02)


def _build_forked(
    work: list[Job], config_file: Path, outs: list[Path], jobs: int, logs: Path
) -> list[tuple[int, str]]:
    """Every part built in a forked child, `jobs` at a time: (exit code, output) per part; a
    child killed by a signal has the negative signal number as its code.

    Each `mkdocs build` started as a new Python pays the interpreter's start and the imports
    of MkDocs, the theme, the plugins and `macros` again, about a fifth of a second of CPU: 22
    times for a national site. A child forked from this process starts with all of it, and
    the pages it shares with this process cost no memory until written to."""
    _preload(config_file)
    arrange = _die_with_parent()
    gc.freeze()  # the objects made so far stay put: the children's collector skips them
    pending = list(enumerate(work))
    running: dict[int, int] = {}
    codes: dict[int, int] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, job = pending.pop(0)
                log = logs / f"{index}.log"
                with _signals_held() as came:  # no child started and not known to be stopped
                    running[_forked_build(job, config_file, outs[index], log, arrange)] = index
                if came:
                    raise Stopped(came[0])
            pid, status = os.wait()
            if pid in running:
                codes[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    finally:
        _stop_forked(list(running))  # stopped or failed: no child outlives the build
        gc.unfreeze()
    return [(codes[i], _read_log(logs / f"{i}.log")) for i in range(len(work))]


def _read_log(log: Path) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:  # killed before it opened its log
        return ""


def _stop_processes(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if os.name == "posix":
            _signal_group(child.pid, signal.SIGTERM)
        else:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _build_in_processes(
    work: list[Job], config_file: Path, outs: list[Path], jobs: int, logs: Path
) -> list[tuple[int, str]]:
    """Every part built by a new `mkdocs build` process, `jobs` at a time (where a process
    cannot be forked)."""
    pending = list(enumerate(work))
    running: dict[int, subprocess.Popen[bytes]] = {}
    codes: dict[int, int] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, job = pending.pop(0)
                log = logs / f"{index}.log"
                running[index] = _start_process(job, config_file, outs[index], log)
            for index, child in list(running.items()):
                code = child.poll()
                if code is not None:
                    codes[index] = code
                    del running[index]
            if running:
                time.sleep(0.05)
    finally:
        _stop_processes(list(running.values()))
    return [(codes[i], _read_log(logs / f"{i}.log")) for i in range(len(work))]


def can_fork() -> bool:
    """Forking is safe on Linux in a process without other threads (macOS' system libraries
    are not fork-safe, and Windows has no fork)."""
    return sys.platform == "linux" and threading.active_count() == 1


def lock_path(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.lock"


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}.delar"


@contextlib.contextmanager
def _only_build(site_dir: Path) -> Iterator[bool]:
    """Hold the site folder's lock for the build (True), or raise Busy when another build of it
    holds it. Where the system has no `fcntl` nothing is locked (False): each build still has
    a staging folder of its own. The lock file stays (removing it would race); the forked
    children inherit the lock, so it is held until the last of them has ended."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield False
        return
    # Read-only is enough for flock, so a lock file another user of a shared folder made will
    # do; it is made writable for everyone the folder's umask lets in.
    # Never through a link (site_dir_problem refuses one): it could make a file anywhere.
    descriptor = os.open(lock_path(site_dir), os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy() from None
        yield True
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Signals that stop a build wait while the body runs (moving the site into place, removing
    the staging folder); those that came are taken and listed, not raised."""
    came: list[int] = []
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield came
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield came
    finally:
        for signum in sorted(signal.sigpending() & set(STOP_SIGNALS)):
            signal.sigwait({signum})
            came.append(signum)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _failure(job: Job, code: int, output: str) -> str:
    """What to say of a part that did not build, in Swedish."""
    if code >= 0:
        return f"Delen {job.part.name} gick inte att bygga:\n{output}"
    signum = -code
    said = f"Delen {job.part.name} stoppades av signal {signum} ({signal_name(signum)})"
    if signum == getattr(signal, "SIGKILL", 9):
        return (
            f"{said} innan den var färdigbyggd. Oftast betyder det att datorn fick slut på "
            "minne och att systemet stoppade den process som tog mest (bygg med färre delar "
            "samtidigt, --jobs 1, eller på en dator med mer minne).\n"
        )
    return f"{said} innan den var färdigbyggd: någon eller något utanför bygget stoppade den.\n"


def _assemble(work: list[Job], outs: list[Path]) -> Path:
    """The parts put together in the staging folder: each county's part below the national
    start. A county part's own error page is left out: a host serves the site's 404.html for
    every address, and the county's would have links without the county's folder."""
    top = next(out for job, out in zip(work, outs, strict=True) if not job.place)
    for job, out in zip(work, outs, strict=True):
        if job.place:
            (out / "404.html").unlink(missing_ok=True)
            out.rename(top / job.place)
    places = [job.place for job in work if job.place]
    if places:  # a national site; a site of one part keeps MkDocs' own sitemap
        _sitemap_index(top, places)
    return top


SITEMAP = "sitemap.xml"
START_SITEMAP = "sitemap-start.xml"
_SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _sitemap_index(top: Path, places: list[str]) -> None:
    """A national site's /sitemap.xml (where a crawler looks) becomes an index of the start's
    sitemap and every county's: each part's build wrote a sitemap of its own pages only. Only
    with a site address: without one the parts write no sitemap."""
    start = top / SITEMAP
    if not start.is_file():
        return
    locations = [
        element.text or ""
        for element in ElementTree.parse(start).getroot().iter(f"{{{_SITEMAPS}}}loc")
    ]
    if not locations:
        return
    home = min(locations, key=len)  # the start page: the site's address
    start.rename(top / START_SITEMAP)
    gzipped = top / (SITEMAP + ".gz")
    if gzipped.is_file():
        gzipped.rename(top / (START_SITEMAP + ".gz"))
    maps = [
        START_SITEMAP,
        *(f"{place}/{SITEMAP}" for place in places if (top / place / SITEMAP).is_file()),
    ]
    entries = "".join(f"<sitemap><loc>{escape(home + path)}</loc></sitemap>\n" for path in maps)
    start.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="{_SITEMAPS}">\n{entries}</sitemapindex>\n',
        encoding="utf-8",
    )


def _publish(new: Path, site_dir: Path, old: Path) -> None:
    """The new site in place of the old: the old one is moved aside only now that the new one
    is whole (both renames stay on one file system: the staging folder is beside the site).
    The old folder's hidden entries (a gh-pages checkout's .git, .nojekyll, .well-known) stay,
    as `mkdocs build --clean` keeps them. A site folder that cannot be moved (a mount point)
    has its contents replaced instead, as MkDocs does."""
    if not site_dir.exists():
        new.rename(site_dir)
        return
    for entry in site_dir.iterdir():
        if entry.name.startswith(".") and not (new / entry.name).exists():
            entry.rename(new / entry.name)
    try:
        site_dir.rename(old)
    except OSError:  # busy (a mount point) or not ours to move
        _replace_contents(new, site_dir)
        return
    new.rename(site_dir)


def _replace_contents(new: Path, site_dir: Path) -> None:
    for entry in site_dir.iterdir():
        if not entry.name.startswith("."):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    for entry in new.iterdir():
        if not (site_dir / entry.name).exists():
            shutil.move(entry, site_dir / entry.name)


def site_dir_problem(config_file: Path, given: Path) -> str | None:
    """Why the builder will not build into `given` (in Swedish), or None. The builder replaces
    the whole folder, so it must be a folder of its own: never a link, a file, the project or
    a folder that holds it, nor a folder inside the project's own sources."""
    project = config_file.resolve().parent
    if given.is_symlink():
        return (
            f"{given} är en länk (till {os.readlink(given)}). Bygget ersätter hela "
            "webbplatsmappen och skriver därför bara till en vanlig mapp: ta bort länken eller "
            "välj en annan mapp med --site-dir."
        )
    if given.exists() and not given.is_dir():
        return (
            f"{given} finns redan och är ingen mapp. Flytta filen eller välj en annan mapp med "
            "--site-dir."
        )
    site = given.resolve()
    lock = lock_path(site)
    if lock.is_symlink():
        return (
            f"{lock} är en länk (till {os.readlink(lock)}). Bygget låser webbplatsmappen med en "
            "egen fil där och följer aldrig en länk: ta bort länken."
        )
    if site == project or site in project.parents:
        return (
            f"Webbplatsmappen {site} rymmer projektet ({project}): bygget ersätter hela "
            "mappen. Välj en egen mapp, till exempel --site-dir site."
        )
    for name in PROJECT_SOURCES:
        source = project / name
        if site == source or source in site.parents:
            return (
                f"Webbplatsmappen {site} ligger i projektets {name}/, som bygget läser från. "
                "Välj en egen mapp, till exempel --site-dir site."
            )
    return None


# What the builder reads, or what the project keeps: never a site folder or inside one.
PROJECT_SOURCES = ("docs", "data", "overrides", "macros", ".git", "tests")


def build(config_file: Path, site_dir: Path, jobs: int) -> int:
    """Build every part, put them together and publish them in `site_dir`; 0 on success. The
    site folder holds the old site until the new one is whole."""
    given = Path(os.path.abspath(site_dir))  # as given: a link is not followed
    config_file, site_dir = config_file.resolve(), given.resolve()
    try:
        work = plan(config_file.parent / "data")
    except partition.PartError as error:
        print(error, file=sys.stderr)
        return 2
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    problem = site_dir_problem(config_file, given)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _only_build(site_dir) as locked:
            return _build_staged(work, config_file, site_dir, jobs, locked)
    except PermissionError as error:
        print(
            f"Bygget får inte skriva i {error.filename or site_dir.parent}: det behöver skriva "
            f"låset och sina mellanlager bredvid webbplatsmappen {site_dir}. Välj en mapp du "
            "får skriva i med --site-dir.",
            file=sys.stderr,
        )
        return 1
    except Busy:
        print(
            f"Ett annat bygge av {site_dir} pågår redan (låset är {lock_path(site_dir)}). "
            "Vänta tills det är klart och försök sedan igen; det här bygget gjorde ingenting.",
            file=sys.stderr,
        )
        return 1


def _build_staged(
    work: list[Job], config_file: Path, site_dir: Path, jobs: int, locked: bool
) -> int:
    if locked:  # left by a build that was killed: no build of this folder runs now
        stale = [
            p
            for p in site_dir.parent.iterdir()
            if p.name.startswith(staging_prefix(site_dir)) and p.is_dir() and not p.is_symlink()
        ]
        for folder in stale:
            if not site_dir.exists() and (folder / OLD).is_dir():
                (folder / OLD).rename(site_dir)  # killed between the swap's two renames
            shutil.rmtree(folder, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(site_dir) + "-", dir=site_dir.parent))
    published = False
    try:
        start = time.perf_counter()
        outs = [staging / (job.place or TOP) for job in work]
        if len(work) == 1:
            code = _build_here(work[0], config_file, outs[0])
            if code != 0:
                print(f"Inget publicerades: {site_dir} är som förut.", file=sys.stderr)
                return code
        else:
            logs = staging / "_logg"
            logs.mkdir()
            if can_fork():
                results = _build_forked(work, config_file, outs, jobs, logs)
            else:
                results = _build_in_processes(work, config_file, outs, jobs, logs)
            failed = [(job, r) for job, r in zip(work, results, strict=True) if r[0] != 0]
            for job, (code, output) in failed:
                sys.stderr.write(_failure(job, code, output))
            if failed:
                print(f"Inget publicerades: {site_dir} är som förut.", file=sys.stderr)
                return 1
        top = _assemble(work, outs)
        with _signals_held() as came:
            _publish(top, site_dir, staging / OLD)
            published = True
        if len(work) > 1:
            seconds = time.perf_counter() - start
            print(f"Byggde {len(work)} delar till {site_dir} på {seconds:.1f} s.", file=sys.stderr)
        if came:
            raise Stopped(came[0])
        return 0
    except Stopped as stop:
        print(_stopped(stop.signum, site_dir, published), file=sys.stderr)
        return 128 + stop.signum
    finally:
        with _signals_held():
            shutil.rmtree(staging, ignore_errors=True)


def _stopped(signum: int, site_dir: Path, published: bool) -> str:
    how = "med Ctrl-C (SIGINT)" if signum == signal.SIGINT else f"av signalen {signal_name(signum)}"
    if published:
        return f"Bygget avbröts {how} först när den nya webbplatsen redan låg hel i {site_dir}."
    return f"Bygget avbröts {how}: inget publicerades, och {site_dir} är som förut."


def _on_signal(signum: int, frame: FrameType | None) -> None:
    for each in STOP_SIGNALS:  # stopping the children and cleaning up runs to its end
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise Stopped while the build runs (in the main thread only,
    where Python lets a program handle signals); the handlers before are put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # A signal the caller ignores (nohup ignores SIGHUP, a shell's background job SIGINT)
    # stays ignored: the build was asked to survive it.
    before = {
        signum: signal.signal(signum, _on_signal)
        for signum in STOP_SIGNALS
        if signal.getsignal(signum) is not signal.SIG_IGN
    }
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


# Imported by a plugin for something a build never does (mkdocs-macros checks PyPI with
# requests only when asked to install a pluglet): loaded on first use instead of at start, a
# twentieth of a small site's build.
DEFERRED_IMPORTS = ("requests",)


class _Deferred(types.ModuleType):
    """Stands in for a module until the first use of one of its attributes, which imports the
    real module (unchanged) and hands over to it. importlib's LazyLoader would do, but Python
    3.11's import statement reads the module's __spec__, which loads it at once."""

    def __getattr__(self, attribute: str) -> Any:
        real = _real_module(self.__name__)
        return getattr(real, attribute)


def _real_module(name: str) -> types.ModuleType:
    if isinstance(sys.modules.get(name), _Deferred):
        del sys.modules[name]
    return importlib.import_module(name)


def defer_imports(names: tuple[str, ...] = DEFERRED_IMPORTS) -> None:
    """Make `import name` cheap until the module is used."""
    for name in names:
        if name not in sys.modules and importlib.util.find_spec(name) is not None:
            sys.modules[name] = _Deferred(name)


def main(argv: list[str] | None = None) -> int:
    defer_imports()
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
        with _stopped_by_signals():
            return build(args.config_file, args.site_dir, args.jobs)
    except (KeyboardInterrupt, Stopped) as stop:  # before the build had begun
        signum = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
        print(_stopped(signum, args.site_dir, published=False), file=sys.stderr)
        return 128 + signum


if __name__ == "__main__":
    raise SystemExit(main())
