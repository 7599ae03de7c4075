"""`make bench`: how the data layer and the site build scale, measured side by side in one run.

Every figure is the median of REPEAT runs. Ratios are what to read: the machine is shared and
noisy, so absolute seconds move between runs while ratios measured together do not.
Results are printed as Markdown and written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from macros import progress
from macros.data.folders import read_dataset
from macros.model import Dataset
from macros.site import pages
from macros.site.static import write_static_site
from macros.staff import generate

# The project is installed (make install: pip install -e .), so macros imports without a
# sys.path entry; ROOT is only where mkdocs.yml, docs/ and overrides/ are read from.
ROOT = Path(__file__).resolve().parent.parent

ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_floor(root: Path) -> None:
    """The floor: parse every data file with PyYAML's C loader and nothing else."""
    for path in sorted(root.rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def data_layer(root: Path) -> Dataset:
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


def build(project: Path, site: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of one `mkdocs build`, in a fresh process."""
    probe = (
        "import resource, subprocess, sys, time;"
        "s = time.perf_counter();"
        "r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '--site-dir',"
        f" {str(site)!r}],"
        f" cwd={str(project)!r}, capture_output=True, text=True);"
        "t = time.perf_counter() - s;"
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode);"
        "sys.stderr.write(r.stderr[-2000:] if r.returncode else '')"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=ENV, check=True
    )
    seconds, rss_kb, code = out.stdout.split()
    if code != "0":
        raise RuntimeError(out.stderr)
    return float(seconds), int(rss_kb) // 1024


def serve_rebuild(project: Path, data: Path, dataset: Dataset) -> float:
    """Seconds from saving one follow-up file to the changed page being served."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
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
        server.terminate()
        server.wait(timeout=30)


def weight(site: Path, url: str) -> tuple[int, int, int, str]:
    """Raw and gzip bytes of a page with what it loads directly, and the number of requests."""
    page = site / url / "index.html"
    html = page.read_text(encoding="utf-8")
    refs = re.findall(
        r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"', html
    )
    files = [page] + [(page.parent / r.split("#")[0].split("?")[0]).resolve() for r in refs]
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


def data_layer_table(sets: DataSets, sizes: list[int], repeat: int) -> list[str]:
    lines = [
        "## Data layer: load + validate + progress, against the bare C-parser floor",
        "",
        "| municipalities | files | C parse only (s) | our data layer (s) | ratio |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        data, _, files = sets.get(n)
        floor = median_time(partial(parse_floor, data), repeat)
        ours = median_time(partial(data_layer, data), repeat)
        lines.append(f"| {n} | {files} | {floor:.3f} | {ours:.3f} | {ours / floor:.2f}× |")
        print(lines[-1], flush=True)
    return lines


def page_weights(site: Path, dataset: Dataset) -> list[str]:
    promise = dataset.promises[0]
    rows = []
    for label, url in (
        ("start page", ""),
        ("area page", pages.area_url(promise, promise.areas[0])),
        ("year page", pages.year_url(promise, 2024)),
    ):
        raw, packed, requests, loads = weight(site, url)
        rows.append(f"| {label} | {raw // 1000} | {packed // 1000} | {requests} | {loads} |")
    return rows


def build_tables(sets: DataSets, sizes: list[int], repeat: int) -> list[str]:
    lines = [
        "## Site build: ours against the same pages as static Markdown (no macros, no hooks)",
        "",
        "| municipalities | pages | static (s) | ours (s) | ratio | ms/page (ours) | "
        "per-page vs 1 municipality | data layer share | peak RSS (MB) | search index (kB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    per_page_1 = None
    weights: list[str] = []
    for n in sizes:
        data, dataset, _ = sets.get(n)
        run = sets.work / f"build-{n}"
        run.mkdir()
        project = make_project(run, data)
        static = make_static_project(run, dataset)
        ours_runs, static_runs, rss = [], [], 0
        for i in range(repeat):
            seconds, peak = build(project, run / f"site-{i}")
            ours_runs.append(seconds)
            rss = max(rss, peak)
            static_runs.append(build(static, run / f"static-{i}")[0])
        ours_s, static_s = statistics.median(ours_runs), statistics.median(static_runs)
        count = len(list((run / "site-0").rglob("index.html")))
        per_page = ours_s / count
        per_page_1 = per_page_1 or per_page
        layer = median_time(partial(data_layer, data), repeat)
        index_kb = (run / "site-0" / "search" / "search_index.json").stat().st_size // 1000
        lines.append(
            f"| {n} | {count} | {static_s:.2f} | {ours_s:.2f} | {ours_s / static_s:.2f}× | "
            f"{per_page * 1000:.1f} | {per_page / per_page_1:.2f}× | "
            f"{layer / ours_s * 100:.1f} % | {rss} | {index_kb} |"
        )
        print(lines[-1], flush=True)
        if n == sizes[0]:
            weights = page_weights(run / "site-0", dataset)
    return [
        *lines,
        "",
        f"## Page weight at {sizes[0]} municipality "
        "(a page and what it loads directly, all from the same origin)",
        "",
        "| page | raw (kB) | gzip (kB) | requests | loads |",
        "| --- | ---: | ---: | ---: | --- |",
        *weights,
    ]


def serve_table(sets: DataSets, sizes: list[int]) -> list[str]:
    lines = [
        "## Rebuild under `mkdocs serve`: saving a follow-up file until the page is served",
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
    return lines


def _sizes(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


def main() -> int:
    parser = argparse.ArgumentParser(description="Mät datalagret och bygget i olika storlekar.")
    parser.add_argument("--data-sizes", type=_sizes, default="1,5,29,290")
    parser.add_argument("--build-sizes", type=_sizes, default="1,5,29")
    parser.add_argument("--serve-sizes", type=_sizes, default="1,29")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {cpu_name()}, Python {platform.python_version()}. Each figure is the median "
        f"of {args.repeat} runs, measured side by side in one run of `make bench`.",
        "",
    ]
    work = Path(tempfile.mkdtemp(prefix="lofte-bench-"))
    try:
        sets = DataSets(work)
        lines += data_layer_table(sets, args.data_sizes, args.repeat)
        if args.build_sizes:
            lines += ["", *build_tables(sets, args.build_sizes, args.repeat)]
        lines += ["", *serve_table(sets, args.serve_sizes)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
