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
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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


def build(config_file: Path, site_dir: Path, jobs: int) -> int:
    """Build every part, then put them together in `site_dir`; 0 on success."""
    config_file, site_dir = config_file.resolve(), site_dir.resolve()
    work = plan(config_file.parent / "data")
    if len(work) == 1 and not work[0].place:
        result = _run(work[0], config_file, site_dir)
        sys.stderr.write(result.stderr)
        return result.returncode
    staging = site_dir.parent / f".{site_dir.name}.delar"
    shutil.rmtree(staging, ignore_errors=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outs = [staging / (job.place or "_start") for job in work]
        results = list(
            pool.map(lambda j: _run(j[0], config_file, j[1]), zip(work, outs, strict=True))
        )
    failed = [(job, r) for job, r in zip(work, results, strict=True) if r.returncode != 0]
    for job, result in failed:
        print(f"Delen {job.part.name} gick inte att bygga:", file=sys.stderr)
        sys.stderr.write(result.stderr)
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
    return build(args.config_file, args.site_dir, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
