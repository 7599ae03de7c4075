"""The author macros: what a hand-written page in docs/ may ask the data for.

Each macro takes the data set, the page's URL and the arguments the page wrote, and renders one of
the same template parts the generated pages use (`templates/_parts.html`), so a table in a news
page and on the promise page come from one implementation. `macros/__init__.py` registers them
for mkdocs-macros (inside Jinja's sandbox); `lofte sidor` expands them without Jinja.

A page may call a macro only with plain values (text, whole numbers, none), written
`{{ lagesbild("robertsfors", ar=2025) }}`. Before anything is built, `check_pages` tries every
call of every page that has `render_macros: true`, and reports a mistake in Swedish with the page
and the line, as data problems are reported: a build never stops inside Jinja with a traceback.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros import progress
from macros.data.problems import Problem, did_you_mean
from macros.format import format_share
from macros.model import Dataset, Promise, Status
from macros.site import render, texts
from macros.site.sandbox import PageRefused
from macros.site.views import Links, PromiseView, indicator_view

MAX_LATEST = 50


class MacroError(Exception):
    """A macro call that cannot be answered; the message says why in Swedish."""


# --- The macros ------------------------------------------------------------------------------


def _municipality(dataset: Dataset, kommun: Any) -> str:
    ids = [m.id for m in dataset.municipalities]
    if not isinstance(kommun, str) or kommun not in ids:
        raise MacroError(
            f'kommunen "{kommun}" finns inte.{did_you_mean(str(kommun), ids)} '
            f"De som finns: {', '.join(ids) or 'inga'}."
        )
    return kommun


def _promise(dataset: Dataset, kommun: Any, ar: Any = None) -> Promise:
    """The municipality's promise that covers `ar`, or its newest one."""
    promises = dataset.promises_of(_municipality(dataset, kommun))
    if ar is None:
        return promises[0]
    year = _year(ar)
    for promise in promises:
        if year in promise.years:
            return promise
    periods = ", ".join(p.period_label for p in promises)
    raise MacroError(f"kommunen {kommun} har inget löfte som gäller {year}. Löftena: {periods}.")


def _year(ar: Any) -> int:
    if not isinstance(ar, int) or isinstance(ar, bool):
        raise MacroError(
            f"ar ska vara ett årtal utan citattecken, till exempel ar=2025, inte {ar!r}."
        )
    return ar


def _followed_up_year(promise: Promise, ar: Any) -> int:
    """`ar`, or the newest followed-up year; the year must have follow-ups."""
    years = progress.followed_up_years(promise)
    if ar is None:
        if not years:
            raise MacroError(
                f"löftet {promise.period_label} för {promise.municipality.id} har ingen "
                "uppföljning ännu."
            )
        return years[-1]
    year = _year(ar)
    if year not in years:
        shown = ", ".join(map(str, years)) or "inga"
        raise MacroError(
            f"löftet {promise.period_label} har ingen uppföljning för {year}. År som finns: "
            f"{shown}."
        )
    return year


def _area(promise: Promise, omrade: Any) -> str | None:
    if omrade is None:
        return None
    ids = [a.id for a in promise.areas]
    if omrade not in ids:
        raise MacroError(
            f'fokusområdet "{omrade}" finns inte i löftet {promise.period_label}.'
            f"{did_you_mean(str(omrade), ids)} De som finns: {', '.join(ids)}."
        )
    return str(omrade)


def overview(dataset: Dataset, page_url: str, kommun: str, ar: int | None = None) -> str:
    """lagesbild: the overview table of a year (default: the newest followed-up year)."""
    promise = _promise(dataset, kommun, ar)
    year = _followed_up_year(promise, ar)
    caption = texts.overview_caption(year, promise.municipality.short_name)
    return render.render(
        "author_overview.html",
        view=PromiseView(promise),
        year=year,
        caption=caption,
        link=Links(page_url),
    )


def share_done(
    dataset: Dataset,
    page_url: str,
    kommun: str,
    ar: int | None = None,
    omrade: str | None = None,
) -> str:
    """andel_genomforda: the share completed as running text, "77 %"."""
    promise = _promise(dataset, kommun, ar)
    year = _followed_up_year(promise, ar)
    area = _area(promise, omrade)
    count = progress.count_by_status(progress.running(promise, year, area), promise, year)
    return format_share(count.share_done)


