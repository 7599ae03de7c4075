"""What docs/ may publish (attack findings 2 and 4): pages, pictures and documents only; no
links to elsewhere on the disk; no scripts, frames, forms or redirects written into a page."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.site import security
from tests.conftest import FIXTURES, ROOT, build_site, copy_docs

_TYPES = ".png, .jpg, .jpeg, .gif, .webp, .avif, .pdf"


def _refused_type(path: str, suffix: str) -> str:
    return (
        f"  {path}:1: filtypen {suffix} publiceras inte från docs/: bara sidor (.md), bilder "
        f"och dokument ({_TYPES}). Ta bort filen; skript, HTML, SVG och stilmallar hör till "
        "temat i overrides/, som teknikansvarig granskar."
    )


def _link(path: str, folder: str) -> str:
    return (
        f"{path}:1: är en länk (symbolisk länk). Länkar används inte i {folder}/ och följs "
        "aldrig: lägg filen eller mappen här i stället."
    )


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    copy_docs(docs, example_pages=False)
    return docs


def _build(tmp_path: Path, docs: Path) -> str:
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    return build.output


def test_docs_publishes_only_pages_pictures_and_documents(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    (docs / "evil.js").write_text("parent.document.body.innerHTML = 'x'\n", encoding="utf-8")
    (docs / "evil.html").write_text("<script>top.location = 'https://e.org'</script>\n")
    (docs / "evil.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>\n")
    (docs / "sidor").mkdir()
    (docs / "sidor" / "stil.CSS").write_text("body { display: none }\n", encoding="utf-8")
    (docs / "flode.xml").write_text("<rss/>\n", encoding="utf-8")
    (docs / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    output = _build(tmp_path, docs)
    assert "Sidorna i docs/ har 5 problem som måste rättas" in output
    for path, suffix in (
        ("docs/evil.js", ".js"),
        ("docs/evil.html", ".html"),
        ("docs/evil.svg", ".svg"),
        ("docs/sidor/stil.CSS", ".css"),
        ("docs/flode.xml", ".xml"),
    ):
        assert _refused_type(path, suffix) in output


def test_links_in_docs_are_refused_and_never_followed(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    (docs / "env.pdf").symlink_to("/proc/self/environ")
    (docs / "host.md").symlink_to("/etc/hostname")
    (docs / "etc").symlink_to("/etc", target_is_directory=True)
    output = _build(tmp_path, docs)
    assert "Sidorna i docs/ har 3 problem som måste rättas" in output
    for path in ("docs/env.pdf", "docs/host.md", "docs/etc"):
        assert "  " + _link(path, "docs") in output
    assert not (tmp_path / "work" / "site" / "env.pdf").exists()


def test_links_in_overrides_are_refused(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "assets" / "secret.css").symlink_to("/etc/hostname")
    (overrides / "partials").mkdir()
    (overrides / "partials" / "etc").symlink_to("/etc", target_is_directory=True)
    found = [str(p) for p in security.folder_problems(overrides, docs=False)]
    assert found == [
        _link("overrides/assets/secret.css", "overrides"),
        _link("overrides/partials/etc", "overrides"),
    ]


def _tag(line: int, tag: str) -> str:
    return (
        f"  docs/om.md:{line}: sidan har HTML-taggen <{tag}>, som sidor i docs/ inte får ha: den "
        "kan köra kod, visa innehåll från andra filer, skicka besökaren vidare eller ändra vart "
        "sidans länkar går. Ta bort taggen och skriv text, länkar och bilder i Markdown."
    )


def test_pages_cannot_carry_scripts_frames_forms_or_redirects(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    (docs / "om.md").write_text(
        "# Om\n\n"
        '<script src="../bild.png"></script>\n\n'
        '<IFRAME src="../index.html"></IFRAME>\n\n'
        '<meta http-equiv="refresh" content="0;url=https://example.org">\n\n'
        '<base href="https://example.org/">\n\n'
        '<form action="https://example.org"><input name="pnr"></form>\n\n'
        '<object data="x.pdf"></object>\n',
        encoding="utf-8",
    )
    output = _build(tmp_path, docs)
    assert "Sidorna i docs/ har 6 problem som måste rättas" in output
    for line, tag in ((3, "script"), (5, "iframe"), (7, "meta"), (9, "base"), (11, "form")):
        assert _tag(line, tag) in output
    assert _tag(13, "object") in output


def test_tags_shown_as_code_are_text() -> None:
    assert security.refused_tags("<pre><code>&lt;script&gt;x&lt;/script&gt;</code></pre>") == []
    assert security.refused_tags("<p>a<svg><script>x</script></svg></p>") == ["script"]


def test_the_policy_allows_no_frames() -> None:
    assert "frame-src 'none'" in security.policy([]).split("; ")
