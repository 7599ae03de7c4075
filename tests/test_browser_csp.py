"""In a real headless Chromium: a <script> that gets into a page does not run, while the
theme's own inline scripts and the search still do."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import FIXTURES, build_site
from tests.test_browser import _QuietHandler, browser  # noqa: F401  (the shared fixture)
from tests.test_csp import hostile_hook

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("hostile")
    (work / "bygg").mkdir()
    build = build_site(FIXTURES / "valid" / "data", work / "bygg", hooks=(hostile_hook(work),))
    assert build.returncode == 0, build.output
    handler = functools.partial(_QuietHandler, directory=str(Path(build.site)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "om/"])
def test_a_script_in_a_docs_page_does_not_run(
    browser: Browser,  # noqa: F811
    hostile_url: str,
    path: str,
) -> None:
    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(hostile_url + path, wait_until="networkidle")
    assert page.evaluate("typeof window.__injected") == "undefined"
    # The theme's inline scripts ran: the first defines __md_get, which the bundle needs.
    assert page.evaluate("typeof window.__md_get") == "function"
    assert page.evaluate("typeof window.target") != "undefined"  # the tab-anchor script
    assert [m for m in console if "Content Security Policy" in m]
    context.close()


def test_search_runs_beside_a_refused_script(
    browser: Browser,  # noqa: F811
    hostile_url: str,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(hostile_url, wait_until="networkidle")
    results = page.locator(".md-search-result__item")
    query = page.locator("input[data-md-component=search-query]")
    for _ in range(10):
        query.fill("")
        query.click()
        query.press_sequentially("hastighetskontroller")
        page.wait_for_timeout(2_000)
        if results.count():
            break
    assert results.count() >= 1
    context.close()