def activities(
    dataset: Dataset,
    page_url: str,
    kommun: str,
    omrade: str | None = None,
    status: str | None = None,
    ar: int | None = None,
) -> str:
    """aktiviteter: a linked list of activities with their status badges, optionally one area's,
    those with one status, or those running one year (with their status that year)."""
    promise = _promise(dataset, kommun, ar)
    area = _area(promise, omrade)
    wanted: Status | None = None
    if status is not None:
        values = [s.value for s in Status]
        if status not in values:
            raise MacroError(
                f'status "{status}" finns inte.{did_you_mean(str(status), values)} '
                f"Välj ett av: {', '.join(values)}."
            )
        wanted = Status(status)
    year = None if ar is None else _year(ar)
    view = PromiseView(promise)
    items = []
    for activity in promise.activities:
        if area is not None and activity.area_id != area:
            continue
        history = view.history(activity)
        if year is not None:
            if year not in activity.years:
                continue
            history = tuple(h for h in history if h[0] <= year)
        if wanted is not None and history[-1][1] is not wanted:
            continue
        items.append((activity, history))
    return render.render(
        "author_activities.html", promise=promise, items=items, link=Links(page_url)
    )


def indicator(dataset: Dataset, page_url: str, kommun: str, id: str) -> str:
    """indikator: an indicator's table and chart (from the newest promise that has it)."""
    promises = dataset.promises_of(_municipality(dataset, kommun))
    for promise in promises:
        for found in promise.indicators:
            if found.id == id:
                return render.render(
                    "author_indicator.html",
                    promise=promise,
                    indicators=[indicator_view(found)],
                    link=Links(page_url),
                )
    ids = sorted({i.id for p in promises for i in p.indicators})
    raise MacroError(
        f'indikatorn "{id}" finns inte för {kommun}.{did_you_mean(str(id), ids)} '
        f"De som finns: {', '.join(ids) or 'inga'}."
    )


def latest(dataset: Dataset, page_url: str, kommun: str | None = None, antal: int = 5) -> str:
    """senaste: the newest approved follow-ups, of every municipality or of one."""
    if not isinstance(antal, int) or isinstance(antal, bool) or not 1 <= antal <= MAX_LATEST:
        raise MacroError(f"antal ska vara ett heltal från 1 till {MAX_LATEST}, inte {antal!r}.")
    found = progress.approved_follow_ups(dataset)
    if kommun is not None:
        chosen = _municipality(dataset, kommun)
        found = [item for item in found if item[0].municipality.id == chosen]
    return render.render("author_latest.html", latest=found[:antal], link=Links(page_url))


def start_page(dataset: Dataset, page_url: str) -> str:
    return render.start_page(dataset, page_url)


def open_data_page(dataset: Dataset, page_url: str) -> str:
    return render.open_data_page(dataset, page_url)


Macro = Callable[..., str]
# The macros a page in docs/ may call, by the name the page writes.
AUTHOR_MACROS: dict[str, Macro] = {
    "lagesbild": overview,
    "andel_genomforda": share_done,
    "aktiviteter": activities,
    "indikator": indicator,
    "senaste": latest,
    "startsida": start_page,
    "oppna_data": open_data_page,
}


def call(name: str, dataset: Dataset, page_url: str, *args: Any, **kwargs: Any) -> str:
    """Call an author macro with a page's arguments; a wrong argument is a MacroError."""
    macro = AUTHOR_MACROS.get(name)
    if macro is None:
        raise MacroError(
            f"makrot {name}() finns inte.{did_you_mean(name, list(AUTHOR_MACROS))} "
            f"De som finns: {', '.join(AUTHOR_MACROS)}."
        )
    parameters = list(inspect.signature(macro).parameters)[2:]
    try:
        inspect.signature(macro).bind(dataset, page_url, *args, **kwargs)
    except TypeError:
        unknown = [k for k in kwargs if k not in parameters]
        hint = did_you_mean(unknown[0], parameters) if unknown else ""
        raise MacroError(
            f"{name}() tar argumenten {', '.join(parameters) or 'inga'}; anropet stämmer inte "
            f"med dem.{hint}"
        ) from None
    key = (name, page_url, args, tuple(sorted(kwargs.items())))
    if _made.dataset is not dataset:
        _made.dataset, _made.outputs = dataset, {}
    if key not in _made.outputs:
        _made.outputs[key] = macro(dataset, page_url, *args, **kwargs)
    return _made.outputs[key]


class _Made:
    """What the macros made for one data set: `check_pages` calls each macro of every page
    before the build, and the page calls it again when it is rendered (the output is a pure
    function of the data set and the call). It holds the data set itself, so a new one (the
    next rebuild of `mkdocs serve`) is never taken for the old."""

    def __init__(self) -> None:
        self.dataset: Dataset | None = None
        self.outputs: dict[tuple[Any, ...], str] = {}


_made = _Made()


