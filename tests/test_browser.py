"""What a person sees, checked in a real headless Chromium (Debian's /usr/bin/chromium).

The built site is served on 127.0.0.1; axe-core checks WCAG 2.1 A and AA, no request may leave
the local origin, the content must be readable without JavaScript, and nothing may overflow
horizontally on a 360 px wide phone.

Two sites are checked: the shipped content in data/ (whatever staff have written: the pages are
chosen from its model, and only invariants are asserted) and the frozen example content under
tests/fixtures/exempel (every page kind is there, so exact texts may be pinned).
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

from macros import progress
from macros.data.folders import read_dataset
from macros.model import Content, Dataset
from macros.site import pages
from tests.conftest import EXAMPLE, FIXTURES, ROOT, build_site

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
STATIC_PAGES = {
    "start": "",
    "orter": pages.PLACES_URL,
    "oppna-data": pages.OPEN_DATA_URL,
    "om": "om/",
    "tillganglighet": "tillganglighet/",
}
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
# The small county has a promise of each kind real promises come in (tests/fixtures/lan).
SITES = {"data": ROOT / "data", "exempel": EXAMPLE, "lan": FIXTURES / "lan" / "data"}
REAL_PROMISE_KINDS = ("fokusomraden", "fokusomrade", "ej-publicerat", "publicerad-av-annan", "lan")
# How long to wait for something the page does by itself (search index, a result); a wait for a
# condition, never a fixed pause.
PATIENCE_MS = 60_000


@dataclass(frozen=True)
class Sample:
    """One page of a kind, and texts that its own content must show (taken from the model)."""

    url: str
    shows: tuple[str, ...] = ()


def page_kinds(dataset: Dataset) -> dict[str, Sample]:
    """One page of each kind the data set has, chosen from its model, never from known names."""
    found = {kind: Sample(url) for kind, url in STATIC_PAGES.items()}
    found["start"] = Sample("", tuple(p.municipality.name for p in dataset.promises))
    followed = [p for p in dataset.promises if p.follow_ups]
    for promise in followed[:1] or dataset.promises[:1]:
        found["lofte"] = Sample(pages.promise_url(promise), tuple(a.title for a in promise.areas))
        for area in promise.areas[:1]:
            titles = tuple(a.title for a in promise.activities_in(area.id))
            found["omrade"] = Sample(pages.area_url(promise, area), (area.title, *titles))
        for activity in promise.activities[:1]:
            found["aktivitet"] = Sample(pages.activity_url(promise, activity), (activity.title,))
        found["engelska"] = Sample(pages.english_url(promise), ("What a citizen promise is",))
        year = progress.latest_year(promise)
        if year is not None:
            titles = tuple(
                promise.activity(f.activity_id).title for f in promise.follow_ups if f.year == year
            )
            found["ar"] = Sample(pages.year_url(promise, year), titles)
    for promise in [p for p in dataset.promises if not p.follow_ups][:1]:
        found["arkiv"] = Sample(pages.promise_url(promise), tuple(a.title for a in promise.areas))
    _real_promise_kinds(dataset, found)
    return found


def _real_promise_kinds(dataset: Dataset, found: dict[str, Sample]) -> None:
    """The kinds real promises come in: focus statements only (and one of its area pages),
    content not published, a follow-up published by someone else, and the county page."""
    focus = [
        p
        for p in dataset.promises
        if p.content is Content.FOCUS_AREAS and not p.published_follow_ups
    ]
    for promise in focus[:1]:
        titles = tuple(a.title for a in promise.areas)
        found["fokusomraden"] = Sample(pages.promise_url(promise), titles)
        area = promise.areas[0]
        found["fokusomrade"] = Sample(pages.area_url(promise, area), (area.title, area.summary))
    for promise in [p for p in dataset.promises if p.content is Content.UNPUBLISHED][:1]:
        found["ej-publicerat"] = Sample(pages.promise_url(promise), (promise.source.title,))
    for promise in [p for p in dataset.promises if p.published_follow_ups][:1]:
        shows = tuple(f.publisher for f in promise.published_follow_ups)
        found["publicerad-av-annan"] = Sample(pages.promise_url(promise), shows)
    for county in pages.counties_with_page(dataset)[:1]:
        names = tuple(m.short_name for m in dataset.municipalities_in(county))
        found["lan"] = Sample(pages.county_url(county), names)


DATASETS = {name: read_dataset(root).without_drafts() for name, root in SITES.items()}
KINDS = {name: page_kinds(dataset) for name, dataset in DATASETS.items()}
EXAMPLE_PAGES = {kind: sample.url for kind, sample in KINDS["exempel"].items()}


def test_the_example_site_has_every_page_kind() -> None:
    assert set(EXAMPLE_PAGES) == {
        *STATIC_PAGES,
        *("lofte", "omrade", "aktivitet", "ar", "arkiv", "engelska"),
    }


def test_the_county_fixture_has_every_real_promise_kind() -> None:
    assert set(REAL_PROMISE_KINDS) <= set(KINDS["lan"])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    servers = []
    urls = {}
    for name, root in SITES.items():
        build = build_site(root, tmp_path_factory.mktemp(f"browser-{name}"))
        assert build.returncode == 0, build.output
        handler = functools.partial(_QuietHandler, directory=str(build.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(base_urls: dict[str, str]) -> str:
    """The example site, where exact texts may be pinned."""
    return base_urls["exempel"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium saknas: kör scripts/install-system-deps.sh"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def pdf_text(pdf: bytes) -> str:
    """Text of a PDF as compared by the tests: NFKC (the "fi" ligature some fonts set becomes
    "fi") and without white space (fonts differ in where a text extractor puts spaces)."""
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    ("site", "kind"), [(site, kind) for site, kinds in KINDS.items() for kind in kinds]
)
def test_wcag_21_aa_and_no_other_origin(
    browser: Browser, base_urls: dict[str, str], site: str, kind: str
) -> None:
    base = base_urls[site]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(base + KINDS[site][kind].url, wait_until="networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []
    outside = [url for url in requests if not url.startswith(base)]
    assert outside == []
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


def wait_for_search_index(page: Page) -> None:
    """Material says "Initialiserar sök" until its worker has loaded the index."""
    page.wait_for_function(
        """() => {
            const meta = document.querySelector(".md-search-result__meta");
            return meta && meta.textContent.trim() !== "" &&
                   !meta.textContent.includes("Initialiserar");
        }""",
        timeout=PATIENCE_MS,
    )


def test_search_works_under_the_content_security_policy(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url, wait_until="networkidle")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    wait_for_search_index(page)
    query.press_sequentially("trafikkontroller")
    found = page.locator(".md-search-result__item", has_text="Trafikkontroller")
    found.first.wait_for(state="visible", timeout=PATIENCE_MS)
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


@pytest.mark.parametrize(
    ("site", "kind"), [(site, kind) for site, kinds in KINDS.items() for kind in kinds]
)
def test_readable_without_javascript(
    browser: Browser, base_urls: dict[str, str], site: str, kind: str
) -> None:
    """With JavaScript off, the page's own content is there: what the model says it shows."""
    sample = KINDS[site][kind]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_urls[site] + sample.url)
    text = squeeze(page.inner_text("article"))
    assert text
    for title in sample.shows:
        assert squeeze(title) in text, (kind, title)
    context.close()


