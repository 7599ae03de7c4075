"""What a change means for citizens: two versions of the data set compared, as Markdown for a
pull request. Pure: it takes two data sets and returns text.

Every field of every data file (the same field list as the schema, `schema.FILES`) is listed in
`FIELDS`: either compared (`Shown`) or deliberately not shown, with the reason (`NotShown`).
A test fails when the schema gains a field that is in neither list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from macros import progress
from macros.data.layout import FileKind
from macros.format import format_number, format_share
from macros.model import (
    Activity,
    Dataset,
    FollowUp,
    Indicator,
    Measurement,
    Municipality,
    PartialDate,
    Promise,
)
from macros.site import texts

Lines = list[str]


@dataclass(frozen=True)
class Shown:
    """A field compared between two versions of a record.

    `value` reads it from the model record; `long` texts are quoted in full; `render`, when
    given, writes the lines itself (from the name of the record and the two records)."""

    label: str
    value: Callable[[Any], Any]
    long: bool = False
    render: Callable[[str, Any, Any], Lines] | None = None


@dataclass(frozen=True)
class NotShown:
    reason: str


Rule = Shown | NotShown

_KEY = (
    "nyckeln som posten känns igen på: en ändring syns i sammanfattningen som en borttagen "
    "och en ny post"
)


# The summary is read rendered (Markdown with HTML, in the pull request's job summary): every
# value from the data goes through `md`, so it shows as written and can hide nothing after it
# (a comment, a tag, a code fence or emphasis that never ends).
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MARKUP = frozenset("\\`*_[]|~")


def md(value: object) -> str:
    """A value from the data as literal Markdown text."""
    return "".join(_HTML.get(c) or ("\\" + c if c in _MARKUP else c) for c in str(value))


def _quote(text: str) -> Lines:
    return ["> " + md(line) if line else ">" for line in text.strip().splitlines()]


def _show(value: Any) -> str:
    if value is None or value == ():
        return "–"
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | int):
        return format_number(value)
    if isinstance(value, tuple):
        return ", ".join(_show(v) for v in value)
    return f"”{md(value)}”"


def _activity_title(name: str, old: Activity, new: Activity) -> Lines:
    return [f"- Nytt namn: **{md(old.title)}** → **{md(new.title)}** (`{new.id}`)"]


def _activity_area(name: str, old: Activity, new: Activity) -> Lines:
    return [f"- `{new.id}` flyttad från området {old.area_id} till {new.area_id}"]


def _draft(f: FollowUp) -> str:
    return " (utkast)" if f.draft else ""


def _status(name: str, old: FollowUp, new: FollowUp) -> Lines:
    return [f"- Status {new.year} för {name}: {old.status.value} → {new.status.value}{_draft(new)}"]


def _text(name: str, old: FollowUp, new: FollowUp) -> Lines:
    lines = [f"- Ny text i uppföljningen {new.year} av {name}{_draft(new)}:"]
    if not old.draft and not new.draft:
        same_dates = (
            "; datumen under granskad är desamma som för den gamla texten"
            if old.approval == new.approval
            else ""
        )
        lines = [
            f"- **Godkänd text ändrad**: uppföljningen {new.year} av {name} var godkänd, och "
            f"texten har skrivits om{same_dates}:"
        ]
    return [*lines, "", *_quote(new.text), ""]


def _approved(name: str, old: FollowUp, new: FollowUp) -> Lines:
    if old.draft and not new.draft:
        police, municipality = new.approval.police, new.approval.municipality
        return [
            f"- Uppföljningen {new.year} av {name} är godkänd och publiceras, godkänd av "
            f"polisen {_show(police)} och kommunen {_show(municipality)}:",
            "",
            *_quote(new.text),
            "",
        ]
    return [f"- Uppföljningen {new.year} av {name} blir utkast och tas bort från webbplatsen"]


def _measurements(i: Indicator) -> dict[int, Measurement]:
    return {m.year: m for m in i.values}


def _values(name: str, old: Indicator, new: Indicator) -> Lines:
    before, after = _measurements(old), _measurements(new)
    lines = []
    for year in sorted(before.keys() | after.keys()):
        was, now = before.get(year), after.get(year)
        if was is not None and now is not None and was.value == now.value:
            if was.source != now.source:
                lines.append(
                    f"- Indikatorn **{md(new.name)}** {year}: källa {_show(was.source)} → "
                    f"{_show(now.source)}"
                )
            continue
        lines.append(
            f"- Indikatorn **{md(new.name)}** {year}: "
            f"{format_number(was.value if was else None)} → "
            f"{format_number(now.value if now else None)} {md(new.unit)}"
        )
    return lines


def _m(attr: str, which: str) -> Callable[[Indicator], Any]:
    def read(i: Indicator) -> Any:
        m = getattr(i, which)
        return None if m is None else getattr(m, attr)

    return read


def _parties(name: str, old: Promise, new: Promise) -> Lines:
    return [f"- Parter: {texts.parties(old)} → {texts.parties(new)}"]


def _sources(name: str, old: Promise, new: Promise) -> Lines:
    before, after = {s.url for s in old.more_sources}, {s.url for s in new.more_sources}
    lines = [f"- Ny källa: {s.title} ({s.url})" for s in new.more_sources if s.url not in before]
    lines += [
        f"- Borttagen källa: {s.title} ({s.url})" for s in old.more_sources if s.url not in after
    ]
    return lines or [f"- {name}: nya titlar på källorna"]


def _conflict_facts(p: Promise) -> Any:
    c = p.conflict
    return None if c is None else (c.other, c.difference, c.reason)


def _conflict(name: str, old: Promise, new: Promise) -> Lines:
    if new.conflict is None:
        return ["- Texten om källor som skiljer sig åt tas bort"]
    c = new.conflict
    return [
        f"- Ny text om källor som skiljer sig åt (den andra källan: {c.other.title}, "
        f"{c.other.url}):",
        "",
        *_quote(c.difference),
        ">",
        *_quote(c.reason),
        "",
    ]


def _published_facts(p: Promise) -> Any:
    return tuple(
        (f.year, f.publisher, f.link, f.published, f.summary) for f in p.published_follow_ups
    )


def _published(name: str, old: Promise, new: Promise) -> Lines:
    before = {f.year: f for f in old.published_follow_ups}
    after = {f.year: f for f in new.published_follow_ups}
    lines: Lines = []
    for year in sorted(after.keys() - before.keys()):
        f = after[year]
        lines += [f"- Ny uppföljning {year}, publicerad av {f.publisher}: {f.link.url}"]
        lines += ["", *_quote(f.summary), ""]
    for year in sorted(before.keys() & after.keys()):
        was, now = before[year], after[year]
        if (was.publisher, was.link, was.published, was.summary) != (
            now.publisher,
            now.link,
            now.published,
            now.summary,
        ):
            lines += [f"- Ändrad uppföljning {year}, publicerad av {now.publisher}:"]
            lines += ["", *_quote(now.summary), ""]
    lines += [
        f"- Uppföljningen {year} som publicerats av andra tas bort"
        for year in sorted(before.keys() - after.keys())
    ]
    return lines


_VALUES = Shown("mätvärden", lambda i: tuple(i.values), render=_values)
_PARTIES = Shown("parter", lambda p: p.party_names, render=_parties)
_MORE_SOURCES = Shown("fler källor", lambda p: p.more_sources, render=_sources)
_CONFLICT = Shown("källor som skiljer sig åt", _conflict_facts, render=_conflict)
_PUBLISHED = Shown("uppföljningar publicerade av andra", _published_facts, render=_published)
_AREA_SOURCE = Shown(
    "källa", lambda a: None if a.source is None else (a.source.title, a.source.url)
)
_LINKS = Shown("länkar", lambda f: tuple(f"{link.title} ({link.url})" for link in f.links))

# Dotted paths as in the schema (items of a list have no index); see test_diff.py.
FIELDS: dict[FileKind, dict[str, Rule]] = {
    FileKind.MUNICIPALITY: {
        "namn": Shown("namn", lambda m: m.name),
        "kortnamn": Shown("kortnamn", lambda m: m.short_name),
        "kommunkod": Shown("kommunkod", lambda m: m.code),
        "lan": Shown("län", lambda m: m.county),
        "webbplats": Shown("webbplats", lambda m: m.website),
        "oppna_data_kontakt.namn": Shown(
            "kontakt för öppna data", lambda m: m.contact.name if m.contact else None
        ),
        "oppna_data_kontakt.epost": Shown(
            "e-post för öppna data", lambda m: m.contact.email if m.contact else None
        ),
        "kontakter": NotShown(
            "visas inte på webbplatsen: listan säger bara vilka nummer och adresser texterna "
            "får nämna utan varning"
        ),
    },
    FileKind.PROMISE: {
        "titel": Shown("titel", lambda p: p.title),
        "titel_en": Shown("titel på engelska", lambda p: p.title_en),
        "period.start": Shown("startår", lambda p: p.start_year),
        "period.slut": Shown("slutår", lambda p: p.end_year),
        "tillstand": Shown("tillstånd", lambda p: p.state.value),
        "innehall": Shown("innehåll", lambda p: p.content.value),
        "parter.polisen": _PARTIES,
        "parter.kommunen": _PARTIES,
        "parter.ovriga": _PARTIES,
        "underlag": Shown("underlag", lambda p: p.based_on),
        "uppfoljning": Shown("uppföljning", lambda p: p.cadence),
        "aterkoppling": Shown("återkoppling", lambda p: p.feedback_channels),
        "kalla.titel": Shown("källans titel", lambda p: p.source.title),
        "kalla.url": Shown("källans adress", lambda p: p.source.url),
        "fler_kallor.titel": _MORE_SOURCES,
        "fler_kallor.url": _MORE_SOURCES,
        "kallor_skiljer_sig.kalla.titel": _CONFLICT,
        "kallor_skiljer_sig.kalla.url": _CONFLICT,
        "kallor_skiljer_sig.skillnad": _CONFLICT,
        "kallor_skiljer_sig.varfor": _CONFLICT,
        "publicerad_uppfoljning.ar": _PUBLISHED,
        "publicerad_uppfoljning.utgivare": _PUBLISHED,
        "publicerad_uppfoljning.kalla.titel": _PUBLISHED,
        "publicerad_uppfoljning.kalla.url": _PUBLISHED,
        "publicerad_uppfoljning.publicerad": _PUBLISHED,
        "publicerad_uppfoljning.sammanfattning": _PUBLISHED,
        "beskrivning": Shown("beskrivning", lambda p: p.description, long=True),
        "undertecknat": Shown("undertecknat", lambda p: p.signed),
        "utkast": NotShown(
            "ett utkast till löfte visas inte alls; att det publiceras eller dras tillbaka står "
            "överst under löftet (_promise_state)"
        ),
    },
    FileKind.AREA: {
        "id": NotShown(_KEY),
        "titel": Shown("titel", lambda a: a.title),
        "titel_en": Shown("titel på engelska", lambda a: a.title_en),
        "sammanfattning": Shown("sammanfattning", lambda a: a.summary),
        "beskrivning": Shown("beskrivning", lambda a: a.description, long=True),
        "bakgrund": Shown("bakgrund", lambda a: a.background, long=True),
        "ordning": Shown("ordning", lambda a: a.order),
        "kalla.titel": _AREA_SOURCE,
        "kalla.url": _AREA_SOURCE,
    },
    FileKind.ACTIVITIES: {
        "omrade": Shown("område", lambda a: a.area_id, render=_activity_area),
        "aktiviteter.id": NotShown(_KEY),
        "aktiviteter.titel": Shown("titel", lambda a: a.title, render=_activity_title),
        "aktiviteter.beskrivning": Shown("beskrivning", lambda a: a.description, long=True),
        "aktiviteter.ansvar": Shown("ansvar", lambda a: a.responsible.value),
        "aktiviteter.partner": Shown("samarbetspartner", lambda a: a.partners),
        "aktiviteter.ar": Shown("år", lambda a: a.years),
        "aktiviteter.platser": Shown("platser", lambda a: a.places),
        "aktiviteter.exempel": Shown("exempel", lambda a: a.example),
    },
    FileKind.FOLLOW_UPS: {
        "ar": NotShown(_KEY + " (uppföljningen känns igen på aktivitet och år)"),
        "uppfoljningar.aktivitet": NotShown(
            _KEY + " (uppföljningen känns igen på aktivitet och år)"
        ),
        "uppfoljningar.status": Shown("status", lambda f: f.status, render=_status),
        "uppfoljningar.text": Shown("text", lambda f: f.text, render=_text),
        "uppfoljningar.framsteg": Shown("framsteg i procent", lambda f: f.progress),
        "uppfoljningar.lankar.titel": _LINKS,
        "uppfoljningar.lankar.url": _LINKS,
        "uppfoljningar.granskad.polisen": Shown("polisens granskning", lambda f: f.approval.police),
        "uppfoljningar.granskad.kommunen": Shown(
            "kommunens granskning", lambda f: f.approval.municipality
        ),
        "uppfoljningar.utkast": Shown("utkast", lambda f: f.draft, render=_approved),
        "uppfoljningar.exempel": Shown("exempel", lambda f: f.example),
    },
    FileKind.INDICATOR: {
        "id": NotShown(_KEY),
        "omrade": Shown("område", lambda i: i.area_id),
        "aktivitet": Shown("aktivitet", lambda i: i.activity_id),
        "namn": Shown("namn", lambda i: i.name),
        "typ": Shown("typ", lambda i: i.kind.value),
        "riktning": Shown("önskad riktning", lambda i: i.direction.value if i.direction else None),
        "enhet": Shown("enhet", lambda i: i.unit),
        "kalla": Shown("källa", lambda i: i.source),
        "utgangsvarde.ar": Shown("utgångsvärdets år", _m("year", "baseline")),
        "utgangsvarde.varde": Shown("utgångsvärde", _m("value", "baseline")),
        "utgangsvarde.kalla": Shown("utgångsvärdets källa", _m("source", "baseline")),
        "mal.ar": Shown("målets år", _m("year", "target")),
        "mal.varde": Shown("mål", _m("value", "target")),
        "mal.kalla": Shown("målets källa", _m("source", "target")),
        "varden.ar": _VALUES,
        "varden.varde": _VALUES,
        "varden.kalla": _VALUES,
        "exempel": Shown("exempel", lambda i: i.example),
    },
}


def _compare(kind: FileKind, name: str, old: Any, new: Any) -> Lines:
    """Every shown field of one record that differs, once per rule."""
    lines: Lines = []
    seen: set[int] = set()
    for rule in FIELDS[kind].values():
        if not isinstance(rule, Shown) or id(rule) in seen:
            continue
        seen.add(id(rule))
        before, after = rule.value(old), rule.value(new)
        if before == after:
            continue
        if rule.render is not None:
            lines += rule.render(name, old, new)
        elif rule.long:
            lines += [f"- Ny {rule.label} för {name}:", "", *_quote(str(after)), ""]
        else:
            lines.append(f"- {name}: {rule.label} {_show(before)} → {_show(after)}")
    return lines


def _records(
    kind: FileKind,
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], Any],
    name: Callable[[Any], str],
    added: Callable[[Any], Lines],
    removed: Callable[[Any], Lines],
) -> Lines:
    before, after = {key(r): r for r in old}, {key(r): r for r in new}
    lines: Lines = []
    for k in sorted(after.keys() - before.keys()):
        lines += added(after[k])
    for k in sorted(before.keys() - after.keys()):
        lines += removed(before[k])
    for k in sorted(before.keys() & after.keys()):
        lines += _compare(kind, name(after[k]), before[k], after[k])
    return lines


def _promise_changes(old: Promise | None, new: Promise | None) -> Lines:
    lines: Lines = []
    if old is not None and new is not None:
        lines += _compare(FileKind.PROMISE, "Löftet", old, new)
    acts_old = old.activities if old else ()
    acts_new = new.activities if new else ()
    titles = {a.id: a.title for a in (*acts_old, *acts_new)}

    def activity_name(activity_id: str) -> str:
        return f"**{md(titles.get(activity_id, activity_id))}**"

    lines += _records(
        FileKind.AREA,
        old.areas if old else (),
        new.areas if new else (),
        lambda a: a.id,
        lambda a: f"Området **{md(a.title)}** (`{a.id}`)",
        lambda a: [f"- Nytt område: **{md(a.title)}** (`{a.id}`)"],
        lambda a: [f"- Borttaget område: **{md(a.title)}** (`{a.id}`)"],
    )
    lines += _records(
        FileKind.ACTIVITIES,
        acts_old,
        acts_new,
        lambda a: a.id,
        lambda a: f"Aktiviteten **{md(a.title)}** (`{a.id}`)",
        lambda a: [f"- Ny aktivitet: **{md(a.title)}** (`{a.id}`)"],
        lambda a: [f"- Borttagen aktivitet: **{md(a.title)}** (`{a.id}`)"],
    )

    def new_follow_up(f: FollowUp) -> Lines:
        head = f"- Ny uppföljning {f.year} av {activity_name(f.activity_id)}: "
        return [head + f.status.value + _draft(f), *(["", *_quote(f.text), ""] if f.text else [])]

    lines += _records(
        FileKind.FOLLOW_UPS,
        old.follow_ups if old else (),
        new.follow_ups if new else (),
        lambda f: (f.year, f.activity_id),
        lambda f: activity_name(f.activity_id),
        new_follow_up,
        lambda f: [f"- Uppföljningen {f.year} av {activity_name(f.activity_id)} tas bort"],
    )
    lines += _records(
        FileKind.INDICATOR,
        old.indicators if old else (),
        new.indicators if new else (),
        lambda i: i.id,
        lambda i: f"Indikatorn **{md(i.name)}** (`{i.id}`)",
        lambda i: [f"- Ny indikator: **{md(i.name)}** (`{i.id}`)"],
        lambda i: [f"- Borttagen indikator: **{md(i.name)}** (`{i.id}`)"],
    )
    if new is not None:
        lines += _share_table(old, new)
    return lines


def _share_table(old: Promise | None, new: Promise) -> list[str]:
    """The shares completed of the newest followed-up year, for the rows that moved. Rows are
    matched by area id (None is the row for all areas), so a renamed area keeps its history."""
    latest = progress.latest_year(new)
    if latest is None:
        return []
    before = {r.area_id: r for r in progress.overview(old, latest)} if old else {}
    moved = []
    for row in progress.overview(new, latest):
        prior = before.get(row.area_id)
        if prior is None or prior.count != row.count:
            share_before = format_share(prior.count.share_done) if prior else "–"
            moved.append(
                f"| {md(texts.area_title(row.title))} | {share_before} "
                f"| {format_share(row.count.share_done)} "
                f"| {row.count.done} av {row.count.followed_up} |"
            )
    if not moved:
        return []
    return [
        "",
        f"{texts.SHARE_DONE} {latest} före och efter ändringen:",
        "",
        f"| {texts.AREA} | Före | Efter | Genomförda |",
        "| --- | ---: | ---: | ---: |",
        *moved,
        "",
    ]


def _municipality_changes(old: Dataset, new: Dataset) -> list[tuple[str, Lines]]:
    before = {m.id: m for m in old.municipalities}
    after = {m.id: m for m in new.municipalities}
    sections = []
    for ident in sorted(before.keys() | after.keys()):
        was, now = before.get(ident), after.get(ident)
        shown: Municipality = now or was  # type: ignore[assignment]
        if was is None:
            lines = ["- Ny kommun"]
        elif now is None:
            lines = ["- Kommunen tas bort"]
        else:
            lines = _compare(FileKind.MUNICIPALITY, "Kommunen", was, now)
        if lines:
            sections.append((md(shown.name), lines))
    return sections


def _promise_state(old: Promise | None, new: Promise | None) -> list[str]:
    """A promise that comes, goes, is signed, or stays a draft (which citizens do not see)."""
    hidden = " (utkast: visas inte på webbplatsen förrän det är undertecknat)"
    if old is None and new is not None:
        return ["- Nytt löfte" + (hidden if new.draft else "")]
    if new is None:
        return ["- Löftet tas bort"]
    lines = []
    if old is not None and old.draft and not new.draft:
        lines.append("- Löftet är undertecknat och publiceras")
    elif old is not None and not old.draft and new.draft:
        lines.append("- Löftet blir utkast igen och tas bort från webbplatsen")
    return lines


def code(text: str) -> str:
    """`text` as a Markdown code span that nothing in it can end (CommonMark: a run of backticks
    longer than any in the text)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _outside(paths: Sequence[str]) -> Lines:
    return [
        "### Filer utanför data/",
        "",
        "Ändringen rör också filer utanför data/. De kan ändra vad webbplatsen visar och hur den "
        "byggs: granska dem i ändringens filer.",
        "",
        *(f"- {code(path)}" for path in paths),
        "",
    ]


