"""Open data: the model as tables, written as CSV and JSON, and read back for round-trip checks.

Every table has one list of columns with a type and a Swedish description; the writers, the
readers and the page that documents the fields all use that one list.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from macros.model import (
    Activity,
    Dataset,
    FocusArea,
    FollowUp,
    Indicator,
    Link,
    Measurement,
    PartialDate,
    Promise,
    PublishedFollowUp,
)
from macros.publish import csv_cells
from macros.site import pages

Value = str | int | float | bool | None | list[str] | list[int]
Row = dict[str, Value]

LICENCE = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"


@dataclass(frozen=True)
class Record:
    """One row's worth of the model: a promise and, below it, the item the row is about."""

    promise: Promise
    item: Any = None  # the area, activity, follow-up, link, indicator or measurement
    parent: Any = None  # the follow-up of a link, the indicator of a measurement
    kind: str = ""  # what a measurement is: utgångsvärde, mätvärde or mål


class ColumnKind(Enum):
    """What a column holds, and so how a CSV cell is read back (see _PARSERS). The open-data
    page names each kind in Swedish (`site/texts.COLUMN_KINDS`)."""

    TEXT = auto()
    OPTIONAL_TEXT = auto()
    DATE = auto()
    INTEGER = auto()
    NUMBER = auto()
    BOOLEAN = auto()
    LIST = auto()
    YEARS = auto()


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    description: str
    value: Callable[[Record], Value] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Callable[[Promise], list[Record]] = field(repr=False, compare=False)


def _date(day: Any) -> str | None:
    return day.isoformat() if day else None


def _partial(day: PartialDate | None) -> str | None:
    return day.isoformat() if day is not None else None


def _url(link: Link | None) -> str | None:
    return link.url if link is not None else None


_KEY = (
    Column(
        "kommun",
        ColumnKind.TEXT,
        "Kommunens id (mappnamn), till exempel robertsfors.",
        lambda r: r.promise.municipality.id,
    ),
    Column(
        "kommunkod",
        ColumnKind.TEXT,
        "Kommunkoden, fyra siffror.",
        lambda r: r.promise.municipality.code,
    ),
    Column(
        "kommunnamn",
        ColumnKind.TEXT,
        "Kommunens namn.",
        lambda r: r.promise.municipality.name,
    ),
    Column(
        "period",
        ColumnKind.TEXT,
        "Löftesperiodens id (mappnamn), till exempel 2023-2025.",
        lambda r: r.promise.slug,
    ),
)


def _areas(p: Promise) -> list[Record]:
    return [Record(p, a) for a in p.areas]


def _activities(p: Promise) -> list[Record]:
    return [Record(p, a) for a in p.activities]


def _follow_ups(p: Promise) -> list[Record]:
    return [Record(p, f) for f in p.follow_ups]


def _links(p: Promise) -> list[Record]:
    return [Record(p, link, f) for f in p.follow_ups for link in f.links]


def _sources(p: Promise) -> list[Record]:
    """Each source of a promise once, with the part it plays (the first part it is named in)."""
    named: list[tuple[Link, str]] = [(p.source, "följs")]
    named += [(link, "fler") for link in p.more_sources]
    if p.conflict is not None:
        named.append((p.conflict.other, "avviker"))
    named += [(a.source, "område") for a in p.areas if a.source is not None]
    named += [(f.link, "uppföljning") for f in p.published_follow_ups]
    seen: set[str] = set()
    found = []
    for link, role in named:
        if link.url not in seen:
            seen.add(link.url)
            found.append(Record(p, link, kind=role))
    return found


def _published(p: Promise) -> list[Record]:
    return [Record(p, f) for f in p.published_follow_ups]


def _published_follow_up(r: Record) -> PublishedFollowUp:
    published: PublishedFollowUp = r.item
    return published


def _source(r: Record) -> Link:
    link: Link = r.item
    return link


def _indicators(p: Promise) -> list[Record]:
    return [Record(p, i) for i in p.indicators]


def _measurements(p: Promise) -> list[Record]:
    found = []
    for ind in p.indicators:
        found.append(Record(p, ind.baseline, ind, "utgångsvärde"))
        found += [Record(p, m, ind, "mätvärde") for m in ind.values]
        if ind.target is not None:
            found.append(Record(p, ind.target, ind, "mål"))
    return found


def _area(r: Record) -> FocusArea:
    area: FocusArea = r.item
    return area


def _activity(r: Record) -> Activity:
    activity: Activity = r.item
    return activity


def _follow_up(r: Record) -> FollowUp:
    follow_up: FollowUp = r.item
    return follow_up


