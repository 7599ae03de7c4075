"""The author macros for pages in docs/: what each gives on the fixture data, that it is the same
HTML as the generated pages, and that a wrong call stops the build in Swedish with page and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.data.problems import Problem
from macros.model import Dataset
from macros.site import author, render
from tests.conftest import VALID, Build, article_text, build_site, copy_docs, load

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(VALID).without_drafts()


def test_andel_genomforda_is_running_text(dataset: Dataset) -> None:
    def share(**kwargs: object) -> str:
        return author.call("andel_genomforda", dataset, "nyheter/", "testby", **kwargs)

    assert share(ar=2024) == f"50{NBSP}%"
    assert share(ar=2024, omrade="trafik") == f"100{NBSP}%"
    assert share() == f"0{NBSP}%"  # the newest followed-up year, 2025


def _part(html: str, tag: str) -> str:
    found = re.search(rf"<{tag}>.*?</{tag}>", html, re.S)
    assert found is not None, html
    return found.group(0)


def test_lagesbild_is_the_promise_pages_table(dataset: Dataset) -> None:
    promise = dataset.promise("testby/2024-2025")
    made = author.call("lagesbild", dataset, "testby/2024-2025/", "testby", ar=2025)
    page = render.promise_page(promise, "testby/2024-2025/")
    assert _part(made, "tbody") == _part(page, "tbody")
    assert "<caption>Läget i varje fokusområde 2025, Testby</caption>" in made


def test_aktiviteter_lists_links_with_status_badges(dataset: Dataset) -> None:
    made = author.call("aktiviteter", dataset, "nyheter/", "testby", omrade="trafik")
    assert made.splitlines() == [
        '<ul class="ml-activity-list">',
        '<li><a href="../testby/2024-2025/trafik/kontroller/">Hastighetskontroller</a>: '
        '<span class="ml-status ml-status--ongoing">Pågår</span> (2025)</li>',
        '<li><a href="../testby/2024-2025/trafik/skolvag/">Säker skolväg</a>: '
        '<span class="ml-status ml-status--cancelled">Avbruten</span></li>',
        "</ul>",
    ]
    ongoing = author.call("aktiviteter", dataset, "nyheter/", "testby", status="pågår", ar=2024)
    assert re.findall(r">([^<>]+)</a>", ongoing) == ["Skolbesök"]
    # The same list items as the promise page.
    page = render.promise_page(dataset.promise("testby/2024-2025"), "nyheter/")
    for line in made.splitlines()[1:-1]:
        assert line in page


def test_indikator_and_senaste_use_the_same_parts(dataset: Dataset) -> None:
    promise = dataset.promise("testby/2024-2025")
    made = author.call("indikator", dataset, "testby/2024-2025/trafik/", "testby", "kontroller")
    area = render.area_page(promise, "trafik", "testby/2024-2025/trafik/")
    assert _part(made, "tbody") in area
    assert 'id="diagram-kontroller-titel"' in made
    latest = author.call("senaste", dataset, "", antal=2)
    start = render.start_page(dataset, "")
    items = re.findall(r"<li>.*?</li>", latest)
    assert items and all(item in start for item in items)
    assert len(re.findall(r"<li>", latest)) == 2
    assert author.call("senaste", dataset, "", "testby", antal=1).count("<li>") == 1


PAGE = """---
title: Nyhet
render_macros: true
---

# Nyhet

