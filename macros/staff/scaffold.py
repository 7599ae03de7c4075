"""The files staff start from: the next promise period (`lofte ny-period`) and next year's
follow-up drafts (`lofte ny-uppfoljning`).

Each function takes the validated data set and returns the files to write, by their path below
`data/`, or raises `ScaffoldError` with a Swedish sentence that says what to do instead. Nothing
here writes: the command does, and it never overwrites a file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

from macros import progress
from macros.data import layout
from macros.data.problems import did_you_mean
from macros.model import Dataset, Promise, Status
from macros.staff import editor_schema

_PERIOD = re.compile(r"^(?P<start>[0-9]{4})(?:-(?P<end>[0-9]{4}))?$")
_PLAIN = re.compile(r"^[A-Za-zÅÄÖåäöÉé0-9][A-Za-zÅÄÖåäöÉé0-9 ,.()–/-]*$")
MAX_PERIOD_YEARS = 10


class ScaffoldError(Exception):
    """What the staff asked for cannot be made; the message says why and what to do."""


def parse_period(text: str) -> tuple[int, int]:
    """START-SLUT (2026-2028) or a single year (2026) as (start, end)."""
    match = _PERIOD.match(text.strip())
    if match is None:
        raise ScaffoldError(
            f'perioden "{text}" ska skrivas som startår-slutår, till exempel 2026-2028.'
        )
    start = int(match["start"])
    end = int(match["end"] or start)
    if not 2000 <= start <= 2100 or not start <= end <= start + MAX_PERIOD_YEARS:
        raise ScaffoldError(
            f'perioden "{text}" går inte: slutåret ska vara samma som eller upp till '
            f"{MAX_PERIOD_YEARS} år efter startåret, och åren mellan 2000 och 2100."
        )
    return start, end


def period_folder(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def _scalar(value: str) -> str:
    """A YAML value: plain when that is safe, otherwise in double quotes."""
    return value if _PLAIN.match(value) else json.dumps(value, ensure_ascii=False)


def _previous(dataset: Dataset, municipality_id: str, source: str | None) -> Promise:
    promises = dataset.promises_of(municipality_id)
    if source is None:
        return promises[0]
    for promise in promises:
        if promise.slug == source:
            return promise
    slugs = [p.slug for p in promises]
    raise ScaffoldError(
        f'kommunen "{municipality_id}" har inget löfte för perioden "{source}".'
        f"{did_you_mean(source, slugs)} De som finns: {', '.join(slugs)}."
    )


def new_period(
    dataset: Dataset, data: Path, municipality_id: str, period: str, source: str | None
) -> dict[PurePosixPath, str]:
    """The files of a new draft promise, started from the previous one (or `source`)."""
    ids = [m.id for m in dataset.municipalities]
    if municipality_id not in ids:
        raise ScaffoldError(
            f'kommunen "{municipality_id}" finns inte i {data}.'
            f"{did_you_mean(municipality_id, ids)} "
            f"De som finns: {', '.join(ids) or 'inga'}. En ny kommun läggs till med en mapp "
            "och en kommun.yml (se data/README.md)."
        )
    start, end = parse_period(period)
    folder = period_folder(start, end)
    for other in dataset.promises_of(municipality_id):
        if start <= other.end_year and other.start_year <= end:
            raise ScaffoldError(
                f"perioden {start}–{end} överlappar löftet {other.period_label} "
                f"({data.name}/{other.key}/). Varje år hör till ett enda löfte: låt det nya "
                f"börja {other.end_year + 1} eller senare, eller välj en period före "
                f"{other.start_year}."
            )
    previous = _previous(dataset, municipality_id, source)
    files = {
        layout.promise_file(municipality_id, folder): _promise_text(
            previous, municipality_id, folder, start, end
        )
    }
    for area in previous.areas:
        old = data / layout.area_file(municipality_id, previous.slug, area.id)
        files[layout.area_file(municipality_id, folder, area.id)] = old.read_text(encoding="utf-8")
    return files


def _promise_text(
    previous: Promise, municipality_id: str, folder: str, start: int, end: int
) -> str:
    relative = layout.promise_file(municipality_id, folder)
    label = str(start) if start == end else f"{start}–{end}"
    lines = [
        editor_schema.comment_for(relative, layout.FileKind.PROMISE),
        f"# Medborgarlöftet för {label}, påbörjat från löftet {previous.period_label} med",
        "# lofte ny-period. Så här gör ni:",
        "# 1. Skriv titel, underlag och beskrivning för den nya perioden.",
        "# 2. Fokusområdena i omraden/ är kopierade från förra löftet: ändra, ta bort eller lägg",
        "#    till. Skriv aktiviteterna i aktiviteter/<område>.yml (se data/README.md).",
        "# 3. När polisen och kommunen har skrivit under: ta bort raden utkast: true och skriv",
        "#    dagen under undertecknat, till exempel undertecknat: " + f"{start}-03-01.",
        "#    Sätt då tillstand: avslutat i förra löftets lofte.yml.",
        "# Så länge utkast: true står kvar visas löftet bara i förhandsversionen (make preview),",
        "# märkt Utkast – ej undertecknat, och aldrig på den publicerade webbplatsen eller i",
        "# öppna data.",
        "utkast: true",
        f"titel: {_scalar(f'Medborgarlöfte {label}')}",
        "period:",
        f"  start: {start}",
        f"  slut: {end}",
        "tillstand: pågående",
        "parter:",
        f"  polisen: {_scalar(previous.police_party)}",
        f"  kommunen: {_scalar(previous.municipality_party)}",
        "# Underlaget för förra löftet: byt mot de nya lägesbilderna och trygghetsmätningarna.",
        "underlag:",
        *(f"  - {_scalar(item)}" for item in previous.based_on),
        "uppfoljning: årsvis",
        "aterkoppling:",
        *(f"  - {_scalar(item)}" for item in previous.feedback_channels),
        "# Länken till förra löftet: byt till det nya när det är publicerat.",
        "kalla:",
        f"  titel: {_scalar(previous.source.title)}",
        f"  url: {_scalar(previous.source.url)}",
        "beskrivning: |",
        f"  Skriv här vad polisen och kommunen lovar invånarna under {label}, och varför.",
    ]
    return "\n".join(lines) + "\n"


def new_follow_ups(
    dataset: Dataset, year: int, municipality_id: str | None = None
) -> dict[PurePosixPath, str]:
    """One draft file per focus area with activities running `year`, in every promise that
    runs that year (or only the municipality's)."""
    promises = list(dataset.promises)
    if municipality_id is not None:
        ids = [m.id for m in dataset.municipalities]
        if municipality_id not in ids:
            raise ScaffoldError(
                f'kommunen "{municipality_id}" finns inte.{did_you_mean(municipality_id, ids)} '
                f"De som finns: {', '.join(ids) or 'inga'}."
            )
        promises = [p for p in promises if p.municipality.id == municipality_id]
    running = [p for p in promises if year in p.years]
    if not running:
        latest = sorted(promises, key=lambda p: p.end_year)[-1:] if promises else []
        hint = (
            f" Det senaste löftet ({latest[0].municipality.id}, {latest[0].period_label}) "
            f"slutade {latest[0].end_year}. Starta nästa löfte med "
            f"lofte ny-period {latest[0].municipality.id} {year}-{year + 2}, skriv dess "
            "aktiviteter och kör sedan lofte ny-uppfoljning igen."
            if latest
            else ""
        )
        raise ScaffoldError(f"inget löfte pågår {year}, så det finns inget att följa upp.{hint}")
    files: dict[PurePosixPath, str] = {}
    for promise in running:
        for area in promise.areas:
            activities = progress.running(promise, year, area.id)
            if not activities:
                continue
            relative = layout.follow_up_file(promise.municipality.id, promise.slug, year, area.id)
            lines = [
                editor_schema.comment_for(relative, layout.FileKind.FOLLOW_UPS),
                f"# Uppföljning {year} av {area.title}. För varje aktivitet: skriv under text vad",
                "# som gjordes (indraget sex mellanslag) och rätta status. framsteg är hur långt",
                "# aktiviteten har kommit (0–100 procent); ta bort # framför raden om ni fyller i",
                "# den. När polisen och kommunen har godkänt texten: ta bort # framför granskad",
                "# och dess datum, skriv rätt datum och ta bort raden utkast: true. Då",
                "# publiceras uppföljningen.",
                f"ar: {year}",
                "uppfoljningar:",
            ]
            for activity in activities:
                before = promise.follow_up(activity.id, year - 1)
                carried = before.status.value if before else Status.PLANNED.value
                lines += [
                    f"  # {activity.title}",
                    f"  - aktivitet: {activity.id}",
                    f"    status: {carried}",
                    "    text: |",
                    "    # framsteg: 50",
                    "    # granskad:",
                    f"    #   polisen: {year}-11-15",
                    f"    #   kommunen: {year}-11-15",
                    "    utkast: true",
                ]
            files[relative] = "\n".join(lines) + "\n"
    if not files:
        names = ", ".join(f"{p.municipality.id}/{p.slug}" for p in running)
        raise ScaffoldError(
            f"löftet {names} pågår {year} men har inga aktiviteter det året. Skriv "
            "aktiviteterna i aktiviteter/<område>.yml först (se data/README.md)."
        )
    return files
