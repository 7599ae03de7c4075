"""`make bench` (and `make bench-national`): how the data layer and the site build scale,
measured side by side in one run, and the budgets of issue 14 checked against the figures.

Ratios are what to read: the machine is shared and noisy, so absolute seconds move between runs
while ratios measured together move less. The two sides of a ratio run interleaved (ours, the
other, ours, the other …, at least five pairs); the median ratio is reported with its spread,
and a spread wider than ±5 % marks it unstable, which is not a budget met. `--national` adds the
290-municipality build (five pairs as well: it takes half an hour) and the `KOMMUN=` preview at 290.
Results are printed as Markdown and written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import yaml

from macros import progress
from macros.data import folders
from macros.data.folders import read_dataset, read_municipalities
from macros.model import Dataset
from macros.site import builder, pages, partition
from macros.site.partition import Part, PartKind
from macros.site.static import county_page as static_county_page
from macros.site.static import write_static_site
from macros.staff import generate

# The project is installed (make install: pip install -e .), so macros imports without a
# sys.path entry; ROOT is only where mkdocs.yml, docs/ and overrides/ are read from.
ROOT = Path(__file__).resolve().parent.parent

# The commands measured see a small, fixed environment (and the temporary folder, if one is set).
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"} | (
    {"TMPDIR": os.environ["TMPDIR"]} if os.environ.get("TMPDIR") else {}
)


def median_time(action: Callable[[], object], repeat: int) -> float:
    """CPU seconds of this process (the median of `repeat` runs): on a shared machine, time
    spent waiting for a core is not the code's cost."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def parse_floor(root: Path) -> None:
    """The floor: parse every data file with PyYAML's C loader and nothing else."""
    for path in sorted(root.rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def data_layer(root: Path) -> Dataset:
    """Read, validate and compute progress, as a build does."""
    dataset = read_dataset(root)
    for promise in dataset.promises:
        for year in promise.years:
            progress.overview(promise, year)
        for activity in promise.activities:
            progress.status_history(promise, activity)
        for indicator in promise.indicators:
            progress.indicator_progress(indicator)
    return dataset


# docs/exempel/ holds example pages whose macros name the example municipality; the generated
# data sets have other municipalities, so the bench builds the site without them.
EXAMPLE_PAGES = "exempel"


def site_source(workdir: Path) -> Path:
    """mkdocs.yml and docs/ as in the repository, without the example pages."""
    source = workdir / "kalla"
    if not source.exists():
        shutil.copytree(
            ROOT / "docs", source / "docs", ignore=shutil.ignore_patterns(EXAMPLE_PAGES)
        )
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        kept = [
            line for line in text.splitlines(keepends=True) if f": {EXAMPLE_PAGES}/" not in line
        ]
        (source / "mkdocs.yml").write_text("".join(kept), encoding="utf-8")
        (source / "overrides").symlink_to(ROOT / "overrides")
    return source


def make_project(workdir: Path, data: Path, *, copy_data: bool = False) -> Path:
    """A project folder around a data set; `mkdocs serve` needs a real copy (the file watcher
    does not follow a symlinked folder)."""
    source = site_source(workdir.parent)
    project = workdir / "project"
    project.mkdir()
    shutil.copy(source / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").symlink_to(source / "docs")
    for name in ("overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    if copy_data:
        shutil.copytree(data, project / "data")
    else:
        (project / "data").symlink_to(data)
    return project


def make_static_project(workdir: Path, dataset: Dataset) -> Path:
    """The same pages written out as plain Markdown (`lofte sidor`), built without the macros
    plugin or hooks. Drafts are left out, as in the real production build."""
    project = workdir / "static"
    write_static_site(site_source(workdir.parent) / "mkdocs.yml", dataset.without_drafts(), project)
    return project


def serve_rebuild(project: Path, data: Path, dataset: Dataset) -> float:
    """Seconds from saving one follow-up file to the changed page being served, under
    `make serve KOMMUN=<the first municipality>` (its pages are at the top of that build)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, partition.PART_VARIABLE: f"kommun/{dataset.promises[0].municipality.id}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    promise = dataset.promises[0]
    follow_up = promise.follow_ups[0]
    url = f"http://127.0.0.1:{port}/{pages.year_url(promise, follow_up.year)}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        path = data / Path(follow_up.origin.path).relative_to(Path(follow_up.origin.path).parts[0])
        marker = f"Ändrat{time.monotonic_ns()}"
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        path.write_text(
            text.replace("    text: |\n", f"    text: |\n      {marker}\n", 1), encoding="utf-8"
        )
        while time.monotonic() < deadline:
            try:
                if marker in urllib.request.urlopen(url, timeout=30).read().decode():
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the change was never served")
    finally:
        # Ctrl-C, not SIGTERM: only on an interrupt does `mkdocs serve` remove its temporary site.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def weight(site: Path, page: Path) -> tuple[int, int, int, str]:
    """Raw and gzip bytes of a page (its HTML file) with what it loads directly, and the number
    of requests. A reference from the site's root (the error page's) is read below `site`."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(
        r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"', html
    )
    paths = [r.split("#")[0].split("?")[0] for r in refs]
    files = [page] + [
        (site / p.lstrip("/") if p.startswith("/") else page.parent / p).resolve() for p in paths
    ]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    loads = ", ".join(Path(r).name for r in refs)
    return raw, packed, len(files), loads


def cpu_name() -> str:
    """The processor's name where the system says it (Linux, macOS), else what Python knows."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    if sys.platform == "darwin":
        found = subprocess.run(
            ["sysctl", "-n", "machdep.cpu.brand_string"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found:
            return found
    return platform.processor() or platform.machine() or "okänd processor"


class DataSets:
    """Generated data sets by number of municipalities, made once and shared by every table
    (a size measured only by the build or serve table is generated when first asked for)."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.made: dict[int, tuple[Path, Dataset, int]] = {}

    def get(self, n: int) -> tuple[Path, Dataset, int]:
        if n not in self.made:
            data = self.work / f"data-{n}"
            files = generate.generate(n, seed=1)
            generate.write(data, files)
            self.made[n] = (data, data_layer(data), len(files))
        return self.made[n]


MIN_REPEAT = 3
SAMPLE_SECONDS = 0.25
DATA_SIDES = {"ours": data_layer, "floor": parse_floor}


def data_sample(side: str, data: Path, repeat: int) -> float:
    """One side of a data-layer pair, measured in a new Python (`--data-sample`) as a build
    reads its data: once, in a process of its own. In the bench's own process the data sets
    read before would stay in memory, and how often Python's cycle collector walked them made
    the 290-municipality ratio swing by ±12 %."""
    command = [sys.executable, str(Path(__file__).resolve()), "--data-sample", side, str(data)]
    out = subprocess.run(
        [*command, str(repeat)], capture_output=True, text=True, env=ENV, cwd=ROOT, check=True
    )
    return float(out.stdout)


def _measure_data_sample(side: str, data: Path, repeat: int) -> float:
    # The builder's setting: a process that reads one data set and ends freezes it once read.
    folders.FREEZE_AFTER_READING = True
    return median_time(partial(DATA_SIDES[side], data), repeat)


def data_layer_table(sets: DataSets, sizes: list[int], pairs: int, budgets: Budgets) -> list[str]:
    lines = [
        "## Data layer: load + validate + progress, against the bare C-parser floor",
        "",
        "Interleaved pairs (ours, floor, ours, floor …); median ratio with its spread. Each "
        "side of a pair is measured in a new Python process (as a build reads its data: in "
        f"a process of its own), as the median CPU time of {MIN_REPEAT} runs, or on a small "
        f"data set of as many runs as take {SAMPLE_SECONDS} s.",
        "",
        "| municipalities | files | pairs | C parse only (s) | our data layer (s) | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        data, _, files = sets.get(n)
        # A small data set is read in milliseconds: each side of a pair is then the median of
        # enough runs to take a quarter of a second, and of three runs at least, so that one
        # hiccup of the shared machine does not decide a pair.
        repeat = max(MIN_REPEAT, round(SAMPLE_SECONDS / max(data_sample("ours", data, 1), 1e-3)))
        ours, floor = [], []
        for _ in range(pairs):
            ours.append(data_sample("ours", data, repeat))
            floor.append(data_sample("floor", data, repeat))
        ratio = Ratio(ours, floor)
        lines.append(
            f"| {n} | {files} | {pairs} | {statistics.median(floor):.3f} | "
            f"{statistics.median(ours):.3f} | {ratio.text()} |"
        )
        print(lines[-1], flush=True)
        budgets.data_layer(n, ratio)
    return lines


def site_prefix(dataset: Dataset, municipality_id: str) -> str:
    """Where a municipality's pages are in the built site: below its county's part when the
    site is national (macros.site.partition)."""
    counties = partition.counties(dataset.municipalities)
    if not partition.is_national(counties):
        return ""
    return next(
        f"{c.slug}/" for c in counties if any(m.id == municipality_id for m in c.municipalities)
    )


# How the page-weight table names each kind of page, in the order it lists them.
KINDS = {
    pages.CountyPage: "county page",
    pages.PromisePage: "promise page",
    pages.AreaPage: "area page",
    pages.ActivityPage: "activity page",
    pages.YearPage: "year page",
    pages.EnglishPage: "English page",
    pages.PlacesPage: "places page",
    pages.PlacesOverviewPage: "places page (county overview)",
}
MUNICIPALITY_PLACES = "places page (municipality)"
DOC_KINDS = {"index.md": "start page", "oppna-data.md": "open-data page"}
OTHER_DOCS, ERROR_PAGE, UNKNOWN = "hand-written page", "error page (404)", "page of no known kind"
KIND_ORDER = [
    "start page",
    *list(KINDS.values())[:7],
    MUNICIPALITY_PLACES,
    *list(KINDS.values())[7:],
    "open-data page",
    OTHER_DOCS,
    ERROR_PAGE,
    UNKNOWN,
]
TOP = 3  # the largest pages of each kind (raw HTML) are weighed with what they load


def _html_of(src: str) -> str:
    """The HTML file MkDocs writes for a Markdown page (directory URLs): om.md → om/index.html."""
    stem = src.removesuffix(".md")
    return "index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html"


def _kind_of(page: pages.Page) -> str:
    if isinstance(page, pages.PlacesPage) and page.municipality_id is not None:
        return MUNICIPALITY_PLACES
    return KINDS[type(page)]


def page_kinds(dataset: Dataset, docs: Path) -> dict[str, str]:
    """The kind of every page the site builds, by its HTML file below the site folder: each
    part's page plan (`pages.plan`, as the hooks plan it), the hand-written pages of `docs` the
    part keeps, and its error page."""
    published = dataset.without_drafts()
    counties = partition.counties(published.municipalities)
    parts: list[tuple[str, Part, Dataset]] = [("", Part(), published)]
    if partition.is_national(counties):
        parts = [("", Part(PartKind.START), Dataset(municipalities=published.municipalities))]
        for county in counties:
            ids = {m.id for m in county.municipalities}
            own = tuple(p for p in published.promises if p.municipality.id in ids)
            parts.append(
                (
                    f"{county.slug}/",
                    Part(PartKind.COUNTY, county.slug),
                    Dataset(county.municipalities, own),
                )
            )
    sources = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    kinds = {}
    for prefix, part, data in parts:
        kinds[f"{prefix}404.html"] = ERROR_PAGE
        for src in sources:
            if partition.keeps_doc(part, src):
                kinds[prefix + _html_of(src)] = DOC_KINDS.get(src, OTHER_DOCS)
        if part.kind is not PartKind.START:
            for page in pages.plan(data, static_county_page(part, counties)):
                kinds[prefix + page.url + "index.html"] = _kind_of(page)
    return kinds


@dataclass(frozen=True)
class KindWeight:
    """The heaviest page of one kind, with what it loads."""

    kind: str
    count: int  # pages of this kind in the site
    path: str  # the heaviest, below the site folder
    raw: int
    packed: int
    requests: int
    loads: str

    def row(self) -> str:
        return (
            f"| {self.kind} | {self.count} | {self.path} | {self.raw / 1000:.0f} | "
            f"{self.packed / 1000:.0f} | {self.requests} | {self.loads} |"
        )


WEIGHT_HEADER = [
    "| municipalities | page kind | pages | heaviest page | raw (kB) | gzip (kB) | requests "
    "| loads |",
    "| ---: | --- | ---: | --- | ---: | ---: | ---: | --- |",
]


def page_weights(site: Path, dataset: Dataset, docs: Path) -> list[KindWeight]:
    """Every HTML page of the built site, by kind: the heaviest of each kind with what it loads
    (the `TOP` largest by raw size are weighed, gzip and all, and the heaviest kept)."""
    kinds = page_kinds(dataset, docs)
    by_kind: dict[str, list[tuple[int, Path]]] = {}
    for path in site.rglob("*.html"):
        kind = kinds.get(path.relative_to(site).as_posix(), UNKNOWN)
        by_kind.setdefault(kind, []).append((path.stat().st_size, path))
    found = []
    for kind in sorted(by_kind, key=KIND_ORDER.index):
        largest = sorted(by_kind[kind], key=lambda item: (-item[0], item[1]))[:TOP]
        weighed = [(weight(site, path), path) for _, path in largest]
        (raw, packed, requests, loads), path = max(weighed, key=lambda w: w[0][1])
        shown = path.relative_to(site).as_posix()
        found.append(KindWeight(kind, len(by_kind[kind]), shown, raw, packed, requests, loads))
    return found


def search_indexes(site: Path) -> tuple[int, int, int]:
    """How many search indexes the site has, and the largest one's raw and gzip bytes: the
    most a page's search loads."""
    found = list(site.rglob("search/search_index.json"))
    largest = max(found, key=lambda p: p.stat().st_size)
    data = largest.read_bytes()
    return len(found), len(data), len(gzip.compress(data, 6))


# Builds the static parts side by side, as the builder builds ours: one process per part.
STATIC_DRIVER = """
import json, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
parts, jobs = json.loads(sys.argv[1]), int(sys.argv[2])
def run(part):
    project, out = part
    return subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '--site-dir', out],
                          cwd=project, capture_output=True, text=True)
with ThreadPoolExecutor(jobs) as pool:
    results = list(pool.map(run, parts))
bad = [r for r in results if r.returncode]
sys.stderr.write(''.join(r.stderr for r in bad))
sys.exit(1 if bad else 0)
"""


def make_static_parts(workdir: Path, data: Path) -> list[tuple[str, Path]]:
    """The same pages as plain Markdown (`lofte sidor`), one static project per part of the
    site, built without the macros plugin or hooks. Drafts are left out, as in production."""
    counties = partition.counties(read_municipalities(data))
    if not partition.is_national(counties):
        return [("", make_static_project(workdir, read_dataset(data)))]
    config = site_source(workdir.parent) / "mkdocs.yml"
    everyone = tuple(m for c in counties for m in c.municipalities)
    parts = [("", Part(PartKind.START), Dataset(municipalities=everyone))]
    for county in counties:
        only = frozenset(m.id for m in county.municipalities)
        part = Part(PartKind.COUNTY, county.slug)
        parts.append((county.slug, part, read_dataset(data, only=only).without_drafts()))
    found = []
    for place, part, dataset in parts:
        project = workdir / f"static-{place or 'start'}"
        write_static_site(config, dataset, project, data, part, counties)
        found.append((place, project))
    # In the order the builder starts its parts (the biggest county first): two builds side
    # by side share the cores, so the order decides how much of each runs alongside another.
    order = [job.place for job in builder.plan(data)]
    return sorted(found, key=lambda p: order.index(p[0]))


@dataclass(frozen=True)
class Run:
    wall: float  # seconds on the clock
    cpu: float  # CPU seconds of every process the command ran (user + system)
    rss: int  # MB: peak resident memory of the largest single process


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Wall and CPU seconds of a command and the peak RSS of the largest process it runs
    (itself or any process it starts and waits for), measured from a fresh process."""
    probe = (
        "import resource, subprocess, sys, time;"
        "s = time.perf_counter();"
        f"r = subprocess.run({command!r}, cwd={str(cwd)!r}, capture_output=True, text=True);"
        "t = time.perf_counter() - s;"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode);"
        "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    seconds, cpu, rss_kb, code = out.stdout.split()
    if code != "0":
        raise RuntimeError(out.stderr)
    return Run(float(seconds), float(cpu), int(rss_kb) // 1024)


def build_ours(project: Path, site: Path, jobs: int, cold: bool = False) -> Run:
    """`make build`; `cold`: as the first build on a machine, with no compiled template kept
    (Jinja's cache is in the temporary folder: a new, empty one)."""
    command = [sys.executable, "-m", "macros.site.builder", "--site-dir", str(site)]
    if not cold:
        return timed([*command, "--jobs", str(jobs)], project, ENV)
    with tempfile.TemporaryDirectory() as empty:
        return timed([*command, "--jobs", str(jobs)], project, {**ENV, "TMPDIR": empty})


def build_static(parts: list[tuple[str, Path]], site: Path, jobs: int) -> Run:
    """The static parts built side by side into one site folder, like the builder does."""
    spec = [(str(project), str(site / place) if place else str(site)) for place, project in parts]
    if len(spec) == 1:
        # One part is one plain `mkdocs build`, as ours is one process.
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", spec[0][1]]
        return timed(command, Path(spec[0][0]), ENV)
    if len(spec) > 1:
        # The start part cleans its folder: give every part a folder of its own, then nest.
        spec = [(p, str(site.parent / f"{site.name}-{i}")) for i, (p, _) in enumerate(spec)]
    return timed([sys.executable, "-c", STATIC_DRIVER, json.dumps(spec), str(jobs)], ROOT, ENV)


BUILD_SAMPLE_SECONDS = 3.0
# Sites are written to memory (tmpfs) when the machine has one with room for a few national
# sites: on ext4, a build that starts soon after thousands of files were deleted pays seconds of
# system time in the kernel's inode allocator (measured: 5.3 s instead of 0.9 s for the largest
# county), and which side of a pair came after a deletion decided the ratio.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 10_000_000_000


def output_folder(fallback: Path) -> Path:
    """Where the timed builds write their sites: a new folder in memory, or `fallback`."""
    try:
        roomy = shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_NEEDED
    except OSError:
        roomy = False
    if not roomy:
        return fallback
    made = Path(tempfile.mkdtemp(prefix="lofte-bench-", dir=MEMORY_FOLDER))
    IN_MEMORY.append(made)
    return made


IN_MEMORY: list[Path] = []  # removed when the bench ends, however it ends


def _median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
    )


@dataclass
class Ratio:
    """Interleaved pairs of two timings: the median ratio and its spread."""

    ours: list[float]
    other: list[float]

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.ours, self.other, strict=True)]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    @property
    def spread(self) -> float:
        """Half the range of the pair ratios, as a share of the median (±)."""
        return (max(self.ratios) - min(self.ratios)) / 2 / self.median

    @property
    def stable(self) -> bool:
        return len(self.ratios) >= MIN_PAIRS and self.spread <= STABLE_SPREAD

    def text(self) -> str:
        note = "" if self.stable else " (unstable)"
        return f"{self.median:.2f}× ±{self.spread * 100:.0f} %{note}"