{calls}
"""


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            '{{ lagesbild("testbi") }}',
            'lagesbild(): kommunen "testbi" finns inte. Menade du "testby"? De som finns: testby.',
        ),
        (
            '{{ lagesbild("testby", ar=2030) }}',
            "lagesbild(): kommunen testby har inget löfte som gäller 2030. Löftena: 2024–2025.",
        ),
        (
            '{{ andel_genomforda("testby", ar="2024") }}',
            "andel_genomforda(): ar ska vara ett årtal utan citattecken, till exempel ar=2025, "
            "inte '2024'.",
        ),
        (
            '{{ aktiviteter("testby", omrade="trafk") }}',
            'aktiviteter(): fokusområdet "trafk" finns inte i löftet 2024–2025. Menade du '
            '"trafik"? De som finns: droger, trafik.',
        ),
        (
            '{{ aktiviteter("testby", status="genomford") }}',
            'aktiviteter(): status "genomford" finns inte. Menade du "genomförd"? Välj ett av: '
            "planerad, pågår, genomförd, försenad, avbruten.",
        ),
        (
            '{{ indikator("testby", "kontrol") }}',
            'indikator(): indikatorn "kontrol" finns inte för testby. Menade du "kontroller"? '
            "De som finns: kontroller.",
        ),
        (
            "{{ senaste(antal=500) }}",
            "senaste(): antal ska vara ett heltal från 1 till 50, inte 500.",
        ),
        (
            '{{ lagesbild("testby", arr=2024) }}',
            "lagesbild(): lagesbild() tar argumenten kommun, ar; anropet stämmer inte med dem. "
            'Menade du "ar"?',
        ),
    ],
)
def test_a_wrong_call_is_reported_with_page_and_line(
    dataset: Dataset, call: str, message: str
) -> None:
    text = PAGE.format(calls="Text.\n\n" + call)
    assert author.check_page(text, "nyhet.md", "docs/nyhet.md", dataset) == [
        Problem("docs/nyhet.md", 10, message)
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            '{{ lagesbld("testby") }}',
            'docs/nyhet.md:10: lagesbld(): makrot lagesbld() finns inte. Menade du "lagesbild"? '
            "De som finns: lagesbild, andel_genomforda, aktiviteter, indikator, senaste, "
            "startsida, oppna_data.",
        ),
        (
            "{{ lagesbild(kommun) }}",
            "docs/nyhet.md:10: lagesbild(): argumenten ska vara text inom citattecken, heltal "
            'eller none, till exempel lagesbild("robertsfors", ar=2025).',
        ),
        (
            "{{ config.site_name }}",
            "docs/nyhet.md:10: {{ config.site_name }} är inget makroanrop. I docs/ går bara "
            'anrop som {{ lagesbild("robertsfors") }}; se CONTRIBUTING.md.',
        ),
    ],
)
def test_lofte_sidor_refuses_what_plain_markdown_cannot_hold(
    dataset: Dataset, call: str, message: str
) -> None:
    """Without Jinja, `lofte sidor` expands only author-macro calls with plain values; the
    build leaves anything else to the page sandbox (tests/test_injection.py)."""
    text = PAGE.format(calls="Text.\n\n" + call)
    assert author.check_page(text, "nyhet.md", "docs/nyhet.md", dataset) == []
    with pytest.raises(author.MacroError) as raised:
        author.expand(text, dataset, "nyhet.md")
    assert str(raised.value) == message


def test_a_misspelt_macro_stops_the_build_with_page_and_line(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs", example_pages=False)
    (docs / "om.md").write_text(PAGE.format(calls='{{ lagesbld("testby") }}'), "utf-8")
    build = build_site(VALID, tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert 'docs/om.md:8: "lagesbld" finns inte för sidor.' in build.output
    assert "Traceback" not in build.output


def test_pages_without_render_macros_are_not_checked(dataset: Dataset) -> None:
    text = PAGE.replace("render_macros: true", "render_macros: false").format(
        calls='{{ lagesbild("testbi") }}'
    )
    assert author.check_page(text, "nyhet.md", "docs/nyhet.md", dataset) == []


def test_a_wrong_call_stops_the_build_in_swedish(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs", example_pages=False)
    (docs / "om.md").write_text(
        PAGE.format(calls='Andelen var {{ andel_genomforda("testby", omrade="trafk") }}.'),
        encoding="utf-8",
    )
    build = build_site(VALID, tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert (
        'docs/om.md:8: andel_genomforda(): fokusområdet "trafk" finns inte i löftet '
        '2024–2025. Menade du "trafik"?'
    ) in build.output
    assert "Traceback" not in build.output


def test_macros_in_a_real_page(tmp_path: Path) -> None:
    docs = copy_docs(tmp_path / "docs", example_pages=False)
    (docs / "om.md").write_text(
        PAGE.format(
            calls='Andelen var {{ andel_genomforda("testby", ar=2024) }}.\n\n'
            '{{ aktiviteter("testby", omrade="trafik") }}'
        ),
        encoding="utf-8",
    )
    build = build_site(VALID, tmp_path / "work", docs=docs)
    assert build.returncode == 0, build.output
    text = article_text(build.site, "om")
    assert "Andelen var 50 %." in text
    assert "Hastighetskontroller: Pågår (2025) Säker skolväg: Avbruten" in text
    html = (build.site / "om" / "index.html").read_text(encoding="utf-8")
    assert 'href="../testby/2024-2025/trafik/kontroller/"' in html


def test_the_example_page_is_marked_and_filled(example_site: tuple[Build, Dataset]) -> None:
    build, _ = example_site
    text = article_text(build.site, "exempel/sa-gick-det-2025")
    assert text.startswith("Så gick det 2025 Exempelsida Den här sidan är ett exempel")
    assert f"Av de aktiviteter som följdes upp blev 77{NBSP}% genomförda." in text.replace(
        " %", f"{NBSP}%"
    )
    assert "Alla områden 0 2 10 0 1 0 77 %" in text
    assert "Antal trafikkontroller i kommunen" in text
    assert "{{" not in (build.site / "exempel" / "sa-gick-det-2025" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_call_the_check_cannot_read_is_refused_while_rendering(tmp_path: Path) -> None:
    """A call with a value from the page (not plain) is tried when the page is rendered, and a
    wrong one is refused there in Swedish, with page and line."""
    docs = copy_docs(tmp_path / "docs", example_pages=False)
    (docs / "om.md").write_text(PAGE.format(calls="{{ lagesbild(config.site_name) }}"), "utf-8")
    build = build_site(VALID, tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert (
        'docs/om.md:8: lagesbild(): kommunen "Medborgarlöften" finns inte. De som finns: testby.'
    ) in build.output
    assert "Traceback" not in build.output