def test_example_pages_name_the_status_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGES["omrade"])
    text = page.inner_text("article")
    assert "Genomförd" in text and "Granskad av Polisen" in text
    context.close()


@pytest.mark.parametrize("kind", ["lan", "publicerad-av-annan", "fokusomraden"])
def test_real_promise_pages_fit_a_phone(
    browser: Browser, base_urls: dict[str, str], kind: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(base_urls["lan"] + KINDS["lan"][kind].url, wait_until="networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()


def assert_a_real_picture(png: bytes, width: int) -> None:
    """A screenshot of the page at the given width, with something on it: not one flat colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == width
    assert image.height >= 800
    colours = image.getcolors(maxcolors=1 << 16)
    if colours is None:  # more than 65,536 colours: certainly not blank
        return
    background = max(count for count, _ in colours)
    drawn = image.width * image.height - background
    assert drawn >= 0.01 * image.width * image.height, "skärmbilden är nästan tom"
    assert len(colours) >= 8


@pytest.mark.parametrize("kind", ["start", "omrade", "ar"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_horizontal_overflow(
    browser: Browser, base_url: str, kind: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGES[kind], wait_until="networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
    assert_a_real_picture(png, width)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()


def test_year_page_prints_without_navigation(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGES["ar"], wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "uppfoljning-2025.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert squeeze("Uppföljning 2025") in text and "Trafikkontroller" in text
    for navigation_only in ("Tillgänglighet", "Öppna data", "Sök", "Medborgarlöfte 2018"):
        assert squeeze(navigation_only) not in text
    context.close()


def test_pdf_text_is_compared_as_a_reader_reads_it() -> None:
    """The ligature that DejaVu fonts set for "fi" and a stray line break are not differences."""
    assert squeeze("Tra\ufb01k\nkontroller") == "Trafikkontroller"


def test_a_blank_screenshot_is_caught() -> None:
    blank = io.BytesIO()
    Image.new("RGB", (360, 900), "white").save(blank, format="PNG")
    with pytest.raises(AssertionError, match="nästan tom"):
        assert_a_real_picture(blank.getvalue(), 360)


# Every element of an overview that sticks out of its parent's box, as "tag.class: px".
# On a phone the full table may scroll inside its own box (.ml-table-wrap), so `inside_scroll`
# says whether elements within such a box are measured too.
TOO_WIDE = """(insideScroll) => {
  const found = [];
  for (const block of document.querySelectorAll('.ml-overview-block')) {
    const limit = block.parentElement.getBoundingClientRect();
    const boxes = [block, ...block.querySelectorAll('*')];
    for (const el of boxes) {
      if (!insideScroll && el.closest('.ml-table-wrap') && !el.matches('.ml-table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const parent = el === block ? limit : el.parentElement.getBoundingClientRect();
      const over = Math.max(r.right - parent.right, parent.left - r.left, r.right - limit.right);
      if (over > 0.5) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${over.toFixed(1)}`);
    }
  }
  return found;
}"""
OVERVIEW_PAGES = ["start", "lofte", "omrade", "ar"]
A4_WIDTH = 794  # A4 at 96 dpi, in CSS pixels


@pytest.mark.parametrize("kind", OVERVIEW_PAGES)
@pytest.mark.parametrize("medium", ["360", "768", "1280", "print"])
def test_the_overview_fits_phone_tablet_desktop_and_paper(
    browser: Browser, base_url: str, kind: str, medium: str
) -> None:
    width = A4_WIDTH if medium == "print" else int(medium)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    if medium == "print":
        page.emulate_media(media="print")
    page.goto(base_url + EXAMPLE_PAGES[kind], wait_until="networkidle")
    assert page.locator(".ml-overview-block").count() >= 1
    # The full table is the second view: open it so that it is measured too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.evaluate(TOO_WIDE, medium != "360") == []
    if medium == "360":
        shares = page.locator(".ml-area-row__number")
        assert shares.count() >= (1 if kind == "omrade" else 2)
        for i in range(shares.count()):
            box = shares.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()


def test_an_overview_that_sticks_out_is_caught(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 900})
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGES["ar"], wait_until="networkidle")
    page.evaluate("document.querySelector('.ml-area-row__title').style.width = '900px'")
    assert page.evaluate(TOO_WIDE, False) != []
    context.close()


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /loften/, as GitHub Pages serves a project, with 404.html for
    any address that does not exist."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith("/loften/"):
            return str(Path(self.directory) / "finns-inte")
        return super().translate_path(path.removeprefix("/loften"))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_404_page_works_under_a_sub_path(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    build = build_site(
        EXAMPLE, tmp_path_factory.mktemp("subpath"), site_url="https://example.org/loften/"
    )
    assert build.returncode == 0, build.output
    handler = functools.partial(_SubPathHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        port = server.server_address[1]
        response = page.goto(f"http://127.0.0.1:{port}/loften/finns/inte/alls/")
        assert response is not None and response.status == 404
        # The page's own stylesheets and scripts load from the sub-path: nothing else fails.
        assert failed == [f"http://127.0.0.1:{port}/loften/finns/inte/alls/"]
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
        assert any(href.endswith("/loften/assets/extra.css") for href in sheets)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
