"""Template injection: pages in docs/ run in Jinja's sandbox; classic escapes fail the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.site import sandbox
from tests.conftest import FIXTURES, build_site, copy_docs

MARKER_CMD = "touch MARKER_PATH"
ALLOWED = (
    "Sidor i docs/ får bara anropa makrona lagesbild(), andel_genomforda(), aktiviteter(), "
    "indikator(), senaste(), startsida() och oppna_data() och läsa "
    "config.site_name, config.site_description, config.site_url, config.copyright, "
    "page.title och page.url."
)
# Each walks from something a page could see before: Python internals, the MkDocs config, its
# plugins and their hook modules, the macros' globals, Jinja's globals and the filters.
PAYLOADS = {
    "cycler": "{{ cycler.__init__.__globals__.os.popen('MARKER_CMD').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os.popen('MARKER_CMD').read() }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }} MARKER_PATH",
    "config-class": "{{ config.__class__.__init__.__globals__['os'].popen('MARKER_CMD') }}",
    "subclasses": "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "hook-module": "{{ config.plugins['macros/hooks.py'].render.jinja2.Environment()"
    ".from_string(\"{{ cycler.__init__.__globals__.os.popen('MARKER_CMD').read() }}\")"
    ".render() }}",
    "plugins-item": "{{ config['plugins']['macros'].env.globals }}",
    "config-attr-filter": "{{ (config|attr('plugins')) }}",
    "macro-globals": "{{ startsida.__globals__['render'] }}",
    "macro-globals-filter": "{{ (startsida|attr('__globals__')) }}",
    "macro-attribute": "{{ startsida.render }}",
    "page-file": "{{ page.file.abs_src_path }}",
    "plugin-variables": "{{ plugin }}{{ environment }}{{ macros }}",
    "plugin-macros": "{{ context() }}",
    "jinja-globals": "{{ lipsum.__globals__ }}{{ range(3) }}",
    "plugin-filter": "{{ config|pretty }}",
    "str-method": "{{ 'x'.upper() }}",
    "map-attribute": "{{ [startsida]|map(attribute='__globals__')|list }}",
    "include": "{% include 'mkdocs.yml' %}",
}


def _page_with(tmp_path: Path, body: str) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    copy_docs(docs, example_pages=False)
    marker = tmp_path / "MARKER"
    text = body.replace("MARKER_CMD", f"touch {marker}").replace("MARKER_PATH", str(marker))
    (docs / "om.md").write_text(
        f"---\nrender_macros: true\n---\n\n# Om\n\n{text}\n", encoding="utf-8"
    )
    return docs, marker


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_docs_page_cannot_escape_the_sandbox(tmp_path: Path, payload: str) -> None:
    docs, marker = _page_with(tmp_path, payload)
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 1, build.output
    assert not marker.exists()
    assert "ERROR   -  docs/om.md:7: " in build.output
    assert ALLOWED in build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        (PAYLOADS["hook-module"], '"plugins" finns inte i det som sidor får läsa.'),
        (PAYLOADS["macro-globals"], '"__globals__" får inte läsas från sidor.'),
        (PAYLOADS["config-attr-filter"], "sidan använder ett filter som inte finns för sidor."),
        (PAYLOADS["plugin-macros"], '"context" finns inte för sidor.'),
        (PAYLOADS["str-method"], '"upper" får inte läsas från sidor.'),
        (PAYLOADS["plugin-filter"], "sidan använder ett filter som inte finns för sidor."),
    ],
)
def test_a_refused_page_names_file_line_and_what_is_allowed(
    tmp_path: Path, payload: str, said: str
) -> None:
    docs, _ = _page_with(tmp_path, payload)
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert f"docs/om.md:7: {said} {ALLOWED}" in build.output


def test_pages_see_plain_site_values(tmp_path: Path) -> None:
    docs, _ = _page_with(tmp_path, "Webbplatsen {{ config.site_name }}, sidan på {{ page.url }}.")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 0, build.output
    html = (build.site / "om" / "index.html").read_text(encoding="utf-8")
    assert "Webbplatsen Medborgarlöften, sidan på om/." in html


def test_ordinary_macros_still_work_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work")
    assert build.returncode == 0, build.output
    assert "Testby kommun: Medborgarlöfte 2024–2025" in (build.site / "index.html").read_text(
        encoding="utf-8"
    )


def test_pages_that_do_not_ask_for_macros_show_braces_as_text(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    copy_docs(docs, example_pages=False)
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
    copy_docs(docs, example_pages=False)
    (docs / "om.md").write_text(f"---\n{front_matter}---\n\n# Om\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert expected in build.output
    assert "Traceback" not in build.output


# Attack 1: pages that try to reach the plugin's own (unsandboxed) Jinja environment. Each must
# stop the build in Swedish, naming the file and line, before anything runs.
_RCE = "{{ cycler.__init__.__globals__.os.popen('MARKER_CMD').read() }}"
OPT_IN_SPELLINGS = {
    "number": ("om.md", "---\nrender_macros: 1\n---\n", "docs/om.md:2", "1"),
    "dots-closer": ("om.md", "---\ntitle: Om\nrender_macros: 1\n...\n", "docs/om.md:3", "1"),
    "byte-order-mark": ("om.md", "\ufeff---\nrender_macros: 1\n---\n", "docs/om.md:2", "1"),
    "other-extension": ("x.markdown", "---\nrender_macros: 1\n---\n", "docs/x.markdown:2", "1"),
    "yes": ("om.md", "---\nrender_macros: yes\n---\n", "docs/om.md:2", "yes"),
    "title": ("om.md", f'---\ntitle: "{_RCE}"\nrender_macros: 1\n---\n', "docs/om.md:3", "1"),
}


@pytest.mark.parametrize("spelling", list(OPT_IN_SPELLINGS.values()), ids=list(OPT_IN_SPELLINGS))
def test_no_spelling_of_the_opt_in_reaches_the_plugins_environment(
    tmp_path: Path, spelling: tuple[str, str, str, str]
) -> None:
    name, front_matter, where, found = spelling
    docs = tmp_path / "docs"
    copy_docs(docs, example_pages=False)
    marker = tmp_path / "MARKER"
    body = _RCE.replace("MARKER_CMD", f"touch {marker}")
    (docs / name).write_text(f"{front_matter}\n# Om\n\nPWN: {body}\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert not marker.exists(), build.output
    assert build.returncode == 1, build.output
    assert (
        f'  {where}: "render_macros" är "{found}", men ska vara true (ja) eller false (nej).'
        in build.output
    )
    assert "Traceback" not in build.output


def test_multimarkdown_meta_cannot_opt_in(tmp_path: Path) -> None:
    """MkDocs also reads `key: value` lines without --- (MultiMarkdown); their values are text,
    and only a real true opts a page in."""
    docs, marker = _page_with(tmp_path, "")
    (docs / "om.md").write_text(
        f"render_macros: true\n\n# Om\n\n{_RCE.replace('MARKER_CMD', f'touch {marker}')}\n",
        encoding="utf-8",
    )
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert not marker.exists()
    assert build.returncode == 1, build.output
    assert (
        'ERROR   -  docs/om.md:1: render_macros är "true" (text), men ska vara true eller false '
        "i en inledning mellan två rader med ---. Skriv sidans inledning så:"
    ) in build.output


def test_the_plugins_own_environment_renders_nothing() -> None:
    """Whatever a page's meta says (and even when forced), the plugin returns the text as is:
    pages that opt in are rendered by our sandbox only."""
    from mkdocs_macros.plugin import MacrosPlugin

    from macros.site.sandbox import seal

    plugin = MacrosPlugin()
    seal(plugin)
    text = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"
    assert plugin.render(markdown=text, force_rendering=True) == text


# Attack 9: pages that would hang the build, exhaust its memory or end it with a traceback.
def _refused_at(line: int, said: str) -> str:
    return f"docs/om.md:{line}: {said} Sidor i docs/ får bara anropa makrona startsida() och "


LOOPS = "sidan har {% for %}: sidor får inte ha loopar. Låt ett makro skriva listan."
FILTERS = "sidan använder ett filter som inte finns för sidor."
ARITHMETIC = "sidan räknar (+, -, *, /, //, %, **): det får sidor inte. Skriv talet som text."


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("{% for a in 'x' %}\n{% for b in 'y' %}{% endfor %}{% endfor %}", LOOPS),
        ("x\n{{ ''|center(3*10**9) }}", FILTERS),
        ("{{ 'a' * 10**10 }}", ARITHMETIC),
        ("{{ [0] * 10 }}", ARITHMETIC),
        ("{{ config|tojson }}", FILTERS),
        ("{{ '{0}'|format(1) }}", FILTERS),
        ("{{ -1 }}", ARITHMETIC),
        (
            "{% set x = 1 %}",
            "sidan har {% set %}: sidor får inte sätta variabler eller skriva "
            "egna makron. Låt ett makro göra arbetet.",
        ),
        (
            "{% macro m() %}{% endmacro %}",
            "sidan har {% macro %}: sidor får inte sätta "
            "variabler eller skriva egna makron. Låt ett makro göra arbetet.",
        ),
        ("{{ 1 is divisibleby 1 }}", "sidan använder ett test som inte finns för sidor."),
    ],
)
def test_pages_cannot_loop_compute_or_filter(body: str, said: str) -> None:
    macros = {"startsida": lambda: "s", "oppna_data": lambda: "o"}
    values = sandbox.page_values({"site_name": "Medborgarlöften"}, "Om", "om/")
    with pytest.raises(sandbox.PageRefused) as refused:
        sandbox.render_page(body, macros, values, "docs/om.md", 5)
    line = 6 if body.startswith("x\n") else 5  # the line of the first refused part
    assert str(refused.value).startswith(_refused_at(line, said))


def test_any_other_failure_is_a_swedish_message_not_a_traceback() -> None:
    def broken() -> str:
        raise MemoryError

    values = sandbox.page_values({}, "Om", "om/")
    with pytest.raises(sandbox.PageRefused) as refused:
        sandbox.render_page("a\n\n{{ startsida() }}", {"startsida": broken}, values, "docs/om.md")
    assert str(refused.value).startswith(
        "docs/om.md:3: sidan kunde inte fyllas i (MemoryError). Sidor i docs/"
    )
