"""Real MkDocs builds (strict) of the shipped content and of the small fixture, checked as HTML."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import progress
from macros.model import Dataset
from macros.site import pages
from tests.conftest import VALID, Build, article_text, build_site, lofte


class Elements(HTMLParser):
    """Collects tags with their attributes, and the page text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_overview_table_shows_the_computed_numbers(
    fixture_site: tuple[Build, Dataset],
) -> None:
    build, dataset = fixture_site
    promise = dataset.promise("testby/2024-2025")
    html_text = page(build.site, pages.year_url(promise, 2024))
    table = re.search(r'<table class="ml-overview">(.*?)</table>', html_text, re.S)
    assert table is not None
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)[1:]
    cells = [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]
    assert cells == [
        ["Droger", "0", "1", "0", "0", "0", "1", "0\u00a0%", "–"],
        ["Trafik", "0", "0", "1", "0", "0", "0", "100\u00a0%", "–"],
        ["Alla områden", "0", "1", "1", "0", "0", "1", "50\u00a0%", "–"],
    ]
    expected = progress.overview(promise, 2024)[-1].count
    assert cells[-1][3] == str(expected.done)


def test_change_against_the_year_before(fixture_site: tuple[Build, Dataset]) -> None:
    build, _ = fixture_site
    text = article_text(build.site, "testby/2024-2025/uppfoljning/2025")
    assert "−50 procentenheter" in text
    assert "−100 procentenheter" in text


def test_approval_line(fixture_site: tuple[Build, Dataset]) -> None:
    build, _ = fixture_site
    text = article_text(build.site, "testby/2024-2025/uppfoljning/2024")
    assert "Granskad av Polisen 2024-11-12 · Testby kommun 2024-11-20" in text


def test_example_content_is_marked(example_site: tuple[Build, Dataset]) -> None:
    build, _ = example_site
    for url in ("", "robertsfors/2023-2025/trafik", "robertsfors/2023-2025/uppfoljning/2024"):
        assert "Exempelinnehåll" in article_text(build.site, url)
    # The 2018 promise is real: no example notice there, and every commitment is "ej uppföljd".
    old = article_text(build.site, "robertsfors/2018")
    assert "Exempelinnehåll" not in old
    assert old.count("Ej uppföljd") == 5


def test_the_example_notice_follows_the_data(shipped: tuple[Build, Dataset]) -> None:
    """Whatever staff write: a promise page carries the notice exactly when it has examples."""
    build, dataset = shipped
    for promise in dataset.promises:
        shown = "Exempelinnehåll" in article_text(build.site, pages.promise_url(promise))
        assert shown == promise.has_examples, promise.key


def test_drafts_stay_out_of_production_and_show_in_preview(
    fixture_site: tuple[Build, Dataset], tmp_path: Path
) -> None:
    build, _ = fixture_site
    everything = "".join(
        p.read_text(encoding="utf-8")
        for p in build.site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml"}
    )
    assert "UTKASTTEXT" not in everything
    preview = build_site(VALID, tmp_path, drafts=True)
    assert preview.returncode == 0, preview.output
    text = article_text(preview.site, "testby/2024-2025/uppfoljning/2025")
    assert "UTKASTTEXT" in text
    assert "Utkast – ej godkänt" in text


@pytest.mark.parametrize("which", ["shipped", "fixture_site"])
def test_every_page_is_swedish_complete_and_local(
    which: str, request: pytest.FixtureRequest
) -> None:
    build, _ = request.getfixturevalue(which)
    html_files = sorted(build.site.rglob("*.html"))
    assert len(html_files) > 5
    for path in html_files:
        content = path.read_text(encoding="utf-8")
        assert '<html lang="sv"' in content, path
        assert "{{" not in content and "{%" not in content, path
        for tag, attrs in parse(path).tags:
            if tag in {"link", "script", "img", "iframe", "source"}:
                for name in ("src", "href"):
                    value = attrs.get(name) or ""
                    assert not re.match(r"^(https?:)?//", value), (path, tag, value)


def test_navigation_has_every_area_and_year(shipped: tuple[Build, Dataset]) -> None:
    build, dataset = shipped
    assert "Tillgänglighetsredogörelse" in page(build.site, "")
    for promise in dataset.promises:
        promise_page = page(build.site, pages.promise_url(promise))
        for area in promise.areas:
            assert html.escape(area.title) in promise_page, (promise.key, area.id)
        for year in sorted({f.year for f in promise.follow_ups}):
            assert f"Uppföljning {year}" in promise_page, (promise.key, year)


