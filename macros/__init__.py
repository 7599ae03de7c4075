"""The adapter for mkdocs-macros: registers the macros pages call, and nothing else.

Each macro asks the model (loaded and validated once per build in `macros.build`) and renders
a template from `macros/templates/`. Data texts never pass through Jinja as templates.
"""

from __future__ import annotations

from typing import Any

from macros import render
from macros.build import site_dataset


def define_env(env: Any) -> None:
    dataset = site_dataset(env.conf.config_file_path)

    def page_url() -> str:
        return str(env.page.url)

    def startsida() -> str:
        return render.start_page(dataset, page_url())

    def lofte(key: str) -> str:
        return render.promise_page(dataset.promise(key), page_url())

    def omrade(key: str, area_id: str) -> str:
        return render.area_page(dataset.promise(key), area_id, page_url())

    def aktivitet(key: str, activity_id: str) -> str:
        return render.activity_page(dataset.promise(key), activity_id, page_url())

    def uppfoljning(key: str, year: int) -> str:
        return render.year_page(dataset.promise(key), year, page_url(), env.conf.site_url)

    def orter() -> str:
        return render.places_page(dataset, page_url())

    def oppna_data() -> str:
        return render.open_data_page(dataset, page_url())

    for macro in (startsida, lofte, omrade, aktivitet, uppfoljning, orter, oppna_data):
        env.macro(macro)