def _link(r: Record) -> tuple[FollowUp, Link]:
    return r.parent, r.item


def _indicator(r: Record) -> Indicator:
    indicator: Indicator = r.item
    return indicator


def _direction(r: Record) -> str | None:
    direction = _indicator(r).direction
    return None if direction is None else direction.value


def _measured(r: Record) -> tuple[Indicator, Measurement]:
    return r.parent, r.item


TABLES = (
    Table(
        "loften",
        "Medborgarlöften",
        "Ett löfte per kommun och period.",
        (
            *_KEY,
            Column("titel", ColumnKind.TEXT, "Löftets titel.", lambda r: r.promise.title),
            Column(
                "start",
                ColumnKind.INTEGER,
                "Första året löftet gäller.",
                lambda r: r.promise.start_year,
            ),
            Column(
                "slut",
                ColumnKind.INTEGER,
                "Sista året löftet gäller.",
                lambda r: r.promise.end_year,
            ),
            Column(
                "tillstand",
                ColumnKind.TEXT,
                "pågående eller avslutat.",
                lambda r: r.promise.state.value,
            ),
            Column(
                "polisen",
                ColumnKind.TEXT,
                "Polisens part i löftet.",
                lambda r: r.promise.police_party,
            ),
            Column(
                "kommunen",
                ColumnKind.TEXT,
                "Kommunens part i löftet.",
                lambda r: r.promise.municipality_party,
            ),
            Column(
                "underlag",
                ColumnKind.LIST,
                "Vad löftet bygger på.",
                lambda r: list(r.promise.based_on),
            ),
            Column(
                "kalla",
                ColumnKind.TEXT,
                "Webbadress till det publicerade löftet (källan som webbplatsen följer).",
                lambda r: r.promise.source.url,
            ),
            Column(
                "innehall",
                ColumnKind.TEXT,
                "aktiviteter, fokusområden (utan aktiviteter) eller ej publicerat.",
                lambda r: r.promise.content.value,
            ),
            Column(
                "ovriga_parter",
                ColumnKind.LIST,
                "Fler parter i löftet, till exempel ett bostadsbolag.",
                lambda r: list(r.promise.other_parties),
            ),
            Column(
                "undertecknat",
                ColumnKind.OPTIONAL_TEXT,
                "När löftet skrevs under, så exakt som källan anger det "
                "(år, år-månad eller datum).",
                lambda r: _partial(r.promise.signed),
            ),
            Column(
                "uppfoljning",
                ColumnKind.OPTIONAL_TEXT,
                "Hur ofta löftet följs upp: årsvis eller löpande (tomt om det inte anges).",
                lambda r: r.promise.cadence,
            ),
            Column(
                "avvikande_kalla",
                ColumnKind.OPTIONAL_TEXT,
                "Webbadress till en källa som säger något annat (tomt om ingen).",
                lambda r: r.promise.conflict.other.url if r.promise.conflict else None,
            ),
            Column(
                "avvikelse",
                ColumnKind.OPTIONAL_TEXT,
                "Vad den avvikande källan säger annorlunda (Markdown).",
                lambda r: r.promise.conflict.difference if r.promise.conflict else None,
            ),
            Column(
                "avvikelse_varfor",
                ColumnKind.OPTIONAL_TEXT,
                "Varför webbplatsen följer källan i kalla (Markdown).",
                lambda r: r.promise.conflict.reason if r.promise.conflict else None,
            ),
            Column(
                "beskrivning",
                ColumnKind.TEXT,
                "Vad löftet handlar om (Markdown).",
                lambda r: r.promise.description,
            ),
        ),
        lambda p: [Record(p)],
    ),
    Table(
        "kallor",
        "Källor",
        "Varje källa till ett löfte, en gång per löfte.",
        (
            *_KEY,
            Column("titel", ColumnKind.TEXT, "Källans namn.", lambda r: _source(r).title),
            Column("url", ColumnKind.TEXT, "Källans webbadress.", lambda r: _source(r).url),
            Column(
                "roll",
                ColumnKind.TEXT,
                "följs (källan webbplatsen följer), fler, avviker (en källa som säger något "
                "annat), område (ett fokusområdes källa) eller uppföljning (en uppföljning som "
                "någon annan har publicerat).",
                lambda r: r.kind,
            ),
        ),
        _sources,
    ),
    Table(
        "publicerade_uppfoljningar",
        "Uppföljningar publicerade av andra",
        "Uppföljningar som kommunen eller polisen har publicerat själva, med länk.",
        (
            *_KEY,
            Column(
                "ar",
                ColumnKind.INTEGER,
                "Året uppföljningen gäller.",
                lambda r: _published_follow_up(r).year,
            ),
            Column(
                "utgivare",
                ColumnKind.TEXT,
                "Vem som publicerade uppföljningen.",
                lambda r: _published_follow_up(r).publisher,
            ),
            Column(
                "titel",
                ColumnKind.TEXT,
                "Den publicerade textens namn.",
                lambda r: _published_follow_up(r).link.title,
            ),
            Column(
                "url",
                ColumnKind.TEXT,
                "Den publicerade textens webbadress.",
                lambda r: _published_follow_up(r).link.url,
            ),
            Column(
                "publicerad",
                ColumnKind.OPTIONAL_TEXT,
                "När den publicerades, så exakt som källan anger det (tomt om det inte syns).",
                lambda r: _partial(_published_follow_up(r).published),
            ),
            Column(
                "sammanfattning",
                ColumnKind.TEXT,
                "Vad uppföljningen tar upp (Markdown).",
                lambda r: _published_follow_up(r).summary,
            ),
        ),
        _published,
    ),
    Table(
        "omraden",
        "Fokusområden",
        "Löftets fokusområden.",
        (
            *_KEY,
            Column("id", ColumnKind.TEXT, "Områdets id.", lambda r: _area(r).id),
            Column("titel", ColumnKind.TEXT, "Områdets namn.", lambda r: _area(r).title),
            Column(
                "sammanfattning",
                ColumnKind.TEXT,
                "En mening om området.",
                lambda r: _area(r).summary,
            ),
            Column(
                "ordning",
                ColumnKind.INTEGER,
                "Ordningen områdena visas i.",
                lambda r: _area(r).order,
            ),
            Column(
                "beskrivning",
                ColumnKind.TEXT,
                "Vad polisen och kommunen vill uppnå (Markdown).",
                lambda r: _area(r).description,
            ),
            Column(
                "bakgrund",
                ColumnKind.TEXT,
                "Vad undersökningen och lägesbilderna visade (Markdown).",
                lambda r: _area(r).background,
            ),
            Column(
                "kalla",
                ColumnKind.OPTIONAL_TEXT,
                "Webbadress till områdets källa (tomt om samma som löftets).",
                lambda r: _url(_area(r).source),
            ),
        ),
        _areas,
    ),
    Table(
        "aktiviteter",
        "Aktiviteter",
        "Aktiviteterna som polisen och kommunen lovar.",
        (
            *_KEY,
            Column("id", ColumnKind.TEXT, "Aktivitetens id.", lambda r: _activity(r).id),
            Column(
                "omrade",
                ColumnKind.TEXT,
                "Id för fokusområdet aktiviteten hör till.",
                lambda r: _activity(r).area_id,
            ),
            Column("titel", ColumnKind.TEXT, "Aktivitetens namn.", lambda r: _activity(r).title),
            Column(
                "beskrivning",
                ColumnKind.TEXT,
                "Vad som ska göras (Markdown).",
                lambda r: _activity(r).description,
            ),
            Column(
                "ansvar",
                ColumnKind.TEXT,
                "polisen, kommunen eller båda.",
                lambda r: _activity(r).responsible.value,
            ),
            Column(
                "partner",
                ColumnKind.LIST,
                "Andra som deltar.",
                lambda r: list(_activity(r).partners),
            ),
            Column(
                "ar",
                ColumnKind.YEARS,
                "Åren aktiviteten pågår.",
                lambda r: list(_activity(r).years),
            ),
            Column(
                "platser",
                ColumnKind.LIST,
                "Orter som aktiviteten gäller.",
                lambda r: list(_activity(r).places),
            ),
            Column(
                "exempel",
                ColumnKind.BOOLEAN,
                "true om aktiviteten är ett påhittat exempel.",
                lambda r: _activity(r).example,
            ),
        ),
        _activities,
    ),
    Table(
        "uppfoljningar",
        "Uppföljningar",
        "Den årliga uppföljningen av varje aktivitet.",
        (
            *_KEY,
            Column(
                "aktivitet",
                ColumnKind.TEXT,
                "Id för aktiviteten som följs upp.",
                lambda r: _follow_up(r).activity_id,
            ),
            Column(
                "ar", ColumnKind.INTEGER, "Året uppföljningen gäller.", lambda r: _follow_up(r).year
            ),
            Column(
                "status",
                ColumnKind.TEXT,
                "planerad, pågår, genomförd, försenad eller avbruten.",
                lambda r: _follow_up(r).status.value,
            ),
            Column(
                "framsteg",
                ColumnKind.INTEGER,
                "Framsteg i procent, 0–100 (tomt om det inte anges).",
                lambda r: _follow_up(r).progress,
            ),
            Column(
                "text",
                ColumnKind.TEXT,
                "Vad som har gjorts (Markdown).",
                lambda r: _follow_up(r).text,
            ),
            Column(
                "granskad_polisen",
                ColumnKind.DATE,
                "Dagen polisen godkände texten.",
                lambda r: _date(_follow_up(r).approval.police),
            ),
            Column(
                "granskad_kommunen",
                ColumnKind.DATE,
                "Dagen kommunen godkände texten.",
                lambda r: _date(_follow_up(r).approval.municipality),
            ),
            Column(
                "exempel",
                ColumnKind.BOOLEAN,
                "true om uppföljningen är ett påhittat exempel.",
                lambda r: _follow_up(r).example,
            ),
        ),
        _follow_ups,
    ),
    Table(
        "uppfoljningslankar",
        "Länkar i uppföljningar",
        "Länkar som hör till en uppföljning.",
        (
            *_KEY,
            Column(
                "aktivitet",
                ColumnKind.TEXT,
                "Id för aktiviteten.",
                lambda r: _link(r)[0].activity_id,
            ),
            Column(
                "ar", ColumnKind.INTEGER, "Året uppföljningen gäller.", lambda r: _link(r)[0].year
            ),
            Column("titel", ColumnKind.TEXT, "Länkens text.", lambda r: _link(r)[1].title),
            Column("url", ColumnKind.TEXT, "Länkens webbadress.", lambda r: _link(r)[1].url),
        ),
        _links,
    ),
    Table(
        "indikatorer",
        "Indikatorer",
        "Mått som följs år för år.",
        (
            *_KEY,
            Column("id", ColumnKind.TEXT, "Indikatorns id.", lambda r: _indicator(r).id),
            Column(
                "omrade", ColumnKind.TEXT, "Id för fokusområdet.", lambda r: _indicator(r).area_id
            ),
            Column(
                "aktivitet",
                ColumnKind.OPTIONAL_TEXT,
                "Id för aktiviteten som mäts (tomt om ingen).",
                lambda r: _indicator(r).activity_id,
            ),
            Column("namn", ColumnKind.TEXT, "Vad som mäts.", lambda r: _indicator(r).name),
            Column(
                "typ",
                ColumnKind.TEXT,
                "aktivitetsmått (vad som gjorts) eller effektmått (vad som förändrats).",
                lambda r: _indicator(r).kind.value,
            ),
            Column(
                "riktning",
                ColumnKind.OPTIONAL_TEXT,
                "öka eller minska: vilket håll som är bättre (tomt om det inte anges).",
                lambda r: _direction(r),
            ),
            Column("enhet", ColumnKind.TEXT, "Måttets enhet.", lambda r: _indicator(r).unit),
            Column(
                "kalla", ColumnKind.TEXT, "Varifrån värdena kommer.", lambda r: _indicator(r).source
            ),
            Column(
                "exempel",
                ColumnKind.BOOLEAN,
                "true om indikatorn är ett påhittat exempel.",
                lambda r: _indicator(r).example,
            ),
        ),
        _indicators,
    ),
    Table(
        "indikatorvarden",
        "Indikatorvärden",
        "Utgångsvärde, mätvärden och mål.",
        (
            *_KEY,
            Column(
                "indikator", ColumnKind.TEXT, "Id för indikatorn.", lambda r: _measured(r)[0].id
            ),
            Column("slag", ColumnKind.TEXT, "utgångsvärde, mätvärde eller mål.", lambda r: r.kind),
            Column("ar", ColumnKind.INTEGER, "Året värdet gäller.", lambda r: _measured(r)[1].year),
            Column(
                "varde",
                ColumnKind.NUMBER,
                "Värdet, med punkt som decimaltecken.",
                lambda r: _measured(r)[1].value,
            ),
            Column(
                "kalla",
                ColumnKind.OPTIONAL_TEXT,
                "Källa för just detta värde (tomt om samma som indikatorns).",
                lambda r: _measured(r)[1].source,
            ),
        ),
        _measurements,
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}


def tables(dataset: Dataset) -> dict[str, list[Row]]:
    """Every record of the data set, as rows of the open-data tables: each column says once
    what it is called and where its value comes from."""
    return {
        table.name: [
            {column.name: column.value(record) for column in table.columns}
            for promise in dataset.promises
            for record in table.records(promise)
        ]
        for table in TABLES
    }


# --- CSV and JSON ----------------------------------------------------------------------------

_LIST_SEPARATOR = "; "


def _to_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_list(text: str) -> list[str]:
    return text.split(_LIST_SEPARATOR) if text else []


_PARSERS: dict[ColumnKind, Callable[[str], Value]] = {
    ColumnKind.TEXT: lambda t: t,
    ColumnKind.OPTIONAL_TEXT: lambda t: t or None,
    ColumnKind.DATE: lambda t: t or None,
    ColumnKind.INTEGER: lambda t: int(t) if t else None,
    ColumnKind.NUMBER: lambda t: float(t) if t else None,
    ColumnKind.BOOLEAN: lambda t: t == "true",
    ColumnKind.LIST: _parse_list,
    ColumnKind.YEARS: lambda t: [int(v) for v in _parse_list(t)],
}


def write_csv(table: Table, rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([csv_cells.protect(_to_text(row[c.name])) for c in table.columns])
    return out.getvalue()


def read_csv(table: Table, content: str) -> list[Row]:
    reader = csv.reader(io.StringIO(content, newline=""))
    header = next(reader)
    if header != [c.name for c in table.columns]:
        raise ValueError(f"unexpected columns in {table.name}.csv: {header}")
    return [
        {
            c.name: _PARSERS[c.kind](csv_cells.unprotect(cell))
            for c, cell in zip(table.columns, record, strict=True)
        }
        for record in reader
    ]


# --- The same tables for a spreadsheet -----------------------------------------------------------
# Swedish Excel reads a CSV file with its list separator (semicolon) and, without a byte order
# mark, as Windows-1252. This dialect has both, and decimal commas, so a double click opens the
# table in columns with å, ä and ö intact. The plain CSV above stays as it is for programs.

EXCEL_SUFFIX = pages.EXCEL_SUFFIX  # aktiviteter-excel.csv beside aktiviteter.csv
BOM = "\ufeff"


_NUMERIC = (ColumnKind.INTEGER, ColumnKind.NUMBER)


def _to_excel_text(value: Value, kind: ColumnKind) -> str:
    """Numbers with a decimal comma; texts guarded against formulas (see csv_cells)."""
    text = _to_text(value)
    if kind is ColumnKind.NUMBER:
        return text.replace(".", ",")
    return text if kind in _NUMERIC else csv_cells.protect(text)


def write_excel_csv(header: list[str], rows: list[list[str]]) -> str:
    """Cells already as text: semicolons, a BOM and Windows line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue()


def write_table_excel(table: Table, rows: list[Row]) -> str:
    return write_excel_csv(
        [c.name for c in table.columns],
        [[_to_excel_text(row[c.name], c.kind) for c in table.columns] for row in rows],
    )


def read_excel_csv(content: str) -> tuple[list[str], list[list[str]]]:
    """The header and the cells of a spreadsheet CSV; refuses one without the BOM."""
    if not content.startswith(BOM):
        raise ValueError("the spreadsheet CSV has no byte order mark")
    records = list(csv.reader(io.StringIO(content[1:], newline=""), delimiter=";"))
    return records[0], records[1:]


def _decimal_comma(text: str) -> Value:
    return float(text.replace(",", ".")) if text else None


def read_table_excel(table: Table, content: str) -> list[Row]:
    header, records = read_excel_csv(content)
    if header != [c.name for c in table.columns]:
        raise ValueError(f"unexpected columns in {table.name}{EXCEL_SUFFIX}.csv: {header}")
    parse = {**_PARSERS, ColumnKind.NUMBER: _decimal_comma}
    return [
        {
            c.name: parse[c.kind](cell if c.kind in _NUMERIC else csv_cells.unprotect(cell))
            for c, cell in zip(table.columns, record, strict=True)
        }
        for record in records
    ]


def write_json(table: Table, rows: list[Row]) -> str:
    """One row a line: readable, and written by json's C encoder (which an indented document
    would not use; a county's tables hold tens of thousands of rows)."""
    head = json.dumps({"tabell": table.name, "licens": LICENCE}, ensure_ascii=False, indent=2)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = ",\n".join("    " + encode(row) for row in rows)
    body = f"[\n{lines}\n  ]" if rows else "[]"
    return head.removesuffix("\n}") + f',\n  "rader": {body}\n}}\n'


def read_json(table: Table, content: str) -> list[Row]:
    document: Any = json.loads(content)
    rows: list[Row] = document["rader"]
    return rows
