"""The sandbox hand-written pages in docs/ are rendered in: plain data and the registered macros,
nothing else.

A page that opts in (`render_macros: true`) sees a read-only mapping of a few site values as
`config`, its own title and address as `page`, and the macros the adapter registers. It cannot
reach a module, a plugin object or any function that is not a registered macro: attribute access
is limited to plain data, and only registered macros may be called. Anything else stops the build
with a Swedish message, before anything runs.
"""

from __future__ import annotations

import copy
import datetime as dt
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, NoReturn

import jinja2
from jinja2 import nodes
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.exceptions import PluginError

# The values of mkdocs.yml a page may show, and the page's own values.
CONFIG_KEYS = ("site_name", "site_description", "site_url", "copyright")
PAGE_KEYS = ("title", "url")
# What a page may read attributes of: plain data, never objects with behaviour.
_PLAIN = (str, int, float, bool, tuple, list, dict, MappingProxyType, dt.date, type(None))


class PageRefused(jinja2.TemplateRuntimeError):
    """A page asked for something pages may not use; the message is Swedish."""


def _refuse(message: str) -> NoReturn:
    raise PageRefused(message)


class PageUndefined(jinja2.StrictUndefined):
    """A name or field that does not exist for pages stops the build, in Swedish."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = PageRefused,
    ) -> None:
        super().__init__(None, obj, name, PageRefused)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_obj is jinja2.utils.missing:
            return f'"{self._undefined_name}" finns inte för sidor.'
        return f'"{self._undefined_name}" finns inte i det som sidor får läsa.'


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to plain data and an allow-list of callables."""

    def __init__(self, macros: Mapping[str, Callable[..., Any]], **options: Any) -> None:
        # An empty loader: {% include %}, {% import %} and {% extends %} find nothing.
        super().__init__(undefined=PageUndefined, loader=jinja2.DictLoader({}), **options)
        self.globals.clear()  # no range, cycler, joiner, lipsum, namespace, dict
        self.globals.update(macros)
        self._callables = {id(f) for f in macros.values()}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return (
            not attr.startswith("_")
            and isinstance(obj, _PLAIN)
            and not isinstance(value, ModuleType)
            and not callable(value)
        )

    def is_safe_callable(self, obj: Any) -> bool:
        return id(obj) in self._callables

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        _refuse(f'"{attribute}" får inte läsas från sidor.')

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(__obj, jinja2.Undefined):
            __obj._fail_with_undefined_error()
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            _refuse(f'"{name}" är inte ett makro som sidor får anropa.')
        return __context.call(__obj, *args, **kwargs)


def page_values(config: Mapping[str, Any], title: str | None, url: str) -> dict[str, Any]:
    """What a page sees besides the macros: read-only mappings of plain values."""
    return {
        "config": MappingProxyType({k: _plain(config.get(k)) for k in CONFIG_KEYS}),
        "page": MappingProxyType(dict(zip(PAGE_KEYS, (title, url), strict=True))),
    }


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)


# What a page's template may consist of: text, values read from `config` and `page`, calls of
# the registered macros, and if/else. No loops, filters, tests, arithmetic, variables or macros of
# its own: the work a page causes is then bounded by its own length and the macros' output.
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
    nodes.Call,
    nodes.Keyword,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Concat,
    nodes.Tuple,
    nodes.List,
)
_ARITHMETIC = (nodes.BinExpr, nodes.UnaryExpr)
_OWN_NAMES = {
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
}
_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Block)


def _node_refusal(node: nodes.Node) -> str:
    if isinstance(node, nodes.For):
        return "sidan har {% for %}: sidor får inte ha loopar. Låt ett makro skriva listan."
    if isinstance(node, nodes.Filter):
        return "sidan använder ett filter som inte finns för sidor."
    if isinstance(node, nodes.Test):
        return "sidan använder ett test som inte finns för sidor."
    if isinstance(node, _ARITHMETIC):
        return "sidan räknar (+, -, *, /, //, %, **): det får sidor inte. Skriv talet som text."
    if isinstance(node, _FILES):
        return "sidor får inte hämta in andra filer ({% include %}, {% import %}, {% extends %})."
    tag = next((t for kind, t in _OWN_NAMES.items() if isinstance(node, kind)), None)
    if tag is not None:
        return (
            f"sidan har {{% {tag} %}}: sidor får inte sätta variabler eller skriva egna makron. "
            "Låt ett makro göra arbetet."
        )
    return f"sidan använder mallkod som sidor inte får använda ({type(node).__name__})."


