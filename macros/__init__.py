"""The adapter for mkdocs-macros: registers the macros that hand-written pages in docs/ call,
and renders those pages in the sandbox of `macros.site.sandbox`. Nothing else.

Each macro asks the model (loaded and validated once per build in `macros.site.cache`) and renders
a template from `macros/site/templates/`. Pages generated from data don't use macros at all (the
page hook renders them), so data texts never pass through Jinja as templates.
"""

from __future__ import annotations

from typing import Any

# The site's modules are imported inside the functions below, not here: every
# `import macros.<anything>` runs this file first, and `lofte status` must start without
# Jinja, Markdown and nh3 (tests/test_architecture.py).


def define_env(env: Any) -> None:
    from macros.site.author import AUTHOR_MACROS, bound
    from macros.site.cache import site_dataset
    from macros.site.sandbox import seal

    seal(env)  # the plugin's own, unsandboxed environment never renders anything
    dataset = site_dataset(env.conf.config_file_path)

    def page_url() -> str:
        return str(env.page.url)

    for name in AUTHOR_MACROS:
        env.macro(bound(name, dataset, page_url), name)


def on_pre_page_macros(env: Any) -> None:
    """Pages in docs/ that opt in (render_macros: true) are rendered in our own sandbox, with
    plain values and the registered macros only (see `macros.site.sandbox`)."""
    from macros.site.author import AUTHOR_MACROS
    from macros.site.sandbox import render_docs_page

    render_docs_page(env, tuple(AUTHOR_MACROS))
