"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): validate the data before anything is built,
add the pages the data calls for, and put them in the navigation."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros import pages
from macros.build import site_dataset
from macros.problems import DataError


@event_priority(100)  # before the macros plugin, so bad data stops the build first
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        dataset = site_dataset(config.config_file_path)
    except DataError as error:
        raise PluginError(str(error)) from None
    nav: list[Any] = list(config.nav or [])
    config.nav = nav[:1] + pages.navigation(dataset) + nav[1:]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    dataset = site_dataset(config.config_file_path)
    for page in pages.plan(dataset):
        files.append(File.generated(config, page.src, content=page.markdown))
    return files
