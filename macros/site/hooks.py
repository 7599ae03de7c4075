"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): validate the data before anything is built,
add the pages the data calls for, and put them in the navigation."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

from macros.data.problems import DataError
from macros.site import author, budget, pages, partition, render, search, security
from macros.site.cache import SitePart, data_dir, site_part
from macros.site.front_matter import check_docs
from macros.site.history import History, read_history
from macros.site.partition import PartError, PartKind
from macros.site.static import published_files, theme_extra
from macros.site.template_cache import with_cache


def _skip_git_info() -> None:
    """mkdocs-macros runs a dozen `git` commands at the start of every build, to offer page
    authors the repository's history as variables. Our pages get plain data and the registered
    macros only (site/sandbox.py), never those variables: it is start-up time spent for
    nothing (found with cProfile; issue 14's fixed start-up cost). The hooks are loaded with
    the configuration, before the plugin's on_config asks for the history."""
    try:
        from mkdocs_macros import context
    except ImportError:  # pragma: no cover - the plugin is a dependency
        return
    context.get_git_info = lambda: {"status": False, "date": None}


_skip_git_info()


# The part this build makes, read in on_config: every later event of the same build uses it
# (asking the cache again would walk the data folder for its fingerprint on every page).
_current: list[SitePart] = []


def _site(config: MkDocsConfig) -> SitePart:
    if _current:
        return _current[0]
    try:
        return site_part(config.config_file_path)
    except (DataError, PartError) as error:
        raise PluginError(str(error)) from None


def _county_page(site: SitePart) -> pages.CountyPage | None:
    found = site.county_page
    if found is None:
        return None
    county, src = found
    return pages.CountyPage(src, county.name, county.name)


@event_priority(100)  # before the macros plugin, so bad data stops the build first
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _current.clear()  # a new build (mkdocs serve runs on_config again after every change)
    site = _site(config)
    _current.append(site)
    _budget[0] = budget.budget_bytes()
    over = budget.over_budget(budget.estimate(site.dataset), _budget[0])
    if over is not None:
        raise PluginError(str(DataError([over])))
    _written[0] = 0
    _HISTORIES.pop(config.config_file_path, None)  # a new build (mkdocs serve): read again
    # Pages left out with exclude_docs are not built, so their macro calls are not tried.
    excluded = config.exclude_docs
    docs = Path(config.docs_dir)
    page_problems = security.folder_problems(docs, docs=True)
    if config.theme.custom_dir:
        page_problems += security.folder_problems(Path(config.theme.custom_dir), docs=False)
    page_problems += check_docs(docs) + author.check_pages(
        docs,
        site.dataset,
        lambda src: excluded is not None and bool(excluded.match_file(src)),
    )
    if page_problems:
        raise PluginError(str(DataError(page_problems, "Sidorna i docs/")))
    part = site.part
    config.extra.update(theme_extra(part, site.dataset, config.site_name))
    generated = (
        [] if part.kind is PartKind.START else pages.navigation(site.dataset, _county_page(site))
    )
    config.nav = partition.navigation(part, list(config.nav or []), generated, site.counties)
    if part.kind in (PartKind.START, PartKind.COUNTY):
        # The navigation links the other parts of the site, which this build cannot see.
        config.validation.nav.not_found = logging.DEBUG
    if part.kind is PartKind.COUNTY and config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{part.key}/"
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates, compiled once and kept between builds (`template_cache`)."""
    return with_cache(env)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site(config)
    for file in list(files):
        if file.is_documentation_page() and not partition.keeps_doc(site.part, file.src_uri):
            files.remove(file)
    if site.part.kind is PartKind.START:
        return files  # the hand-written pages only: the counties have the rest
    dataset = site.dataset
    for page in pages.plan(dataset, _county_page(site)):
        file = File.generated(config, page.src, content=page.markdown)
        # Read in on_page_markdown: the page and the data set it was planned from.
        file.generated_page = (page, dataset)  # type: ignore[attr-defined]
        files.append(file)
    for path, content in published_files(dataset, config.site_name, config.site_url).items():
        files.append(File.generated(config, path, content=content))
    return files


# Bytes of HTML written in this build, counted against the budget as pages are written.
_written = [0]  # bytes of the pages this build has written so far
_budget = [budget.DEFAULT_BUDGET_MB * 1_000_000]  # this build's budget (read in on_config)


def _split_search(config: MkDocsConfig) -> frozenset[str]:
    """The municipalities whose pages search their own index (a county part's), else none."""
    return _site(config).own_search


def on_post_build(config: MkDocsConfig) -> None:
    """Without a site address MkDocs writes a sitemap with no addresses in it: publish none.
    A county part: one search index per municipality (see `macros.site.search`)."""
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config.site_dir) / name).unlink(missing_ok=True)
    municipalities = _split_search(config)
    index = Path(config.site_dir) / search.INDEX_PATH
    if not municipalities or not index.is_file():
        return
    found = json.loads(index.read_text(encoding="utf-8"))
    for path, content in search.split_index(found, municipalities).items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _written[0] += len(output.encode())
    over = budget.over_budget(budget.Estimate(_written[0], None, 0), _budget[0], True)
    if over is not None:
        raise PluginError(str(DataError([over])))
    municipality = search.municipality_of(page.url, _split_search(config))
    if municipality is not None:
        # Only the JSON configuration changes (never run as a script): the hashes hold.
        output = search.with_search_base(output, municipality)
    base_url = get_relative_url(".", page.url)
    return security.with_policy(output, security.hashes_for(config, base_url))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages such as 404.html get the same policy; sitemap.xml and others are not HTML.
    if not template_name.endswith(".html"):
        return output_content
    # As MkDocs renders them: an error page with the site's path, others relative.
    base_url = (
        urlsplit(config.site_url or "/").path
        if is_error_template(template_name)
        else get_relative_url(".", template_name)
    )
    return security.with_policy(output_content, security.hashes_for(config, base_url))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page written in docs/ may not bring scripts, frames, forms or redirects (pages made
    from data are cleaned when they are rendered)."""
    if getattr(page.file, "generated_page", None) is None and page.file.abs_src_path:
        display = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        problems = security.page_html_problems(html, page.file.content_string, display)
        if problems:
            raise PluginError(str(DataError(problems, "Sidorna i docs/")))
    return html


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the body of a generated page from the model. Runs after the macros plugin,
    and generated pages opt out of it, so their data never passes through Jinja. Every page
    ends with its freshness line."""
    history = _history(config)
    generated = getattr(page.file, "generated_page", None)
    if generated is None:
        dataset = _site(config).dataset
        whole_site = bool(page.meta.get("render_macros"))
        return markdown + render.docs_page_freshness(
            dataset, page.file.src_uri, history, whole_site
        )
    planned, dataset = generated
    return markdown + render.generated_page(dataset, planned, config.site_url, history)


_HISTORIES: dict[str, History] = {}


def _history(config: MkDocsConfig) -> History:
    """Git history of data/ and docs/, read once per build (on_config clears it)."""
    key = config.config_file_path
    if key not in _HISTORIES:
        _HISTORIES[key] = read_history({"data": data_dir(key), "docs": Path(config.docs_dir)})
    return _HISTORIES[key]
