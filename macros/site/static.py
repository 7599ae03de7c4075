"""The site as plain Markdown: every page the hooks and macros would make, written out as files
that plain MkDocs (or another generator that reads mkdocs.yml and runs no hooks) can build.

The Markdown of each generated page is exactly what the page hook hands MkDocs; the two
hand-written pages that call author macros get the macro's output in place of the call; the
open-data files (tables, feed, catalogue) are written beside them. Only the Content-Security-
Policy that `on_post_page` adds has no place in Markdown: a server header has to carry it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from macros.model import Dataset
from macros.publish import export, page_tables
from macros.publish.catalogue import catalogue
from macros.publish.feed import all_feeds, site_feed
from macros.site import author, pages, partition, render
from macros.site.history import NO_HISTORY, History, read_history
from macros.site.partition import Part, PartKind

WHOLE_SITE = Part()
_OWN_PARTS = ("plugins", "hooks", "watch", "nav", "docs_dir")


class StaticError(Exception):
    """A page in docs/ asks for something plain Markdown cannot hold."""


def expand_macros(markdown: str, dataset: Dataset, src: str) -> str:
    """A hand-written page with each macro call replaced by the macro's output."""
    try:
        return author.expand(markdown, dataset, src)
    except author.MacroError as error:
        raise StaticError(str(error)) from None


def county_page(part: Part, counties: tuple[partition.County, ...]) -> pages.CountyPage | None:
    """The county's page of a part, as the hooks plan it."""
    found = partition.county_page(part, counties)
    if found is None:
        return None
    county, src = found
    return pages.CountyPage(src, county.name, county.name)


def generated_files(
    dataset: Dataset,
    site_name: str,
    site_url: str | None,
    history: History = NO_HISTORY,
    county: pages.CountyPage | None = None,
) -> dict[str, str]:
    """Every file the hooks add, by its path below docs/: the pages, then the open data."""
    files = {
        page.src: page.markdown + render.generated_page(dataset, page, site_url, history)
        for page in pages.plan(dataset, county)
    }
    files.update(published_files(dataset, site_name, site_url))
    return files


def published_files(dataset: Dataset, site_name: str, site_url: str | None) -> dict[str, str]:
    """The files beside the pages, by path: open-data tables, the feeds, the catalogue."""
    files = {}
    rows = export.tables(dataset)
    for table in export.TABLES:
        for extension, write in (("csv", export.write_csv), ("json", export.write_json)):
            files[pages.open_data_file(table.name, extension)] = write(table, rows[table.name])
    for table in export.TABLES:
        path = pages.open_data_file(table.name + pages.EXCEL_SUFFIX, "csv")
        files[path] = export.write_table_excel(table, rows[table.name])
    files.update(page_tables.files(dataset))
    files.update(all_feeds(dataset, site_name, site_url))
    files[pages.CATALOGUE_PATH] = catalogue(dataset, site_name, site_url)
    return files


def plain_config(
    config: dict[str, Any],
    dataset: Dataset,
    part: Part = WHOLE_SITE,
    counties: tuple[partition.County, ...] | None = None,
) -> dict[str, Any]:
    """mkdocs.yml without the macros plugin and the hooks, with the generated navigation (and
    what the hooks set for a part of a national site)."""
    plain = {key: value for key, value in config.items() if key not in _OWN_PARTS}
    plain["docs_dir"] = "docs"
    if not plain.get("site_url"):
        plain.pop("site_url", None)
    plain["plugins"] = [
        p for p in config.get("plugins", []) if not (isinstance(p, dict) and "macros" in p)
    ]
    nav: list[Any] = list(config.get("nav") or [])
    counties = partition.counties(dataset.municipalities) if counties is None else counties
    generated = (
        []
        if part.kind is PartKind.START
        else pages.navigation(dataset, county_page(part, counties))
    )
    plain["nav"] = partition.navigation(part, nav, generated, counties)
    if part.kind in (PartKind.START, PartKind.COUNTY):
        validation = dict(plain.get("validation") or {})
        validation["nav"] = {**dict(validation.get("nav") or {}), "not_found": "info"}
        plain["validation"] = validation
    plain["extra"] = {
        **dict(plain.get("extra") or {}),
        **theme_extra(part, dataset, str(config.get("site_name", ""))),
    }
    return plain


def theme_extra(part: Part, dataset: Dataset, site_name: str) -> dict[str, str]:
    """What the theme's templates (overrides/) read from `extra`: the site feed's title, and in
    a part of a national site which part it is and, for a county, the way up to the national
    pages. The hooks set it for a build; a static build has it written in its mkdocs.yml."""
    extra = {"ml_flode": site_feed(dataset, site_name).title}
    if part.kind in (PartKind.START, PartKind.COUNTY):
        extra["ml_del"] = part.kind.value
    if part.kind is PartKind.COUNTY:
        extra["ml_hem"] = "../"
    return extra


def write_static_site(
    config_file: Path,
    dataset: Dataset,
    out: Path,
    data: Path | None = None,
    part: Part = WHOLE_SITE,
    counties: tuple[partition.County, ...] | None = None,
) -> list[Path]:
    """Write `out/mkdocs.yml`, `out/docs/` and the theme overrides for a build without hooks:
    the whole site, or one part of a national site (`counties` are then the country's).
    Returns the Markdown pages written. `out` must be empty or missing."""
    project = config_file.resolve().parent
    with config_file.open(encoding="utf-8") as stream:
        # MkDocs' own loader: it resolves !ENV (site_url comes from SITE_URL).
        config = yaml_load(stream)
    docs = project / config.get("docs_dir", "docs")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(docs, out / "docs")
    theme = config.get("theme", {})
    if isinstance(theme, dict) and "custom_dir" in theme:
        shutil.copytree(project / theme["custom_dir"], out / theme["custom_dir"])
    history = read_history({"data": data or project / "data", "docs": docs})
    written = []
    counties = partition.counties(dataset.municipalities) if counties is None else counties
    own = partition.county_of(part, counties)
    if own is not None:  # as the hooks read it (`macros.site.cache`)
        dataset = replace(dataset, county_part=own.name)
    for path in sorted((out / "docs").rglob("*.md")):
        src = path.relative_to(out / "docs").as_posix()
        if not partition.keeps_doc(part, src):
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        expanded = expand_macros(text, dataset, src)
        # As the page hook does: the freshness line; pages that call macros show all the data.
        whole_site = bool(re.search(r"^render_macros:\s*true\s*$", text, re.M))
        expanded += render.docs_page_freshness(dataset, src, history, whole_site)
        path.write_text(expanded, encoding="utf-8")
        written.append(path)
    site_url = config.get("site_url")
    if part.kind is PartKind.COUNTY and site_url:
        site_url = site_url.rstrip("/") + f"/{part.key}/"
        config = {**config, "site_url": site_url}
    generated = (
        {}
        if part.kind is PartKind.START
        else generated_files(
            dataset, config["site_name"], site_url, history, county_page(part, counties)
        )
    )
    for src, content in generated.items():
        target = out / "docs" / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        if src.endswith(".md"):
            written.append(target)
    (out / "mkdocs.yml").write_text(
        yaml.safe_dump(
            plain_config(config, dataset, part, counties), allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    return written
