"""Template injection: pages in docs/ run in Jinja's sandbox; classic escapes fail the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, build_site

PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER_PATH').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('touch MARKER_PATH').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }} MARKER_PATH",
    "{{ config.__class__.__init__.__globals__['os'].popen('touch MARKER_PATH') }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %} MARKER_PATH",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_docs_page_cannot_escape_the_sandbox(tmp_path: Path, payload: str) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    marker = tmp_path / "MARKER"
    (docs / "om.md").write_text(
        "---\nrender_macros: true\n---\n\n# Om\n\n"
        + payload.replace("MARKER_PATH", str(marker))
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode != 0
    assert not marker.exists()
    assert "unsafe" in build.output or "SecurityError" in build.output


def test_ordinary_macros_still_work_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work")
    assert build.returncode == 0, build.output
    assert "Testby kommun: Medborgarlöfte 2024–2025" in (build.site / "index.html").read_text(
        encoding="utf-8"
    )


def test_pages_that_do_not_ask_for_macros_show_braces_as_text(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "om.md").write_text("# Om\n\nMallar skrivs {{ så här }}.\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 0, build.output
    assert "Mallar skrivs {{ så här }}." in (build.site / "om" / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: A\ntitle: B\n",
            'docs/om.md:3: fältet "title" står två gånger (första gången '
            "på rad 2). Ta bort det ena: annars försvinner ett av värdena utan att det märks.",
        ),
        (
            "titel: Om\n",
            'docs/om.md:2: okänt fält "titel" i sidans inledning (front matter). '
            'Menade du "title"? Fält som finns här: title, description, hide, render_macros.',
        ),
        (
            "hide:\n  - nav\n",
            'docs/om.md:3: "hide.1" är "nav", men ska vara ett av: '
            "navigation, toc, footer, path, tags, feedback.",
        ),
    ],
)
def test_front_matter_in_docs_is_checked(tmp_path: Path, front_matter: str, expected: str) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "om.md").write_text(f"---\n{front_matter}---\n\n# Om\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert expected in build.output
    assert "Traceback" not in build.output