MIN_PAIRS = 5
STABLE_SPREAD = 0.05


def build_tables(
    sets: DataSets, sizes: list[int], pairs: int, national_pairs: int, jobs: int, budgets: Budgets
) -> list[str]:
    lines = [
        "## Site build: ours against the same pages as static Markdown (no macros, no hooks)",
        "",
        f"Ours is `make build` (`python -m macros.site.builder --jobs {jobs}`): one MkDocs build "
        "for a site of one county, one per county plus the national start otherwise, side by "
        "side. Static is the same parts written by `lofte sidor` and built by plain MkDocs, "
        "side by side in the same way and in the same order (the biggest county first: two "
        "builds sharing the cores slow each other, so the order changes the CPU time). The "
        "two run interleaved (ours, static, ours, static …); "
        "the ratio is the median of the pairs with its spread (half the range); a spread wider "
        f"than ±{STABLE_SPREAD * 100:.0f} % is marked unstable. Times are CPU seconds of all "
        "the processes a build runs (user + system): the machine is shared, and time spent "
        "waiting for a core is not the build's cost; wall is the clock. Both sides write their "
        "sites to memory (tmpfs, when the machine has room): on disk, a build that starts soon "
        "after a site's thousands of files were deleted pays seconds of system time to the "
        "file system, whichever side it is. Our builds keep "
        "compiled templates in Jinja's cache in the temporary folder, so every build after "
        "the first on a machine (and every part after the first) finds them: the pairs are "
        "such builds, and one build before them, with an empty temporary folder, shows the "
        "first build's cost. A site that builds in less than "
        f"{BUILD_SAMPLE_SECONDS:.0f} s of CPU is built several times for each side of a pair "
        "(interleaved as well), and the side's median counts. Peak RSS is the "
        "largest single process. Every search index the site has is counted; the largest is "
        "the most any page loads.",
        "",
        "| municipalities | pages | pairs | static CPU (s) | ours CPU (s) | ours CPU, first "
        "build (s) | ours wall (s) | "
        "ours / static (CPU) | CPU ms/page (ours) | per-page vs 1 municipality | peak RSS (MB) "
        "| search indexes | largest index raw / gzip (kB) | heaviest page + loads, gzip (kB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    per_page_1: float | None = None
    weights: list[str] = []
    for n in sizes:
        data, dataset, _ = sets.get(n)
        run = sets.work / f"build-{n}"
        run.mkdir()
        project = make_project(run, data)
        static = make_static_parts(run, data)
        out = output_folder(run)
        ours_runs: list[Run] = []
        static_runs: list[Run] = []
        count = pairs if n < NATIONAL else national_pairs
        first = build_ours(project, out / "site-cold", jobs, cold=True)
        shutil.rmtree(out / "site-cold", ignore_errors=True)
        # A small site builds in about a second: each side of a pair is then the median of as
        # many builds (interleaved too) as take BUILD_SAMPLE_SECONDS.
        repeat = max(1, round(BUILD_SAMPLE_SECONDS / max(first.cpu, 0.1)))
        for i in range(count):
            ours_sample, static_sample = [], []
            for _ in range(repeat):
                ours_sample.append(build_ours(project, out / f"site-{i}", jobs))
                static_sample.append(build_static(static, out / f"static-{i}", jobs))
            ours_runs.append(_median_run(ours_sample))
            static_runs.append(_median_run(static_sample))
            if i:
                shutil.rmtree(out / f"site-{i}", ignore_errors=True)
            for stale in out.glob(f"static-{i}*"):
                if stale.is_dir() and not (stale / "mkdocs.yml").exists():
                    shutil.rmtree(stale, ignore_errors=True)
        ratio = Ratio([r.cpu for r in ours_runs], [r.cpu for r in static_runs])
        site = out / "site-0"
        pages_built = len(list(site.rglob("index.html")))
        cpu = statistics.median(r.cpu for r in ours_runs)
        wall = statistics.median(r.wall for r in ours_runs)
        rss = max(r.rss for r in ours_runs)
        per_page = cpu / pages_built
        per_page_1 = per_page_1 or per_page
        indexes, index_raw, index_gzip = search_indexes(site)
        kinds = page_weights(site, dataset, site_source(sets.work) / "docs")
        heaviest = max(k.packed for k in kinds)
        lines.append(
            f"| {n} | {pages_built} | {count} | "
            f"{statistics.median(r.cpu for r in static_runs):.1f} | {cpu:.1f} | "
            f"{first.cpu:.1f} | {wall:.1f} | "
            f"{ratio.text()} | {per_page * 1000:.1f} | {per_page / per_page_1:.2f}× | {rss} | "
            f"{indexes} | {index_raw // 1000} / {index_gzip // 1000} | {heaviest / 1000:.0f} |"
        )
        print(lines[-1], flush=True)
        budgets.build(n, ratio, per_page / per_page_1, wall, cpu, rss, index_gzip, heaviest)
        weights += [f"| {n} " + k.row() for k in kinds]
        shutil.rmtree(run, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    return [
        *lines,
        "",
        "## Page weight (a page and what it loads directly, all from the same origin; search "
        "index not included)",
        "",
        "Every HTML page of the built site is counted, by kind; of each kind the "
        f"{TOP} largest (raw HTML) are weighed with what they load, and the heaviest is shown.",
        "",
        *WEIGHT_HEADER,
        *weights,
    ]


NATIONAL = 290

DECISION = """## The national layout: the engine and the partition (issue 14)

**Material's `projects` plugin (9.8), evaluated first, from its source**: it finds projects as
`projects/*/mkdocs.yml` files on disk and builds each in a process pool (`spawn`, default
`cpu_count - 1` workers: one on this 2-core machine); `serve` rebuilds the project whose folder
changed. Our parts come from data (which counties `data/` holds), so the plugin could only take
them as 21 generated `mkdocs.yml` files written into the source tree before each build, each
naming its part in its own configuration; and an edit in `data/` lies outside every project
folder, so `serve` could not tell which project to rebuild. Not measured: it cannot take
projects generated from data without a generator of project folders in front of it.

**Chosen: one ordinary MkDocs build per county, plus one for the national start page, run side
by side** by `make build` (`python -m macros.site.builder`, as many at once as there are cores,
biggest county first), each into its own folder, put together when all succeed. Partition by
county, not by municipality: 22 builds instead of 291 keeps the fixed start-up cost of a build
out of the 240 s budget; the one budget a county partition misses, the search index (Västra
Götaland's 49 municipalities gave a 20.8 MB index, 2.6 MB gzip, in the first national build),
is met by splitting each county's index by municipality after its build
(`macros/site/search.py`): every page of a municipality loads only its municipality's index,
the county's own pages a small county index; the county's places page, which grew with its
municipalities, leads to a places page per municipality.

**The fixed start-up cost, found with `python -X importtime` and cProfile and cut** (issue 14
measured 1.39× at one municipality): the parts are forked on Linux from one process that has
imported MkDocs, the theme, the plugins, the hooks and `macros` and compiled our templates once
(a new Python per part paid about a fifth of a second of CPU for that, 22 times); a site of one
part is built in the builder's own process; compiled templates, ours and the theme's, are kept
between builds in Jinja's per-user bytecode cache (compiling them was a tenth of a small
build); the data layer rules out, with one quick look per file, the files that cannot hold a
personnummer, instead of reading every value of the data set as a reader sees it. The static
side is plain `mkdocs build`, a new Python per part, compiling the theme every time: the ratio
is what our build costs against what plain MkDocs costs for the same pages.
`make serve KOMMUN=<kommun>` builds that municipality and the shared pages only (reading
`kommun.yml` of the others for the counties), whatever the size of `data/`.
"""


def serve_table(sets: DataSets, sizes: list[int], budgets: Budgets) -> list[str]:
    lines = [
        "## Editor preview: `make serve KOMMUN=<first municipality>`, saving a follow-up file "
        "until the changed page is served",
        "",
        "| municipalities | seconds |",
        "| ---: | ---: |",
    ]
    for n in sizes:
        data, dataset, _ = sets.get(n)
        run = sets.work / f"serve-{n}"
        run.mkdir()
        project = make_project(run, data, copy_data=True)
        seconds = serve_rebuild(project, project / "data", dataset)
        lines.append(f"| {n} | {seconds:.1f} |")
        print(lines[-1], flush=True)
        budgets.serve(n, seconds)
        shutil.rmtree(run, ignore_errors=True)
    return lines


class Budgets:
    """The budgets of issue 14, each with what this run measured."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, measured: str, budget: str, verdict: str) -> None:
        self.rows.append((what, measured, budget, verdict))

    @staticmethod
    def verdict(ok: bool, ratio: Ratio | None = None) -> str:
        if ratio is not None and not ratio.stable:
            return "unstable (not met)"
        return "met" if ok else "NOT met"

    def data_layer(self, n: int, ratio: Ratio) -> None:
        self.add(
            f"data layer vs bare C parser, {n} municipalities",
            ratio.text(),
            "≤ 1.5×",
            self.verdict(ratio.median <= 1.5, ratio),
        )

    def build(
        self,
        n: int,
        ratio: Ratio,
        per_page: float,
        seconds: float,
        cpu: float,
        rss: int,
        index_gzip: int,
        heaviest: int,
    ) -> None:
        self.add(
            f"build vs the same pages static, {n}",
            ratio.text(),
            "≤ 1.15×",
            self.verdict(ratio.median <= 1.15, ratio),
        )
        if n > 1:
            self.add(
                f"per-page cost at {n} vs 1",
                f"{per_page:.2f}×",
                "≤ 1.2×",
                self.verdict(per_page <= 1.2),
            )
        if n >= NATIONAL:
            self.add(
                f"national build ({n}), wall on this shared machine",
                f"{seconds:.0f} s",
                "≤ 240 s",
                self.verdict(seconds <= 240),
            )
            self.add(
                f"national build ({n}), CPU / {os.cpu_count()} cores (the wall on idle cores)",
                f"{cpu / (os.cpu_count() or 1):.0f} s",
                "≤ 240 s",
                self.verdict(cpu / (os.cpu_count() or 1) <= 240),
            )
        self.add(
            f"peak memory of the largest process, {n}",
            f"{rss} MB",
            "≤ 1 GB",
            self.verdict(rss <= 1024),
        )
        self.add(
            f"search index any page loads, {n}",
            f"{index_gzip / 1000:.0f} kB gzip",
            "≤ 1 MB gzip",
            self.verdict(index_gzip <= 1_000_000),
        )
        self.add(
            f"heaviest page of the site and what it loads, {n}",
            f"{heaviest / 1000:.0f} kB gzip",
            "≤ 100 kB gzip",
            self.verdict(heaviest <= 100_000),
        )

    def serve(self, n: int, seconds: float) -> None:
        self.add(
            f"`make serve KOMMUN=…` save to served, {n}",
            f"{seconds:.1f} s",
            "≤ 2 s",
            self.verdict(seconds <= 2),
        )

    def table(self) -> list[str]:
        return [
            "## Budgets (issue 14)",
            "",
            "| what | measured | budget | verdict |",
            "| --- | --- | --- | --- |",
            *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows),
        ]


def _sizes(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


def main() -> int:
    parser = argparse.ArgumentParser(description="Mät datalagret och bygget i olika storlekar.")
    parser.add_argument("--data-sizes", type=_sizes, default="1,5,29,290")
    parser.add_argument("--build-sizes", type=_sizes, default="1,5,29")
    parser.add_argument("--serve-sizes", type=_sizes, default="1,29")
    parser.add_argument("--pairs", type=int, default=MIN_PAIRS, help="interleaved pairs")
    parser.add_argument(
        "--national",
        action="store_true",
        help=f"also build {NATIONAL} municipalities and preview one of them (make bench-national)",
    )
    parser.add_argument("--national-pairs", type=int, default=MIN_PAIRS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--data-sample", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument(
        "--weigh",
        nargs=2,
        type=Path,
        metavar=("SITE", "DATA"),
        help="weigh every page of a site already built from DATA, print the table and stop",
    )
    args = parser.parse_args()
    if args.data_sample:
        side, data, repeat = args.data_sample
        print(_measure_data_sample(side, Path(data), int(repeat)))
        return 0
    if args.weigh:
        site, data = args.weigh
        dataset = read_dataset(data)
        kinds = page_weights(site, dataset, ROOT / "docs")
        n = len(dataset.municipalities)
        print("\n".join([*WEIGHT_HEADER, *(f"| {n} " + k.row() for k in kinds)]))
        return 0
    build_sizes, serve_sizes = list(args.build_sizes), list(args.serve_sizes)
    if args.national:
        build_sizes.append(NATIONAL)
        serve_sizes.append(NATIONAL)
    command = "make bench-national" if args.national else "make bench"
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Measured side by side in one run of "
        f"`{command}`; the machine is shared, so read the ratios, not the seconds.",
        "",
    ]
    budgets = Budgets()
    # Stopped by SIGTERM (timeout, a cancelled job), the bench cleans up as on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    work = Path(tempfile.mkdtemp(prefix="lofte-bench-"))
    try:
        sets = DataSets(work)
        lines += data_layer_table(sets, args.data_sizes, args.pairs, budgets)
        if build_sizes:
            lines += [
                "",
                *build_tables(
                    sets, build_sizes, args.pairs, args.national_pairs, args.jobs, budgets
                ),
            ]
        lines += ["", *serve_table(sets, serve_sizes, budgets)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for folder in IN_MEMORY:
            shutil.rmtree(folder, ignore_errors=True)
    lines[4:4] = [*budgets.table(), "", DECISION]
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
