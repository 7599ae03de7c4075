"""Shared test helpers: fixture data sets copied to a temporary folder, and real site builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from macros.data.folders import read_dataset
from macros.data.problems import DataError
from macros.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid" / "data"
# A frozen copy of the example content: tests that pin numbers of a whole site read this,
# never data/, which staff replace with real content.
EXAMPLE = FIXTURES / "exempel" / "data"

# Property tests: the "ci" profile (the default) is derandomized with fixed example counts, so a
# red run repeats exactly; `make fuzz` selects "fuzz", with random seeds and many more examples.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", deadline=None, phases=list(Phase), suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
FUZZ_FACTOR = 20


def scaled(examples: int) -> int:
    """A property test's example count: as written under "ci", many times more under "fuzz"."""
    return examples * FUZZ_FACTOR if PROFILE == "fuzz" else examples


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid data set; tests break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def problems_of(root: Path) -> list[str]:
    """The problems the validator reports for a data folder, as the lines a person reads."""
    try:
        read_dataset(root)
    except DataError as error:
        return sorted(str(p) for p in error.problems)
    return []


def lofte(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the staff command as staff run it: as a program, in a folder."""
    return subprocess.run(
        [sys.executable, "-m", "macros.staff.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def load(root: Path) -> Dataset:
    return read_dataset(root)


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


# docs/exempel/ holds example pages whose macros name the example municipality (Robertsfors):
# they are built with the data that has it, and left out (page and nav entry) for other data.
EXAMPLE_PAGES = "exempel"


def copy_docs(target: Path, *, example_pages: bool) -> Path:
    """A copy of docs/, with or without the example pages."""
    ignore = shutil.ignore_patterns(EXAMPLE_PAGES) if not example_pages else None
    shutil.copytree(ROOT / "docs", target, ignore=ignore)
    return target


def site_config(*, example_pages: bool) -> str:
    """mkdocs.yml, without the nav entries of the example pages when they are left out."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if example_pages:
        return text
    kept = "".join(
        line for line in text.splitlines(keepends=True) if f": {EXAMPLE_PAGES}/" not in line
    )
    # MkDocs leaves excluded pages out; docs/ itself stays the repository's (with its history).
    return kept + f"\nexclude_docs: |\n  {EXAMPLE_PAGES}/\n"


def build_site(
    data: Path,
    workdir: Path,
    *,
    drafts: bool = False,
    docs: Path | None = None,
    site_url: str | None = None,
    example_pages: bool | None = None,
    hooks: tuple[Path, ...] = (),
) -> Build:
    """Build the real site with MkDocs (strict) from `data`, in a project folder of its own.
    The example pages in docs/ come along when the data has the example municipality. `hooks`
    are extra MkDocs hook files, run after the site's own."""
    if example_pages is None:
        example_pages = (data / "robertsfors").is_dir()
    project = workdir / "project"
    project.mkdir(parents=True)
    config = site_config(example_pages=example_pages)
    own = "hooks:\n  - macros/site/hooks.py\n"
    assert own in config
    extra = "".join(f"  - {hook}\n" for hook in hooks)
    (project / "mkdocs.yml").write_text(config.replace(own, own + extra), "utf-8")
    for name in ("overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    (project / "docs").symlink_to(docs or ROOT / "docs")
    # A link is fine here: the project folder is not in a git repository (tests/test_files.py).
    (project / "data").symlink_to(data)
    settings = {}
    if site_url is not None:
        settings["SITE_URL"] = site_url
    if drafts:
        settings["MEDBORGARLOFTEN_UTKAST"] = "1"
    return mkdocs_build(project, workdir / "site", settings)


def mkdocs_build(project: Path, site: Path, settings: dict[str, str] | None = None) -> Build:
    """`mkdocs build --strict` of the project folder `project` into `site`, as a program. The
    site's own settings in the environment (drafts, site address, site part) are cleared first,
    so a value the test runner happens to have (or KOMMUN= given to make) never leaks in."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("MEDBORGARLOFTEN_UTKAST", "SITE_URL", "MEDBORGARLOFTEN_DEL"):
        env.pop(name, None)
    env.update(settings or {})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "table",
        "section",
        "figure",
        "figcaption",
        "br",
        "dt",
        "dd",
    ]
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Text(HTMLParser):
    """The text a reader sees: inside `<article>` only (the page's own content, without the
    navigation), or of a whole fragment; with the text of each heading kept apart."""

    def __init__(self, *, whole: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 1 if whole else 0
        self.found = 0
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
            self.found += 1
        elif self.depth and tag in BLOCK_TAGS:
            self.parts.append(" ")
            if tag in HEADINGS:
                self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif self.depth and tag in BLOCK_TAGS:
            self.parts.append(" ")
            if tag in HEADINGS and self._heading is not None:
                self.headings.append(fold("".join(self._heading)))
                self._heading = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Article:
    text: str
    headings: tuple[str, ...]


def article(site: Path, url: str) -> Article:
    """A page's own content as a reader sees it: the article only, entities decoded, spaces
    folded. Navigation, header and footer are left out, so a title missing from the page body is
    missing here even when the navigation still names it."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    parser = _Text(whole=False)
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.found == 1, f"{path}: {parser.found} <article>-element, väntade ett"
    return Article(fold("".join(parser.parts)), tuple(parser.headings))


def article_text(site: Path, url: str) -> str:
    return article(site, url).text


def html_text(html: str) -> str:
    """The text a reader sees in an HTML fragment, folded as `article_text` folds it."""
    parser = _Text(whole=True)
    parser.feed(html)
    return fold("".join(parser.parts))


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Dataset]]:
    build = build_site(ROOT / "data", tmp_path_factory.mktemp("shipped"))
    assert build.returncode == 0, build.output
    yield build, load(ROOT / "data").without_drafts()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Dataset]]:
    build = build_site(VALID, tmp_path_factory.mktemp("fixture"))
    assert build.returncode == 0, build.output
    yield build, load(VALID).without_drafts()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Dataset]]:
    """The frozen example content (tests/fixtures/exempel), for tests that pin numbers."""
    build = build_site(EXAMPLE, tmp_path_factory.mktemp("exempel"))
    assert build.returncode == 0, build.output
    yield build, load(EXAMPLE).without_drafts()
