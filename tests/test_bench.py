"""Smoke test of `make bench` at its smallest size, so the benchmark keeps working."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_bench_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
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
    )
    assert result.returncode == 0, result.stderr
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
