"""Smoke test of `make bench` at its smallest size, so the benchmark keeps working."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def _left_in(temporary: Path) -> list[str]:
    """What a bench left in the temporary folder, besides Jinja's compiled templates, which
    are kept between builds on purpose (`macros.site.template_cache`)."""
    return sorted(p.name for p in temporary.iterdir() if not p.name.startswith("_jinja2-cache"))


def _in_memory() -> set[str]:
    return {p.name for p in Path("/dev/shm").glob("lofte-bench-*")}


def test_bench_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    before = _in_memory()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            # The build and serve tables measure a size the data table did not (a KeyError
            # before: they read the data table's sets).
            "--data-sizes",
            "2",
            "--build-sizes",
            "1",
            "--serve-sizes",
            "1",
            "--pairs",
            "1",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert result.returncode == 0, result.stderr
    # Nothing is left behind: not the work folder, not `mkdocs serve`'s temporary site, not
    # the sites written to memory.
    assert _left_in(temporary) == []
    assert _in_memory() <= before
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Benchmark results")
    # The machine, the Python version and the date.
    assert re.search(r"Machine: .+, Python 3\.\d+\.\d+, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", report)
    headings = (
        "## Budgets",
        "## Data layer",
        "## Site build",
        "## Page weight",
        "## Editor preview",
    )
    for heading in headings:
        assert heading in report
    assert report.index("## Budgets") < report.index("## Data layer")
    assert len([line for line in report.splitlines() if line.startswith("| 2 |")]) == 1
    rows = [line for line in report.splitlines() if line.startswith("| 1 |")]
    # For one municipality: the build, the heaviest page of each kind, and the preview. Every
    # page of the built site has a known kind.
    kinds = [row.split(" | ")[1] for row in rows[1:-1]]
    assert kinds == [
        "start page",
        "promise page",
        "area page",
        "activity page",
        "year page",
        "English page",
        "places page",
        "open-data page",
        "hand-written page",
        "error page (404)",
    ]
    assert all(int(row.split(" | ")[2]) >= 1 for row in rows[1:-1])  # pages of the kind
    assert "| heaviest page of the site and what it loads, 1 |" in report
    # One pair is too few to hold a ratio to a budget.
    assert "| build vs the same pages static, 1 |" in report
    assert "unstable (not met)" in report


def test_a_bench_stopped_by_sigterm_leaves_nothing_behind(tmp_path: Path) -> None:
    """`timeout`, a cancelled job or `kill` send SIGTERM: the bench cleans up as on Ctrl-C."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    before = _in_memory()
    sizes = ["--data-sizes", "", "--build-sizes", "1", "--serve-sizes", "", "--pairs", "1"]
    bench = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "run.py"), *sizes, "--out", str(tmp_path / "r.md")],
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    # Stopped once it is building (its sites are in memory or in the work folder).
    while not (_in_memory() - before or list(temporary.glob("lofte-bench-*/build-1/site-*"))):
        assert bench.poll() is None and time.monotonic() < deadline, bench.stderr
        time.sleep(0.1)
    os.killpg(bench.pid, signal.SIGTERM)
    assert bench.wait(timeout=120) == 128 + signal.SIGTERM
    assert _left_in(temporary) == []
    assert _in_memory() <= before