def citizen_diff(
    old: Dataset, new: Dataset, *, drafts_note: bool = True, outside: Sequence[str] = ()
) -> str:
    """Markdown: what changes for citizens between two versions of the data, and every changed
    file outside the data folder (`outside`): those can change the site too, so a change that
    touches any is never summed up as changing nothing."""
    out = ["## Vad ändringen betyder för medborgarna", ""]
    any_change = False
    if outside:
        out += _outside(outside)
    for title, lines in _municipality_changes(old, new):
        any_change = True
        out += [f"### {title}", "", *lines, ""]
    keys = sorted({p.key for p in old.promises} | {p.key for p in new.promises})
    old_by, new_by = {p.key: p for p in old.promises}, {p.key: p for p in new.promises}
    for key in keys:
        lines = _promise_changes(old_by.get(key), new_by.get(key))
        lines[:0] = _promise_state(old_by.get(key), new_by.get(key))
        if lines:
            any_change = True
            promise = new_by.get(key) or old_by[key]
            out += [f"### {md(promise.municipality.name)}: {md(promise.title)}", "", *lines, ""]
    if not any_change and not outside:
        out.append("Ändringen påverkar inte det som visas för medborgarna.")
    elif any_change and drafts_note:
        out += [
            "Uppföljningar märkta *utkast* visas inte på den publicerade webbplatsen "
            "förrän både polisen och kommunen har godkänt dem."
        ]
    return "\n".join(out).rstrip() + "\n"
