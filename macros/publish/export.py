"""Open data: the model as tables, written as CSV and JSON, and read back for round-trip checks.

Every table has one list of columns with a type and a Swedish description; the writers, the
readers and the page that documents the fields all use that one list.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.model import Dataset, Indicator, Measurement, Promise

Value = str | int | float | bool | None | list[str] | list[int]
Row = dict[str, Value]

LICENCE = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # a key of _PARSERS: how a CSV cell is read back
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]


_KEY = (
    Column("kommun", "text", "Kommunens id (mappnamn), till exempel robertsfors."),
    Column("period", "text", "Löftesperiodens id (mappnamn), till exempel 2023-2025."),
)

TABLES = (
    Table(
        "loften",
        "Medborgarlöften",
        "Ett löfte per kommun och period.",
        (
            *_KEY,
            Column("kommunnamn", "text", "Kommunens namn."),
            Column("kommunkod", "text", "Kommunkoden, fyra siffror."),
            Column("titel", "text", "Löftets titel."),
            Column("start", "heltal", "Första året löftet gäller."),
            Column("slut", "heltal", "Sista året löftet gäller."),
            Column("tillstand", "text", "pågående eller avslutat."),
            Column("polisen", "text", "Polisens part i löftet."),
            Column("kommunen", "text", "Kommunens part i löftet."),
            Column("underlag", "lista", "Vad löftet bygger på."),
            Column("kalla", "text", "Webbadress till det publicerade löftet."),
        ),
    ),
    Table(
        "omraden",
        "Fokusområden",
        "Löftets fokusområden.",
        (
            *_KEY,
            Column("id", "text", "Områdets id."),
            Column("titel", "text", "Områdets namn."),
            Column("sammanfattning", "text", "En mening om området."),
            Column("ordning", "heltal", "Ordningen områdena visas i."),
            Column("beskrivning", "text", "Vad polisen och kommunen vill uppnå (Markdown)."),
            Column("bakgrund", "text", "Vad undersökningen och lägesbilderna visade (Markdown)."),
        ),
    ),
    Table(
        "aktiviteter",
        "Aktiviteter",
        "Aktiviteterna som polisen och kommunen lovar.",
        (
            *_KEY,
            Column("id", "text", "Aktivitetens id."),
            Column("omrade", "text", "Id för fokusområdet aktiviteten hör till."),
            Column("titel", "text", "Aktivitetens namn."),
            Column("beskrivning", "text", "Vad som ska göras (Markdown)."),
            Column("ansvar", "text", "polisen, kommunen eller båda."),
            Column("partner", "lista", "Andra som deltar."),
            Column("ar", "årtalslista", "Åren aktiviteten pågår."),
            Column("platser", "lista", "Orter som aktiviteten gäller."),
            Column("exempel", "sant/falskt", "true om aktiviteten är ett påhittat exempel."),
        ),
    ),
    Table(
        "uppfoljningar",
        "Uppföljningar",
        "Den årliga uppföljningen av varje aktivitet.",
        (
            *_KEY,
            Column("aktivitet", "text", "Id för aktiviteten som följs upp."),
            Column("ar", "heltal", "Året uppföljningen gäller."),
            Column("status", "text", "planerad, pågår, genomförd, försenad eller avbruten."),
            Column("framsteg", "heltal", "Framsteg i procent, 0–100 (tomt om det inte anges)."),
            Column("text", "text", "Vad som har gjorts (Markdown)."),
            Column("granskad_polisen", "datum", "Dagen polisen godkände texten."),
            Column("granskad_kommunen", "datum", "Dagen kommunen godkände texten."),
            Column("exempel", "sant/falskt", "true om uppföljningen är ett påhittat exempel."),
        ),
    ),
    Table(
        "uppfoljningslankar",
        "Länkar i uppföljningar",
        "Länkar som hör till en uppföljning.",
        (
            *_KEY,
            Column("aktivitet", "text", "Id för aktiviteten."),
            Column("ar", "heltal", "Året uppföljningen gäller."),
            Column("titel", "text", "Länkens text."),
            Column("url", "text", "Länkens webbadress."),
        ),
    ),
    Table(
        "indikatorer",
        "Indikatorer",
        "Mått som följs år för år.",
        (
            *_KEY,
            Column("id", "text", "Indikatorns id."),
            Column("omrade", "text", "Id för fokusområdet."),
            Column("aktivitet", "valfri text", "Id för aktiviteten som mäts (tomt om ingen)."),
            Column("namn", "text", "Vad som mäts."),
            Column(
                "typ",
                "text",
                "aktivitetsmått (vad som gjorts) eller effektmått (vad som förändrats).",
            ),
            Column("enhet", "text", "Måttets enhet."),
            Column("kalla", "text", "Varifrån värdena kommer."),
            Column("exempel", "sant/falskt", "true om indikatorn är ett påhittat exempel."),
        ),
    ),
    Table(
        "indikatorvarden",
        "Indikatorvärden",
        "Utgångsvärde, mätvärden och mål.",
        (
            *_KEY,
            Column("indikator", "text", "Id för indikatorn."),
            Column("slag", "text", "utgångsvärde, mätvärde eller mål."),
            Column("ar", "heltal", "Året värdet gäller."),
            Column("varde", "tal", "Värdet, med punkt som decimaltecken."),
            Column(
                "kalla",
                "valfri text",
                "Källa för just detta värde (tomt om samma som indikatorns).",
            ),
        ),
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}


def _key(p: Promise) -> Row:
    return {"kommun": p.municipality.id, "period": p.slug}


def _measurement(p: Promise, ind: Indicator, kind: str, m: Measurement) -> Row:
    return {
        **_key(p),
        "indikator": ind.id,
        "slag": kind,
        "ar": m.year,
        "varde": m.value,
        "kalla": m.source,
    }


def tables(dataset: Dataset) -> dict[str, list[Row]]:
    """Every record of the data set, as rows of the open-data tables."""
    tables: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    for p in dataset.promises:
        key = _key(p)
        tables["loften"].append(
            {
                **key,
                "kommunnamn": p.municipality.name,
                "kommunkod": p.municipality.code,
                "titel": p.title,
                "start": p.start_year,
                "slut": p.end_year,
                "tillstand": p.state.value,
                "polisen": p.police_party,
                "kommunen": p.municipality_party,
                "underlag": list(p.based_on),
                "kalla": p.source.url,
            }
        )
        for a in p.areas:
            tables["omraden"].append(
                {
                    **key,
                    "id": a.id,
                    "titel": a.title,
                    "sammanfattning": a.summary,
                    "ordning": a.order,
                    "beskrivning": a.description,
                    "bakgrund": a.background,
                }
            )
        for act in p.activities:
            tables["aktiviteter"].append(
                {
                    **key,
                    "id": act.id,
                    "omrade": act.area_id,
                    "titel": act.title,
                    "beskrivning": act.description,
                    "ansvar": act.responsible.value,
                    "partner": list(act.partners),
                    "ar": list(act.years),
                    "platser": list(act.places),
                    "exempel": act.example,
                }
            )
        for f in p.follow_ups:
            tables["uppfoljningar"].append(
                {
                    **key,
                    "aktivitet": f.activity_id,
                    "ar": f.year,
                    "status": f.status.value,
                    "framsteg": f.progress,
                    "text": f.text,
                    "granskad_polisen": f.approval.police.isoformat()
                    if f.approval.police
                    else None,
                    "granskad_kommunen": (
                        f.approval.municipality.isoformat() if f.approval.municipality else None
                    ),
                    "exempel": f.example,
                }
            )
            for link in f.links:
                tables["uppfoljningslankar"].append(
                    {
                        **key,
                        "aktivitet": f.activity_id,
                        "ar": f.year,
                        "titel": link.title,
                        "url": link.url,
                    }
                )
        for ind in p.indicators:
            tables["indikatorer"].append(
                {
                    **key,
                    "id": ind.id,
                    "omrade": ind.area_id,
                    "aktivitet": ind.activity_id,
                    "namn": ind.name,
                    "typ": ind.kind.value,
                    "enhet": ind.unit,
                    "kalla": ind.source,
                    "exempel": ind.example,
                }
            )
            values = tables["indikatorvarden"]
            values.append(_measurement(p, ind, "utgångsvärde", ind.baseline))
            values.extend(_measurement(p, ind, "mätvärde", m) for m in ind.values)
            if ind.target is not None:
                values.append(_measurement(p, ind, "mål", ind.target))
    return tables


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


_PARSERS: dict[str, Callable[[str], Value]] = {
    "text": lambda t: t,
    "valfri text": lambda t: t or None,
    "datum": lambda t: t or None,
    "heltal": lambda t: int(t) if t else None,
    "tal": lambda t: float(t) if t else None,
    "sant/falskt": lambda t: t == "true",
    "lista": _parse_list,
    "årtalslista": lambda t: [int(v) for v in _parse_list(t)],
}


def write_csv(table: Table, rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([_to_text(row[c.name]) for c in table.columns])
    return out.getvalue()


def read_csv(table: Table, content: str) -> list[Row]:
    reader = csv.reader(io.StringIO(content, newline=""))
    header = next(reader)
    if header != [c.name for c in table.columns]:
        raise ValueError(f"unexpected columns in {table.name}.csv: {header}")
    return [
        {c.name: _PARSERS[c.kind](cell) for c, cell in zip(table.columns, record, strict=True)}
        for record in reader
    ]


def write_json(table: Table, rows: list[Row]) -> str:
    document = {"tabell": table.name, "licens": LICENCE, "rader": rows}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_json(table: Table, content: str) -> list[Row]:
    document: Any = json.loads(content)
    rows: list[Row] = document["rader"]
    return rows