def bound(name: str, dataset: Dataset, page_url: Callable[[], str]) -> Macro:
    """The macro as mkdocs-macros registers it: a wrong call is refused in Swedish, and the
    page sandbox (`site/sandbox.py`) names the page and the line."""

    def run(*args: Any, **kwargs: Any) -> str:
        try:
            return call(name, dataset, page_url(), *args, **kwargs)
        except MacroError as error:
            raise PageRefused(f"{name}(): {error}") from None

    return run


# --- Calls in pages ----------------------------------------------------------------------------


_CALL = re.compile(r"\{\{\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<args>[^{}]*)\)\s*\}\}")
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_RENDER_MACROS = re.compile(r"^render_macros:[ \t]*true[ \t]*$", re.M)
_NAMES = {"none": None, "None": None, "true": True, "True": True, "false": False, "False": False}


@dataclass(frozen=True)
class Call:
    """One `{{ macro(...) }}` in a page: where it stands and what it asks for."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    start: int
    end: int
    line: int


def renders_macros(text: str) -> bool:
    """Whether a page asks for macros (`render_macros: true` in its front matter)."""
    match = _FRONT_MATTER.match(text)
    return match is not None and _RENDER_MACROS.search(match["body"]) is not None


def _value(node: ast.expr) -> Any:
    if (isinstance(node, ast.Constant) and isinstance(node.value, str | int)) or (
        isinstance(node, ast.Constant) and node.value is None
    ):
        return node.value
    if isinstance(node, ast.Name) and node.id in _NAMES:
        return _NAMES[node.id]
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, int)
    ):
        return -node.operand.value
    raise MacroError(
        "argumenten ska vara text inom citattecken, heltal eller none, till exempel "
        'lagesbild("robertsfors", ar=2025).'
    )


def find_calls(text: str) -> tuple[list[Call], list[tuple[int, str]]]:
    """The macro calls of a page with plain values, and (line, message) for each {{ }} or
    {% %} that is not one (which only `lofte sidor`, rendering without Jinja, cannot hold)."""
    calls: list[Call] = []
    problems: list[tuple[int, str]] = []
    for match in _EXPRESSION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found = _CALL.fullmatch(match.group(0))
        if found is None:
            problems.append(
                (
                    line,
                    f"{_short(match.group(0))} är inget makroanrop. I docs/ går bara anrop som "
                    '{{ lagesbild("robertsfors") }}; se CONTRIBUTING.md.',
                )
            )
            continue
        try:
            tree = ast.parse(f"f({found['args']})", mode="eval")
            assert isinstance(tree.body, ast.Call)
            args = tuple(_value(a) for a in tree.body.args)
            kwargs = {str(k.arg): _value(k.value) for k in tree.body.keywords}
        except SyntaxError:
            problems.append((line, f"{_short(match.group(0))}: argumenten går inte att läsa."))
            continue
        except MacroError as error:
            problems.append((line, f"{found['name']}(): {error}"))
            continue
        calls.append(Call(found["name"], args, kwargs, match.start(), match.end(), line))
    return calls, problems


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a page in docs/: om.md is om/, a/index.md is a/."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def check_page(text: str, src: str, display: str, dataset: Dataset) -> list[Problem]:
    """Every mistake in the author-macro calls of a page, with the page and the line, in
    Swedish, all at once before the build. Anything else between {{ }} (config.site_name,
    page.title, or what a page may not use) is left to the page sandbox (`site/sandbox.py`)."""
    if not renders_macros(text):
        return []
    calls, _ = find_calls(text)
    found = []
    for c in calls:
        if c.name not in AUTHOR_MACROS:
            continue
        try:
            call(c.name, dataset, page_url(src), *c.args, **c.kwargs)
        except MacroError as error:
            found.append(Problem(display, c.line, f"{c.name}(): {error}"))
    return found


def check_pages(
    docs: Path, dataset: Dataset, excluded: Callable[[str], bool] = lambda src: False
) -> list[Problem]:
    """`check_page` for every page in docs/ that the build includes."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if excluded(src):
            continue
        display = f"{docs.name}/{src}"
        problems += check_page(path.read_text(encoding="utf-8"), src, display, dataset)
    return problems


def expand(text: str, dataset: Dataset, src: str) -> str:
    """A page with each macro call replaced by its output (for `lofte sidor`)."""
    if not renders_macros(text):
        return text
    calls, problems = find_calls(text)
    if problems:
        line, message = problems[0]
        raise MacroError(f"docs/{src}:{line}: {message}")
    out = []
    position = 0
    for c in calls:
        out.append(text[position : c.start])
        try:
            out.append(call(c.name, dataset, page_url(src), *c.args, **c.kwargs))
        except MacroError as error:
            raise MacroError(f"docs/{src}:{c.line}: {c.name}(): {error}") from None
        position = c.end
    out.append(text[position:])
    return "".join(out)
