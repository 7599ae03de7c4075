"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): validate the data before anything is built,
add the pages the data calls for, and put them in the navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

from macros.data.problems import DataError
from macros.site import author, budget, pages, render, security
from macros.site.cache import data_dir, site_dataset
from macros.site.front_matter import check_docs
from macros.site.history import History, read_history
from macros.site.static import published_files


@event_priority(100)  # before the macros plugin, so bad data stops the build first
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        dataset = site_dataset(config.config_file_path)
    except DataError as error:
        raise PluginError(str(error)) from None
    over = budget.over_budget(budget.estimate(dataset), budget.budget_bytes())
    if over is not None:
        raise PluginError(str(DataError([over])))
    _written.clear()
    _HISTORIES.pop(config.config_file_path, None)  # a new build (mkdocs serve): read again
    # Pages left out with exclude_docs are not built, so their macro calls are not tried.
    excluded = config.exclude_docs
    page_problems = check_docs(Path(config.docs_dir)) + author.check_pages(
        Path(config.docs_dir),
        dataset,
        lambda src: excluded is not None and bool(excluded.match_file(src)),
    )
    if page_problems:
        raise PluginError(str(DataError(page_problems, "Sidorna i docs/")))
    nav: list[Any] = list(config.nav or [])
    config.nav = nav[:1] + pages.navigation(dataset) + nav[1:]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    dataset = site_dataset(config.config_file_path)
    for page in pages.plan(dataset):
        file = File.generated(config, page.src, content=page.markdown)
        # Read in on_page_markdown: the page and the data set it was planned from.
        file.generated_page = (page, dataset)  # type: ignore[attr-defined]
        files.append(file)
    for path, content in published_files(dataset, config.site_name, config.site_url).items():
        files.append(File.generated(config, path, content=content))
    return files


# Bytes of HTML written in this build, counted against the budget as pages are written.
_written: list[int] = []


def on_post_build(config: MkDocsConfig) -> None:
    """Without a site address MkDocs writes a sitemap with no addresses in it: publish none."""
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config.site_dir) / name).unlink(missing_ok=True)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _written.append(len(output.encode()))
    over = budget.over_budget(budget.Estimate(sum(_written), None, 0), budget.budget_bytes(), True)
    if over is not None:
        raise PluginError(str(DataError([over])))
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the body of a generated page from the model. Runs after the macros plugin,
    and generated pages opt out of it, so their data never passes through Jinja. Every page
    ends with its freshness line."""
    history = _history(config)
    generated = getattr(page.file, "generated_page", None)
    if generated is None:
        dataset = site_dataset(config.config_file_path)
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