def check_nodes(template: nodes.Template) -> None:
    """Raise PageRefused, with the line, at the first part of the template pages may not use."""
    for node in (template, *template.find_all(nodes.Node)):
        if not isinstance(node, _ALLOWED_NODES):
            refused = PageRefused(_node_refusal(node))
            refused.lineno = node.lineno  # type: ignore[attr-defined]
            raise refused


def _template_line(error: BaseException) -> int | None:
    line = getattr(error, "lineno", None)
    if isinstance(line, int):
        return line
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _say(error: Exception) -> str:
    if not isinstance(error, jinja2.TemplateError):
        return f"sidan kunde inte fyllas i ({type(error).__name__})."
    if isinstance(error, PageRefused):
        return str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        return "sidor får inte hämta in andra filer ({% include %}, {% import %}, {% extends %})."
    text = str(error.message or error)
    if text.startswith("No filter named"):
        return "sidan använder ett filter som inte finns för sidor."
    if text.startswith("No test named"):
        return "sidan använder ett test som inte finns för sidor."
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"sidans mallkod går inte att läsa ({text})."
    return f"sidan kunde inte fyllas i ({text})."


def render_page(
    markdown: str,
    macros: Mapping[str, Callable[..., Any]],
    values: Mapping[str, Any],
    display_path: str,
    first_line: int = 1,
) -> str:
    """The page's Markdown with its macros filled in. Raises PageRefused with a Swedish message
    naming the file and line when the page asks for anything else."""
    sandbox = PageSandbox(macros, autoescape=False, keep_trailing_newline=True)
    try:
        template = sandbox.parse(markdown)
        check_nodes(template)
        return sandbox.from_string(template).render(**values)
    except Exception as error:  # every failure is a Swedish message, never a traceback
        line = _template_line(error)
        where = f"{display_path}:{first_line + line - 1}" if line else display_path
        names = [f"{name}()" for name in macros]
        allowed = " och ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        raise PageRefused(
            f"{where}: {_say(error)} Sidor i docs/ får bara anropa makrona {allowed} och "
            f"läsa config.{', config.'.join(CONFIG_KEYS)}, page.title och page.url."
        ) from None


def _first_body_line(text: str, markdown: str) -> int:
    """The line in the file where the Markdown after the front matter starts."""
    return text[: len(text) - len(markdown)].count("\n") + 1 if text.endswith(markdown) else 1


def _line_of(text: str, key: str) -> int:
    """The first line of the file that names `key` (1 if none does)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(key):
            return number
    return 1


def _opt_in_refused(display: str, line: int, value: Any) -> str:
    found = f'"{value}" (text)' if isinstance(value, str) else str(value)
    return (
        f"{display}:{line}: render_macros är {found}, men ska vara true eller false i en "
        "inledning mellan två rader med ---. Skriv sidans inledning så: en rad med ---, "
        "raden render_macros: true och en rad med ---."
    )


def opts_in(meta: Mapping[str, Any], display: str, text: str) -> bool:
    """Whether a page asked for its macros to be filled in: only the boolean true does. Any
    other value (1, "true", "yes", a list...) stops the build with a Swedish message."""
    if "render_macros" not in meta:
        return False
    value = meta["render_macros"]
    if not isinstance(value, bool):
        raise PageRefused(_opt_in_refused(display, _line_of(text, "render_macros"), value))
    return value


def unrendered(markdown: str, force_rendering: bool = False) -> str:
    """Replaces mkdocs-macros' own `render`: the plugin's environment, which reaches the MkDocs
    config, its plugins and Python itself, renders nothing, whatever a page's front matter says.
    Pages that opt in are rendered by `render_docs_page`, in the sandbox, before it is asked."""
    return markdown


def seal(env: Any) -> None:
    """For mkdocs-macros' `define_env`: the plugin never renders a page or a title itself."""
    env.render = unrendered


def render_docs_page(env: Any, macro_names: tuple[str, ...]) -> None:
    """For mkdocs-macros' `on_pre_page_macros`: render a page that opts in here, then tell the
    plugin every page is done (render_macros false). The plugin's own environment never renders
    a page (see `seal`)."""
    page = env.page
    display = f"{Path(env.conf.docs_dir).name}/{page.file.src_uri}"
    try:
        source = page.file.content_string
        if opts_in(page.meta, display, source):
            macros = {name: env.macros[name] for name in macro_names}
            env.markdown = render_page(
                env.markdown,
                macros,
                page_values(env.conf, page.title, page.url),
                display,
                _first_body_line(source, env.markdown),
            )
    except PageRefused as error:
        raise PluginError(str(error)) from None
    done = copy.copy(env.variables["page"])
    done.meta = {**page.meta, "render_macros": False}
    env.variables["page"] = done
