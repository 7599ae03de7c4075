"""`make bench`: how the data layer and the site build scale, measured side by side in one run.

Every figure is the median of REPEAT runs. Ratios are what to read: the machine is shared and
noisy, so absolute seconds move between runs while ratios measured together do not.
Results are printed as Markdown and written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
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
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import progress  # noqa: E402
from macros.data.folders import read_dataset  # noqa: E402
from macros.model import Dataset  # noqa: E402
from macros.site import pages, render  # noqa: E402
from macros.staff import generate  # noqa: E402

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


def make_project(workdir: Path, data: Path, *, copy_data: bool = False) -> Path:
    """A project folder around a data set; `mkdocs serve` needs a real copy (the file watcher
    does not follow a symlinked folder)."""
    project = workdir / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    if copy_data:
        shutil.copytree(data, project / "data")
    else:
        (project / "data").symlink_to(data)
    return project


def make_static_project(workdir: Path, dataset: Dataset) -> Path:
    """The same pages written out as plain Markdown, built without the macros plugin or hooks."""
    project = workdir / "static"
    docs = project / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (project / "overrides").symlink_to(ROOT / "overrides")
    bodies = {
        "index.md": render.start_page(dataset, ""),
        "oppna-data/index.md": render.open_data_page(dataset, "oppna-data/"),
    }
    (docs / "oppna-data.md").unlink()
    for page in pages.plan(dataset):
        body = render.generated_page(dataset, page, None)
        bodies[page.src] = f"---\ntitle: {json.dumps(page.title)}\n---\n\n{body}\n"
    for src, body in bodies.items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if src in ("index.md", "oppna-data/index.md"):
            head = (
                ROOT / "docs" / ("index.md" if src == "index.md" else "oppna-data.md")
            ).read_text(encoding="utf-8")
            head = re.sub(r"\{\{.*?\}\}", lambda _, text=body: text, head)
            target.write_text(head, encoding="utf-8")
        else:
            target.write_text(body, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [
        p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)
    ]
    config.pop("hooks")
    config.pop("watch")
    nav = config["nav"]
    config["nav"] = (
        nav[:1] + pages.navigation(dataset) + [{"Öppna data": "oppna-data/index.md"}] + nav[2:]
    )
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
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


def main() -> int:
    parser = argparse.ArgumentParser(description="Mät datalagret och bygget i olika storlekar.")
    parser.add_argument("--data-sizes", default="1,5,29,290")
    parser.add_argument("--build-sizes", default="1,5,29")
    parser.add_argument("--serve-sizes", default="1,29")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    sizes = lambda text: [int(v) for v in text.split(",") if v]  # noqa: E731
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {cpu}, Python {platform.python_version()}. Each figure is the median of "
        f"{args.repeat} runs, measured side by side in one run of `make bench`.",
        "",
        "## Data layer: load + validate + progress, against the bare C-parser floor",
        "",
        "| municipalities | files | C parse only (s) | our data layer (s) | ratio |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    work = Path(tempfile.mkdtemp(prefix="lofte-bench-"))
    datasets: dict[int, tuple[Path, Dataset]] = {}
    try:
        for n in sizes(args.data_sizes):
            data = work / f"data-{n}"
            files = generate.generate(n, seed=1)
            generate.write(data, files)
            floor = median_time(lambda d=data: parse_floor(d), args.repeat)
            ours = median_time(lambda d=data: data_layer(d), args.repeat)
            datasets[n] = (data, data_layer(data))
            lines.append(f"| {n} | {len(files)} | {floor:.3f} | {ours:.3f} | {ours / floor:.2f}× |")
            print(lines[-1], flush=True)
        lines += [
            "",
            "## Site build: ours against the same pages as static Markdown (no macros, no hooks)",
            "",
            "| municipalities | pages | static (s) | ours (s) | ratio | ms/page (ours) | "
            "per-page vs 1 municipality | data layer share | peak RSS (MB) | search index (kB) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        per_page_1 = None
        weights: list[str] = []
        for n in sizes(args.build_sizes):
            data, dataset = datasets.get(n) or (work / f"data-{n}", None)  # type: ignore[assignment]
            if dataset is None:
                generate.write(data, generate.generate(n, seed=1))
                dataset = data_layer(data)
            run = work / f"build-{n}"
            run.mkdir()
            project = make_project(run, data)
            static = make_static_project(run, dataset)
            ours_runs, static_runs, rss = [], [], 0
            for i in range(args.repeat):
                seconds, peak = build(project, run / f"site-{i}")
                ours_runs.append(seconds)
                rss = max(rss, peak)
                static_runs.append(build(static, run / f"static-{i}")[0])
            ours_s, static_s = statistics.median(ours_runs), statistics.median(static_runs)
            count = len(list((run / "site-0").rglob("index.html")))
            per_page = ours_s / count
            per_page_1 = per_page_1 or per_page
            layer = median_time(lambda d=data: data_layer(d), args.repeat)
            index_kb = (run / "site-0" / "search" / "search_index.json").stat().st_size // 1000
            lines.append(
                f"| {n} | {count} | {static_s:.2f} | {ours_s:.2f} | {ours_s / static_s:.2f}× | "
                f"{per_page * 1000:.1f} | {per_page / per_page_1:.2f}× | "
                f"{layer / ours_s * 100:.1f} % | {rss} | {index_kb} |"
            )
            print(lines[-1], flush=True)
            if n == sizes(args.build_sizes)[0]:
                promise = dataset.promises[0]
                for label, url in (
                    ("start page", ""),
                    ("area page", pages.area_url(promise, promise.areas[0])),
                    ("year page", pages.year_url(promise, 2024)),
                ):
                    raw, packed, requests, loads = weight(run / "site-0", url)
                    weights.append(
                        f"| {label} | {raw // 1000} | {packed // 1000} | {requests} | {loads} |"
                    )
        lines += [
            "",
            f"## Page weight at {sizes(args.build_sizes)[0]} municipality "
            "(a page and what it loads directly, all from the same origin)",
            "",
            "| page | raw (kB) | gzip (kB) | requests | loads |",
            "| --- | ---: | ---: | ---: | --- |",
            *weights,
            "",
            "## Rebuild under `mkdocs serve`: saving a follow-up file until the page is served",
            "",
            "| municipalities | seconds |",
            "| ---: | ---: |",
        ]
        for n in sizes(args.serve_sizes):
            data, dataset = datasets[n]
            run = work / f"serve-{n}"
            run.mkdir()
            project = make_project(run, data, copy_data=True)
            seconds = serve_rebuild(project, project / "data", dataset)
            lines.append(f"| {n} | {seconds:.1f} |")
            print(lines[-1], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