def test_the_start_page_shows_the_latest_year(example_site: tuple[Build, Dataset]) -> None:
    build, _ = example_site
    text = article_text(build.site, "")
    assert "Läget i varje fokusområde 2025" in text
    assert "Robertsfors kommun: Medborgarlöfte 2023–2025" in text
    assert "Tidigare medborgarlöften" in text and "Medborgarlöfte 2018" in text


def test_invalid_data_fails_the_build_with_the_report(valid_data: Path, tmp_path: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "trafik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: genomförd", "status: klart"),
        encoding="utf-8",
    )
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 1
    assert (
        'data/testby/2024-2025/uppfoljning/2024/trafik.yml:4: "status" i uppföljningen av '
        '"Hastighetskontroller" 2024 (uppfoljningar.1.status) är "klart"'
    ) in build.output
    assert "Traceback" not in build.output
    assert not (build.site / "index.html").exists()


def test_data_text_is_never_a_template_nor_html(valid_data: Path, tmp_path: Path) -> None:
    promise = valid_data / "testby" / "2024-2025"
    path = promise / "uppfoljning" / "2024" / "trafik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Tolv kontroller gjordes.",
            "Tolv {{ 7 * 7 }} {{ cycler.__init__.__globals__.os.popen('id').read() }} "
            "<script>alert(1)</script><img src=x onerror=alert(2)> [klick](javascript:alert(3))",
        ),
        encoding="utf-8",
    )
    area = promise / "omraden" / "trafik.yml"
    area.write_text(
        area.read_text(encoding="utf-8").replace(
            "titel: Trafik", "titel: Trafik {{ 6 * 7 }} <b>x</b>"
        ),
        encoding="utf-8",
    )
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 0, build.output
    year = page(build.site, "testby/2024-2025/uppfoljning/2024")
    assert "Tolv {{ 7 * 7 }} {{ cycler" in html.unescape(year)
    assert "Tolv 49" not in year and "uid=" not in year
    assert "<script>alert" not in year and "onerror" not in year and "javascript:" not in year
    area_page = page(build.site, "testby/2024-2025/trafik")
    assert "Trafik 42" not in area_page
    assert "Trafik {{ 6 * 7 }}" in html.unescape(area_page)
    assert "<b>x</b>" not in area_page
    assert "&lt;b&gt;x&lt;/b&gt;" in area_page


def test_a_new_municipality_is_data_alone(valid_data: Path, tmp_path: Path) -> None:
    shutil.copytree(valid_data / "testby", valid_data / "annanby")
    kommun = valid_data / "annanby" / "kommun.yml"
    kommun.write_text(
        kommun.read_text(encoding="utf-8").replace("Testby", "Annanby").replace('"0114"', '"0115"'),
        encoding="utf-8",
    )
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 0, build.output
    assert "Annanby kommun: Medborgarlöfte 2024–2025" in article_text(build.site, "")
    assert (build.site / "annanby" / "2024-2025" / "trafik" / "index.html").is_file()


def test_a_draft_promise_is_only_in_the_preview(valid_data: Path, tmp_path: Path) -> None:
    result = lofte("ny-period", "testby", "2026-2028", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    promise_file = valid_data / "testby" / "2024-2025" / "lofte.yml"
    promise_file.write_text(
        promise_file.read_text(encoding="utf-8") + "undertecknat: 2024-03-01\n", "utf-8"
    )
    production = build_site(valid_data, tmp_path / "produktion")
    assert production.returncode == 0, production.output
    assert not (production.site / "testby" / "2026-2028").exists()
    published = "".join(
        p.read_text(encoding="utf-8")
        for p in production.site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml", ".csv"}
    )
    assert "2026-2028" not in published and "2026–2028" not in published
    assert "Utkast – ej undertecknat" not in published
    signed = article_text(production.site, "testby/2024-2025")
    assert "Undertecknat 2024-03-01" in signed

    preview = build_site(valid_data, tmp_path / "forhand", drafts=True)
    assert preview.returncode == 0, preview.output
    text = article_text(preview.site, "testby/2026-2028")
    assert text.startswith("Testby: Medborgarlöfte 2026–2028 Utkast – ej undertecknat.")
    assert "Undertecknat" not in text
    area = article_text(preview.site, "testby/2026-2028/trafik")
    assert "Utkast – ej undertecknat." in area
    english = article_text(preview.site, pages.english_url_of("testby/2026-2028"))
    assert "Draft – not signed yet." in english
