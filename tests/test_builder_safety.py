"""The builder with what a user or a pull request may put in its way (issue 14, an attacker's
second pass): a site folder that holds the project, is a link or a file, keeps hidden files; a
hang-up the caller ignores; compiled templates of another branch; county names that give no
address of their own; a crash in the middle of publishing; the national sitemap."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

from macros.site import template_cache
from tests.conftest import ROOT, site_config
from tests.test_national import _data, _run_builder

VALID = ROOT / "tests" / "fixtures" / "valid" / "data"


def _project(root: Path, data: Path | None = None) -> Path:
    """A project folder of its own: real copies (never links) of the code and pages, so that a
    build which removes the project removes nothing of the repository."""
    project = root / "project"
    project.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(site_config(example_pages=False), "utf-8")
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    if data is None:
        shutil.copytree(VALID, project / "data")
    return project


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MEDBORGARLOFTEN_DEL", None)
    env.pop("MEDBORGARLOFTEN_UTKAST", None)
    return env


def _builder(
    project: Path, site: str, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return _run_builder(project, Path(site), extra_env=extra_env)


# --- 1. The builder removes what `mkdocs build` refuses to touch -------------------------------


@pytest.mark.parametrize("site", [".", "docs", "data"])
def test_a_site_folder_that_holds_the_project_is_refused(tmp_path: Path, site: str) -> None:
    """`--site-dir .` (or docs, data): MkDocs refuses ("docs_dir should not be within the
    site_dir"); the builder hands MkDocs its staging folder instead, so the check never fires,
    and then moves the project (with .git, data/, docs/) aside and deletes it."""
    project = _project(tmp_path)
    result = _builder(project, site)
    assert (project / "mkdocs.yml").is_file(), "the project itself was replaced by the site"
    assert (project / "docs" / "index.md").is_file()
    assert (project / "data" / "testby" / "kommun.yml").is_file()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_hidden_files_in_the_site_folder_stay_as_with_mkdocs(tmp_path: Path) -> None:
    """`mkdocs build --clean` keeps a site folder's hidden files (site/.git of a gh-pages
    checkout, .nojekyll, .well-known/); the staged swap throws them away."""
    project = _project(tmp_path)
    site = project / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")
    result = _builder(project, "site")
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file()
    assert (site / ".git" / "HEAD").is_file()
    assert (site / ".nojekyll").is_file()


def test_a_file_named_site_is_not_deleted(tmp_path: Path) -> None:
    """A regular file where the site folder goes: MkDocs fails; the builder deletes it."""
    project = _project(tmp_path)
    (project / "site").write_text("mina anteckningar\n", "utf-8")
    result = _builder(project, "site")
    assert (project / "site").is_file()
    assert (project / "site").read_text("utf-8") == "mina anteckningar\n"
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_a_site_symlink_does_not_delete_the_folder_it_points_to(tmp_path: Path) -> None:
    """`site` committed as a symbolic link (git accepts it: .gitignore's `site/` matches only a
    folder) to a folder elsewhere: the builder resolves the link and replaces the folder it
    points to, hidden files and all (here a home folder's .ssh)."""
    project = _project(tmp_path)
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("nyckel\n", "utf-8")
    (project / "site").symlink_to(home)
    _builder(project, "site")
    assert (home / ".ssh" / "id_ed25519").is_file()


def test_a_lock_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """`.site.lock` committed as a dangling link: opening it to lock would create its target,
    an empty file anywhere the builder may write."""
    project = _project(tmp_path)
    target = tmp_path / "elsewhere" / "made-by-the-build"
    target.parent.mkdir()
    (project / ".site.lock").symlink_to(target)
    result = _builder(project, "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ".site.lock är en länk" in result.stderr
    assert not target.exists() and not (project / "site").exists()


# --- 2. nohup: a hang-up the user asked to ignore stops the build ----------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals: POSIX")
def test_a_build_started_with_hangups_ignored_survives_a_hangup(tmp_path: Path) -> None:
    """`nohup make build &`, then the SSH session ends: the builder replaces the ignored SIGHUP
    with its own handler, so the hang-up stops the build and nothing is published."""
    project = _project(tmp_path)

    def ignore_hangup() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    child = subprocess.Popen(
        [sys.executable, "-m", "macros.site.builder", "--site-dir", "site"],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ignore_hangup,
    )
    deadline = time.monotonic() + 60
    while not list(project.glob(".site.delar-*")) and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    child.send_signal(signal.SIGHUP)
    _, stderr = child.communicate(timeout=600)
    assert child.returncode == 0, stderr
    assert (project / "site" / "index.html").is_file()


# --- 3. Template cache: compiled code depends on more than the fingerprint -------------------


def test_a_filter_that_takes_the_context_in_one_project_does_not_break_another(
    tmp_path: Path,
) -> None:
    """Jinja decides at compile time whether a filter is passed the context
    (`@pass_context`); the key is the template's name and the environment's settings, and the
    checksum only guards the text. A branch that makes a filter take the context (same
    template text) leaves code that calls main's plain filter with the context: main's build
    fails (TypeError, with a traceback into the branch's folder) until the cache is emptied."""
    cache = tmp_path / "cache"
    cache.mkdir()

    def plain(value: object) -> str:
        return f"vanlig {value}"

    @jinja2.pass_context
    def with_context(context: object, value: object) -> str:
        return f"med sammanhang {value}"

    def env(f: object) -> jinja2.Environment:
        made = jinja2.Environment(loader=jinja2.DictLoader({"sida.html": "{{ x | datum }}"}))
        made.filters["datum"] = f
        return template_cache.with_cache(made, cache)

    assert env(with_context).get_template("sida.html").render(x=1) == "med sammanhang 1"
    assert env(plain).get_template("sida.html").render(x=1) == "vanlig 1"


# --- 4. National site: county names from data that break the assembly ------------------------


@pytest.mark.parametrize(
    "counties",
    [
        # a county whose address is a folder of the national start (docs/om.md)
        {"kommun-001": "Om", "kommun-002": "Skåne län"},
        # two spellings of one county: one address, two parts built into one folder
        {"kommun-001": "Skåne län", "kommun-002": "Skane lan"},
        # a county name with no letters: an empty address, the part "lan" with no name
        {"kommun-001": "– –", "kommun-002": "Skåne län"},
    ],
)
def test_a_county_name_that_gives_no_own_address_is_a_data_error(
    tmp_path: Path, counties: dict[str, str]
) -> None:
    """`lan:` is free text in kommun.yml. A name whose address collides with another part's
    folder is a traceback at assembly (OSError / FileNotFoundError in _assemble); an empty
    address is blamed on LAN="" which nobody set. Expected: a Swedish data error naming
    data/<kommun>/kommun.yml and the field lan."""
    project = _project(tmp_path, data=tmp_path)
    _data(project / "data", counties)
    result = _builder(project, "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert 'LAN=""' not in result.stderr
    assert "kommun.yml" in result.stderr and "lan" in result.stderr


# --- 5. National site: what crawlers and feed readers find -----------------------------------


def test_the_national_sitemap_leads_to_every_countys_pages(tmp_path: Path) -> None:
    """With a site address, /sitemap.xml of a national site lists only the start's own pages
    (/, /om/, /tillganglighet/); each county's sitemap (/<län>/sitemap.xml) is referenced by
    nothing (no sitemap index, no robots.txt), so a crawler that reads /sitemap.xml finds
    three pages."""
    project = _project(tmp_path, data=tmp_path)
    _data(project / "data", {"kommun-001": "Skåne län", "kommun-002": "Gotlands län"})
    result = _builder(project, "site", {"SITE_URL": "https://exempel.se/loften/"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "skane-lan" / "sitemap.xml").is_file()
    root = (site / "sitemap.xml").read_text("utf-8")
    robots = site / "robots.txt"
    known = root + (robots.read_text("utf-8") if robots.is_file() else "")
    assert "https://exempel.se/loften/skane-lan/" in known


# --- 6. A crash between the two renames of the swap ------------------------------------------

CRASH_IN_SWAP = """
import os, signal, sys
from macros.site import builder

def publish(new, site_dir, old):
    site_dir.rename(old)
    os.kill(os.getpid(), signal.SIGKILL)  # power cut between the two renames

builder._publish = publish
raise SystemExit(builder.main(sys.argv[1:]))
"""


def test_a_crash_in_the_swap_does_not_lose_the_old_site(tmp_path: Path) -> None:
    """Killed between moving the old site aside and moving the new one in: no site/ at all.
    The next build removes the stale staging folder, old site included, before it builds;
    when that build fails it says "site är som förut" while there is no site."""
    project = _project(tmp_path)
    assert _builder(project, "site").returncode == 0
    (project / "site" / "MARKER").write_text("förra", "utf-8")
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_IN_SWAP, "--site-dir", "site"],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL
    kommun = next((project / "data").glob("*/kommun.yml"))
    kommun.write_text(kommun.read_text("utf-8") + "namn: [\n", "utf-8")  # the next build fails
    failed = _builder(project, "site")
    assert failed.returncode != 0
    assert (project / "site" / "MARKER").is_file(), failed.stderr


def test_a_site_of_one_part_keeps_its_own_sitemap(tmp_path: Path) -> None:
    """Only a national site's /sitemap.xml is an index: one county's lists its pages."""
    project = _project(tmp_path)
    result = _builder(project, "site", {"SITE_URL": "https://exempel.se/loften/"})
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text("utf-8")
    assert "<urlset" in sitemap and "<sitemapindex" not in sitemap
    assert "https://exempel.se/loften/testby/" in sitemap
    assert not (project / "site" / "sitemap-start.xml").exists()
