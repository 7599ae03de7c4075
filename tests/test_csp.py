"""The Content-Security-Policy allows the theme's own inline scripts and nothing written into a
page: checked on the built HTML here, and in a real browser in test_browser_csp.py."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from macros.site import security
from tests.conftest import FIXTURES, ROOT, build_site

INJECTED = "window.__injected=1"


def hostile_hook(tmp_path: Path) -> Path:
    """An MkDocs hook that writes an inline script into two pages after every check of the
    site has run: the policy must still keep it from running (pages in docs/ cannot carry a
    <script> themselves, see test_docs_files.py)."""
    hook = tmp_path / "hostile_hook.py"
    hook.write_text(
        "from mkdocs.plugins import event_priority\n\n\n"
        "@event_priority(-100)\n"
        "def on_page_content(html, page, config, files):\n"
        f"    scripts = {{'om.md': '{INJECTED}', 'index.md': '{INJECTED};2'}}\n"
        "    script = scripts.get(page.file.src_uri)\n"
        "    return html + f'<script>{script}</script>' if script else html\n",
        encoding="utf-8",
    )
    return hook


def _policy_hashes(html: str) -> set[str]:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert match is not None
    script_src = next(d for d in match[1].split("; ") if d.startswith("script-src"))
    return set(script_src.split()[2:])


def test_scripts_in_pages_get_no_hash_and_theme_scripts_do(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    build = build_site(
        FIXTURES / "valid" / "data", tmp_path / "work", hooks=(hostile_hook(tmp_path),)
    )
    assert build.returncode == 0, build.output
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) > 10
    injected = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        allowed = _policy_hashes(html)
        for body in security.inline_scripts(html):
            if body.startswith(INJECTED):
                injected += 1
                assert security.script_hash(body) not in allowed, path
            else:
                assert security.script_hash(body) in allowed, (path, body[:60])
    assert injected == 2


def test_theme_hashes_come_from_the_theme_for_each_depth() -> None:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    dirs = (str(ROOT / "overrides"), str(Path(spec.origin).parent / "templates"))
    top = security.theme_script_hashes(dirs, ".", None, ())
    deeper = security.theme_script_hashes(dirs, "../..", None, ())
    assert top != deeper  # the scope script names the base URL
    assert security.script_hash(INJECTED) not in top | deeper
