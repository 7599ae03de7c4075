"""The adapter for mkdocs-macros: registers the macros that hand-written pages in docs/ call,
and puts the page renderer in a sandbox. Nothing else.

Each macro asks the model (loaded and validated once per build in `macros.site.cache`) and renders
a template from `macros/site/templates/`. Pages generated from data don't use macros at all (the
page hook renders them), so data texts never pass through Jinja as templates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from macros.model import Dataset

# The site's modules are imported inside the two functions below, not here: every
# `import macros.<anything>` runs this file first, and `lofte status` must start without
# Jinja, Markdown and nh3 (tests/test_architecture.py).


def define_env(env: Any) -> None:
    from macros.site.cache import site_dataset
    from macros.site.render import AUTHOR_MACROS

    dataset = site_dataset(env.conf.config_file_path)

    def bind(macro: Callable[[Dataset, str], str]) -> Callable[[], str]:
        return lambda: macro(dataset, str(env.page.url))

    for name, macro in AUTHOR_MACROS.items():
        env.macro(bind(macro), name)


def on_pre_page_macros(env: Any) -> None:
    """Render every page in Jinja's immutable sandbox, so a page in docs/ cannot reach Python
    internals (the classic `cycler.__init__.__globals__` escape). mkdocs-macros builds its
    environment after `define_env`, so the sandbox is put in place here, before each page."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    current = env.env
    if isinstance(current, ImmutableSandboxedEnvironment):
        return
    sandbox = ImmutableSandboxedEnvironment(
        loader=current.loader,
        undefined=current.undefined,
        autoescape=current.autoescape,
        block_start_string=current.block_start_string,
        block_end_string=current.block_end_string,
        variable_start_string=current.variable_start_string,
        variable_end_string=current.variable_end_string,
        comment_start_string=current.comment_start_string,
        comment_end_string=current.comment_end_string,
        trim_blocks=current.trim_blocks,
        lstrip_blocks=current.lstrip_blocks,
        keep_trailing_newline=current.keep_trailing_newline,
        extensions=[type(extension) for extension in current.extensions.values()],
    )
    sandbox.globals.update(current.globals)
    sandbox.filters.update(current.filters)
    sandbox.tests.update(current.tests)
    env._env = sandbox  # the plugin keeps its environment here and has no setter
