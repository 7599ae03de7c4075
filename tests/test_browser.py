"""What a person sees, checked in a real headless Chromium (Debian's /usr/bin/chromium).

The built site is served on 127.0.0.1; axe-core checks WCAG 2.1 A and AA, no request may leave
the local origin, the content must be readable without JavaScript, and nothing may overflow
horizontally on a 360 px wide phone.
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, sync_playwright
from pypdf import PdfReader

from tests.conftest import ROOT, build_site

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
PAGES = {
    "start": "",
    "lofte": "robertsfors/2023-2025/",
    "omrade": "robertsfors/2023-2025/trafik/",
    "aktivitet": "robertsfors/2023-2025/trafik/trafikkontroller/",
    "orter": "platser/",
    "oppna-data": "oppna-data/",
    "ar": "robertsfors/2023-2025/uppfoljning/2024/",
    "arkiv": "robertsfors/2018/",
    "om": "om/",
    "tillganglighet": "tillganglighet/",
}
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = build_site(ROOT / "data", tmp_path_factory.mktemp("browser"))
    assert build.returncode == 0, build.output
    handler = functools.partial(_QuietHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium saknas: kör scripts/install-system-deps.sh"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_wcag_21_aa_and_no_other_origin(browser: Browser, base_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url + PAGES[name], wait_until="networkidle")
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
    outside = [url for url in requests if not url.startswith(base_url)]
    assert outside == []
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


def test_search_works_under_the_content_security_policy(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url, wait_until="networkidle")
    results = page.locator(".md-search-result__item")
    query = page.locator("input[data-md-component=search-query]")
    # Typed as a person types: the search index loads in a worker, so it is typed again until
    # results come (the worker may not be ready for the first keystrokes).
    for _ in range(10):
        query.fill("")
        query.click()
        query.press_sequentially("trafikkontroller")
        page.wait_for_timeout(2_000)
        if results.count():
            break
    assert results.count() >= 1, (console, page.inner_text(".md-search-result__meta"))
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


@pytest.mark.parametrize("name", ["start", "omrade", "ar"])
def test_readable_without_javascript(browser: Browser, base_url: str, name: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES[name])
    text = page.inner_text("main")
    assert "Genomförd" in text
    if name != "start":
        assert "Granskad av Polisen" in text or "Status" in text
    context.close()


@pytest.mark.parametrize("name", ["start", "omrade"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_horizontal_overflow(
    browser: Browser, base_url: str, name: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + PAGES[name], wait_until="networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()


def test_year_page_prints_without_navigation(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + PAGES["ar"], wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "uppfoljning-2024.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Uppföljning 2024" in text and "Trafikkontroller" in text
    for navigation_only in ("Tillgänglighet", "Öppna data", "Sök", "Medborgarlöfte 2018"):
        assert navigation_only not in text
    context.close()
