"""Turning loaded files into the model, or into a list of problems that says what to fix.

Every rule that involves more than one field or file lives here: unique ids, references between
areas, activities, follow-ups and indicators, years inside the period, approvals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from macros.data import approval, layout, schema
from macros.data.load import YamlFile, YamlMap
from macros.data.problems import Problem, did_you_mean
from macros.format import format_number
from macros.model import (
    Activity,
    Approval,
    Contact,
    Content,
    Direction,
    FocusArea,
    FollowUp,
    Indicator,
    IndicatorKind,
    Link,
    Measurement,
    Municipality,
    Origin,
    PartialDate,
    Party,
    PeriodState,
    Promise,
    PublishedFollowUp,
    SourceConflict,
    Status,
)


@dataclass(frozen=True)
class PromiseFiles:
    """The files of one promise folder, as read from disk."""

    slug: str
    promise: YamlFile
    areas: tuple[YamlFile, ...]
    activities: tuple[YamlFile, ...]
    follow_ups: tuple[tuple[str, YamlFile], ...]  # (name of the year folder, file)
    indicators: tuple[YamlFile, ...]
    # Folders with a file that could not be read at all: ids defined there are unknown, so
    # references to them are not reported (the unreadable file is, and that is the fix).
    unreadable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Known:
    """The ids of one kind that a promise defines, and whether a reference may be judged.

    An id whose own record is broken, or any id while a file of that kind is unreadable,
    is not reported as unknown where it is used: the broken record is reported instead."""

    valid: set[str]
    broken: set[str]
    incomplete: bool = False

    def unknown(self, ident: str) -> bool:
        return not self.incomplete and ident not in self.valid and ident not in self.broken


def _raw_ids(file: YamlFile, list_key: str | None = None) -> set[str]:
    """The ids written in a file (or in the items of one of its lists), valid or not."""
    items = file.content.get(list_key) if list_key else [file.content]
    if not isinstance(items, list):
        return set()
    return {str(i.get("id")) for i in items if isinstance(i, dict) and "id" in i}


def _read(
    file: YamlFile,
    fields: list[schema.Field],
    what: str,
    problems: list[Problem],
    titles: dict[str, str] | None = None,
) -> dict[str, Any]:
    year = file.content.get("ar")
    at = schema.At(
        file.path,
        file.content.line,
        "",
        problems,
        titles=titles or {},
        year=year.strip() if isinstance(year, str) and year.strip().isdigit() else "",
    )
    return schema.read_record(file.content, fields, at, what)


def _origin(file: YamlFile, line: int | None = None) -> Origin:
    return Origin(file.path, line if line is not None else file.content.line)


def _item_lines(file: YamlFile, key: str) -> list[int]:
    items = file.content.get(key)
    return list(getattr(items, "lines", []))


def build_municipality(slug: str, file: YamlFile, problems: list[Problem]) -> Municipality:
    v = _read(file, schema.MUNICIPALITY, "kommunfilen", problems)
    return Municipality(
        id=slug,
        name=v["namn"],
        short_name=v["kortnamn"],
        code=v["kommunkod"],
        county=v["lan"],
        website=v["webbplats"],
        origin=_origin(file),
        contact=_contact(v["oppna_data_kontakt"]),
        contacts=tuple(v["kontakter"] or ()),
    )


def _contact(v: dict[str, Any] | None) -> Contact | None:
    """None only when the field is missing or wrong, which is reported already."""
    return None if v is None else Contact(v["namn"], v["epost"])


def build_promise(
    municipality: Municipality,
    files: PromiseFiles,
    problems: list[Problem],
    today: dt.date | None = None,
) -> Promise | None:
    """Build one promise; return None (with problems reported) when anything is wrong."""
    before = len(problems)
    v = _read(files.promise, schema.PROMISE, "löftesfilen", problems)
    period = v["period"] or {}
    start, end = period.get("start"), period.get("slut")
    years: set[int] | None = None
    if isinstance(start, int) and isinstance(end, int):
        if start <= end <= start + 10:
            years = set(range(start, end + 1))
        else:
            problems.append(
                Problem(
                    files.promise.path,
                    files.promise.content.lines.get("period", 1),
                    f'"period" går från {start} till {end}, men slutåret ska vara samma som '
                    "eller upp till tio år efter startåret.",
                )
            )

    content = Content(v["innehall"]) if v["innehall"] else Content.ACTIVITIES
    problems += _content_rules(files, content)
    if content is not Content.ACTIVITIES:
        # The files this kind of promise cannot have are reported; nothing is built from them.
        files = replace(files, activities=(), follow_ups=(), indicators=())
    areas, broken_areas = _build_areas(files, content, problems)
    area_ids = Known({a.id for a in areas}, broken_areas, layout.AREAS in files.unreadable)
    activities, broken_activities = _build_activities(files, area_ids, years, problems)
    activity_ids = Known(
        {a.id for a in activities}, broken_activities, layout.ACTIVITIES in files.unreadable
    )
    by_id = {a.id: a for a in activities}
    follow_ups = _build_follow_ups(
        files, by_id, activity_ids, years, problems, today or dt.date.today()
    )
    indicators = _build_indicators(files, area_ids, by_id, activity_ids, years, problems)
    if v["utkast"] and v["undertecknat"] is not None:
        problems.append(
            Problem(
                files.promise.path,
                files.promise.content.lines["undertecknat"],
                '"undertecknat" är ifyllt, men löftet är fortfarande utkast. Ta bort raden '
                '"utkast: true" när båda parterna har skrivit under.',
            )
        )
    parties = v["parter"] or {}
    problems += _party_rules(files.promise, parties)
    problems += _source_rules(files.promise, v)
    signed = v["undertecknat"]
    if signed is not None and years is not None and not min(years) - 1 <= signed.year <= max(years):
        problems.append(
            Problem(
                files.promise.path,
                files.promise.content.lines["undertecknat"],
                f'"undertecknat" är {signed.isoformat()}, men löftet gäller '
                f"{min(years)}–{max(years)}. Det skrivs under året före perioden eller under "
                "den.",
            )
        )
    published = _build_published_follow_ups(files.promise, v, years, problems)
    conflict = _conflict(files.promise, v)
    if len(problems) > before or years is None:
        return None
    return Promise(
        municipality=municipality,
        slug=files.slug,
        title=v["titel"],
        start_year=min(years),
        end_year=max(years),
        state=PeriodState(v["tillstand"]),
        police_party=v["parter"]["polisen"],
        municipality_party=v["parter"]["kommunen"],
        based_on=v["underlag"],
        cadence=v["uppfoljning"],
        feedback_channels=v["aterkoppling"],
        source=Link(v["kalla"]["titel"], v["kalla"]["url"]),
        description=v["beskrivning"],
        origin=_origin(files.promise),
        draft=bool(v["utkast"]),
        signed=v["undertecknat"],
        areas=tuple(sorted(areas, key=lambda a: (a.order, a.id))),
        activities=tuple(activities),
        follow_ups=tuple(sorted(follow_ups, key=lambda f: (f.year, f.activity_id))),
        indicators=tuple(indicators),
        title_en=v["titel_en"],
        content=content,
        other_parties=parties.get("ovriga") or (),
        more_sources=tuple(Link(k["titel"], k["url"]) for k in v["fler_kallor"] or () if k),
        published_follow_ups=tuple(published),
        conflict=conflict,
    )


_CONTENT_FIX = {
    Content.FOCUS_AREAS: (
        "löftet har innehall: fokusområden, så det har inga aktiviteter, uppföljningar "
        "eller indikatorer här"
    ),
    Content.UNPUBLISHED: (
        "löftet har innehall: ej publicerat, så det har inga fokusområden, aktiviteter, "
        "uppföljningar eller indikatorer här"
    ),
}


def _content_rules(files: PromiseFiles, content: Content) -> list[Problem]:
    """A promise that is only focus statements, or whose content is not published, has no
    files of the kinds it does not have: each such file is reported, with the way out."""
    if content is Content.ACTIVITIES:
        return []
    extra = [*files.activities, *(f for _, f in files.follow_ups), *files.indicators]
    if content is Content.UNPUBLISHED:
        extra = [*files.areas, *extra]
    return [
        Problem(
            f.path,
            1,
            f"{_CONTENT_FIX[content]}. Ta bort filen, eller ändra innehall i {files.promise.path}.",
        )
        for f in extra
    ]


def _party_rules(file: YamlFile, parties: dict[str, Any]) -> list[Problem]:
    others = parties.get("ovriga") or ()
    named = [parties.get("polisen"), parties.get("kommunen")]
    found = []
    seen: set[str] = set()
    raw = file.content.get("parter")
    line = raw.lines.get("ovriga", raw.line) if isinstance(raw, YamlMap) else file.content.line
    for other in others:
        if other in named or other in seen:
            found.append(
                Problem(
                    file.path,
                    line,
                    f'"parter.ovriga" nämner "{other}" två gånger. Varje part ska stå en gång.',
                )
            )
        seen.add(other)
    return found


def _source_rules(file: YamlFile, v: dict[str, Any]) -> list[Problem]:
    """Every source address once: the main source, the further ones and a disagreeing one."""
    main = (v["kalla"] or {}).get("url")
    urls = [main] + [k.get("url") for k in v["fler_kallor"] or () if k]
    conflict = v["kallor_skiljer_sig"]
    if conflict and conflict.get("kalla"):
        urls.append(conflict["kalla"]["url"])
    counts = Counter(u for u in urls if u)
    return [
        Problem(
            file.path,
            file.content.lines.get("fler_kallor", file.content.line),
            f"källan {url} står mer än en gång (i kalla, fler_kallor eller "
            "kallor_skiljer_sig). Varje källa ska stå en gång; den som webbplatsen "
            "följer står i kalla.",
        )
        for url, n in counts.items()
        if n > 1
    ]


def _conflict(file: YamlFile, v: dict[str, Any]) -> SourceConflict | None:
    raw = v["kallor_skiljer_sig"]
    if not raw:
        return None
    return SourceConflict(
        other=Link(raw["kalla"]["titel"], raw["kalla"]["url"]),
        difference=raw["skillnad"],
        reason=raw["varfor"],
        origin=_origin(file, file.content.lines.get("kallor_skiljer_sig")),
    )


def _build_published_follow_ups(
    file: YamlFile, v: dict[str, Any], years: set[int] | None, problems: list[Problem]
) -> list[PublishedFollowUp]:
    """Follow-ups published elsewhere: one per year, inside the period, not published before
    the year they report on began."""
    found = []
    for item, line in zip(
        v["publicerad_uppfoljning"] or (), _item_lines(file, "publicerad_uppfoljning"), strict=False
    ):
        if not item:
            continue
        year = item["ar"]
        day: PartialDate | None = item["publicerad"]
        if years is not None and year not in years:
            problems.append(
                Problem(
                    file.path,
                    line,
                    f'"publicerad_uppfoljning" gäller {year}, men löftet gäller '
                    f"{min(years)}–{max(years)}.",
                )
            )
        if day is not None and day.year < year:
            problems.append(
                Problem(
                    file.path,
                    line,
                    f'"publicerad" är {day.isoformat()}, men en uppföljning av {year} kan '
                    f"inte publiceras före {year}.",
                )
            )
        found.append(
            PublishedFollowUp(
                year=year,
                publisher=item["utgivare"],
                link=Link(item["kalla"]["titel"], item["kalla"]["url"]),
                published=day,
                summary=item["sammanfattning"],
                origin=Origin(file.path, line),
            )
        )
    problems += _twice_in_a_year(
        found, "det finns mer än en publicerad uppföljning av {year}. Skriv en per år."
    )
    return found


def _report_duplicates(ids: list[tuple[str, Origin]], what: str, problems: list[Problem]) -> None:
    seen: dict[str, Origin] = {}
    for ident, origin in ids:
        if ident in seen:
            problems.append(
                Problem(
                    origin.path,
                    origin.line,
                    f'{what} "{ident}" finns redan i {seen[ident]}. Varje id får bara '
                    "användas en gång: byt namn på det ena.",
                )
            )
        else:
            seen[ident] = origin


def _build_areas(
    files: PromiseFiles, content: Content, problems: list[Problem]
) -> tuple[list[FocusArea], set[str]]:
    areas: list[FocusArea] = []
    written: set[str] = set()
    if content is Content.UNPUBLISHED:
        return areas, written  # any area file is reported by _content_rules
    for file in files.areas:
        written |= _raw_ids(file)
        before = len(problems)
        v = _read(file, schema.AREA, "områdesfilen", problems)
        if len(problems) > before:
            continue  # reported; its id is known from `written`, so no follow-on problems
        if v["id"] in layout.RESERVED_AREA_IDS:
            problems.append(
                Problem(
                    file.path,
                    file.content.lines["id"],
                    f'"id" är "{v["id"]}", men det ordet används redan av webbplatsen. '
                    "Välj ett annat id.",
                )
            )
        areas.append(
            FocusArea(
                id=v["id"],
                title=v["titel"],
                summary=v["sammanfattning"],
                description=v["beskrivning"],
                background=v["bakgrund"],
                order=v["ordning"],
                origin=_origin(file),
                title_en=v["titel_en"],
                source=Link(v["kalla"]["titel"], v["kalla"]["url"]) if v["kalla"] else None,
            )
        )
    if not files.areas:
        problems.append(
            Problem(
                files.promise.path,
                1,
                "löftet har inga fokusområden. Lägg till minst en fil i mappen omraden/, "
                "eller skriv innehall: ej publicerat om löftets innehåll inte är publicerat.",
            )
        )
    _report_duplicates([(a.id, a.origin) for a in areas if a.id], "fokusområdet", problems)
    return areas, written


def _unknown(kind: str, ident: str, known: Known) -> str:
    names = ", ".join(sorted(known.valid)) or "inga"
    hint = did_you_mean(ident, sorted(known.valid))
    return f'{kind} "{ident}" finns inte i det här löftet.{hint} De som finns: {names}.'


def _build_activities(
    files: PromiseFiles, area_ids: Known, years: set[int] | None, problems: list[Problem]
) -> tuple[list[Activity], set[str]]:
    activities = []
    written: set[str] = set()
    for file in files.activities:
        written |= _raw_ids(file, "aktiviteter")
        v = _read(file, schema.ACTIVITIES_FILE, "aktivitetsfilen", problems)
        area_id = v["omrade"]
        if area_id is not None and area_ids.unknown(area_id):
            problems.append(
                Problem(
                    file.path,
                    file.content.lines["omrade"],
                    '"omrade": ' + _unknown("fokusområdet", area_id, area_ids),
                )
            )
        for item, line in zip(
            v["aktiviteter"] or (), _item_lines(file, "aktiviteter"), strict=False
        ):
            if item is None:
                continue
            active = item["ar"] if item["ar"] is not None else tuple(sorted(years or ()))
            outside = sorted(set(active) - years) if years is not None else []
            if outside:
                problems.append(
                    Problem(
                        file.path,
                        line,
                        f'aktiviteten "{item["id"]}" har årtalet {outside[0]} i "ar", men '
                        f"löftet gäller {min(years or [0])}–{max(years or [0])}.",
                    )
                )
            if len(set(active)) != len(active):
                problems.append(
                    Problem(
                        file.path,
                        line,
                        f'aktiviteten "{item["id"]}" har samma år två gånger i "ar".',
                    )
                )
            activities.append(
                Activity(
                    id=item["id"],
                    area_id=area_id,
                    title=item["titel"],
                    description=item["beskrivning"],
                    responsible=Party(item["ansvar"]) if item["ansvar"] else Party.BOTH,
                    partners=item["partner"],
                    years=tuple(sorted(set(active))),
                    places=item["platser"],
                    example=item["exempel"],
                    origin=Origin(file.path, line),
                )
            )
    _report_duplicates([(a.id, a.origin) for a in activities if a.id], "aktiviteten", problems)
    return activities, written


def _build_follow_ups(
    files: PromiseFiles,
    activities: dict[str, Activity],
    activity_ids: Known,
    years: set[int] | None,
    problems: list[Problem],
    today: dt.date,
) -> list[FollowUp]:
    follow_ups = []
    for folder, file in files.follow_ups:
        titles = {a.id: a.title for a in activities.values()}
        v = _read(file, schema.FOLLOW_UPS_FILE, "uppföljningsfilen", problems, titles)
        year = v["ar"]
        year_line = file.content.lines.get("ar", file.content.line)
        if year is not None and folder.isdigit() and str(year) != folder:
            problems.append(
                Problem(
                    file.path,
                    year_line,
                    f'"ar" är {year}, men filen ligger i mappen {folder}/. '
                    "Flytta filen eller rätta årtalet.",
                )
            )
        if year is not None and years is not None and year not in years:
            problems.append(
                Problem(
                    file.path,
                    year_line,
                    f'"ar" är {year}, men löftet gäller {min(years)}–{max(years)}.',
                )
            )
        if year is None or years is None or year not in years:
            continue  # the year is reported; its entries cannot be judged against it
        for item, line in zip(
            v["uppfoljningar"] or (), _item_lines(file, "uppfoljningar"), strict=False
        ):
            if item is None:
                continue
            follow_up = _follow_up(item, year, Origin(file.path, line))
            activity = activities.get(follow_up.activity_id)
            if activity_ids.unknown(follow_up.activity_id):
                problems.append(
                    Problem(
                        file.path,
                        line,
                        '"aktivitet": '
                        + _unknown("aktiviteten", follow_up.activity_id, activity_ids),
                    )
                )
            elif activity is not None and year not in activity.years:
                problems.append(
                    Problem(
                        file.path,
                        line,
                        f'aktiviteten "{activity.id}" pågår inte {year} (den gäller '
                        f"{', '.join(map(str, activity.years))}), "
                        "så den kan inte följas upp det året. "
                        'Ta bort uppföljningen eller lägg till året i aktivitetens "ar".',
                    )
                )
            problems.extend(_follow_up_rules(follow_up, today))
            follow_ups.append(follow_up)
    keys = Counter((f.activity_id, f.year) for f in follow_ups)
    _report_duplicates(
        [
            (f"{f.activity_id} {f.year}", f.origin)
            for f in follow_ups
            if keys[(f.activity_id, f.year)] > 1
        ],
        "uppföljningen av",
        problems,
    )
    return follow_ups


def _follow_up(item: dict[str, Any], year: int, origin: Origin) -> FollowUp:
    dates = item["granskad"] or {}
    return FollowUp(
        activity_id=item["aktivitet"] or "",
        year=year,
        status=Status(item["status"]) if item["status"] else Status.PLANNED,
        text=item["text"] or "",
        progress=item["framsteg"],
        links=tuple(Link(link["titel"], link["url"]) for link in item["lankar"] or () if link),
        approval=Approval(dates.get("polisen"), dates.get("kommunen")),
        draft=bool(item["utkast"]),
        example=bool(item["exempel"]),
        origin=origin,
    )


def _follow_up_rules(f: FollowUp, today: dt.date) -> list[Problem]:
    found = approval.date_problems(f, today)
    where = (f.origin.path, f.origin.line)
    if f.status is Status.DONE and f.progress is not None and f.progress != 100:
        found.append(
            Problem(
                *where,
                f'uppföljningen av "{f.activity_id}" {f.year} har status genomförd '
                f'men "framsteg" är {f.progress}. Sätt framsteg till 100 eller '
                "ändra status.",
            )
        )
    if not f.draft and not f.text:
        found.append(
            Problem(
                *where,
                f'"text" är tom i uppföljningen av "{f.activity_id}" {f.year}. '
                "Beskriv vad som har gjorts, eller skriv utkast: true.",
            )
        )
    return found


def _measurement(raw: dict[str, Any] | None, origin: Origin) -> Measurement | None:
    if not raw:
        return None
    return Measurement(raw["ar"], raw["varde"], raw.get("kalla"), origin)


def _indicator_references(
    file: YamlFile,
    v: dict[str, Any],
    area_ids: Known,
    activities: dict[str, Activity],
    activity_ids: Known,
) -> list[Problem]:
    """An indicator's area and activity exist, and the activity belongs to that area."""
    problems = []
    lines = file.content.lines
    if v["omrade"] and area_ids.unknown(v["omrade"]):
        problems.append(
            Problem(
                file.path,
                lines["omrade"],
                '"omrade": ' + _unknown("fokusområdet", v["omrade"], area_ids),
            )
        )
    activity_id = v["aktivitet"]
    if not activity_id:
        return problems
    activity = activities.get(activity_id)
    if activity_ids.unknown(activity_id):
        problems.append(
            Problem(
                file.path,
                lines["aktivitet"],
                '"aktivitet": ' + _unknown("aktiviteten", activity_id, activity_ids),
            )
        )
    elif (
        activity is not None
        and v["omrade"]
        and not area_ids.unknown(activity.area_id)
        and activity.area_id != v["omrade"]
    ):
        problems.append(
            Problem(
                file.path,
                lines["aktivitet"],
                f'aktiviteten "{activity_id}" hör till området '
                f'"{activity.area_id}", inte "{v["omrade"]}".',
            )
        )
    return problems


def _indicator_values(
    file: YamlFile, v: dict[str, Any], years: set[int] | None, problems: list[Problem]
) -> list[Measurement]:
    """The measured values of an indicator: inside the promise's period, one per year."""
    value_lines = _item_lines(file, "varden")
    values = [
        m
        for m in (
            _measurement(raw, Origin(file.path, line))
            for raw, line in zip(v["varden"] or (), value_lines, strict=False)
        )
        if m is not None
    ]
    for m in values:
        if years is not None and m.year not in years:
            problems.append(
                Problem(
                    m.origin.path,
                    m.origin.line,
                    f"mätvärdet för {m.year} ligger utanför löftets period "
                    f"{min(years)}–{max(years)}.",
                )
            )
    problems += _twice_in_a_year(
        values, "det finns mer än ett mätvärde för {year}. Behåll ett värde per år."
    )
    return values


class _YearRecord(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def origin(self) -> Origin: ...


def _twice_in_a_year(records: Sequence[_YearRecord], message: str) -> list[Problem]:
    """A problem at each record whose year another record of the same list also has."""
    counts = Counter(r.year for r in records)
    return [
        Problem(r.origin.path, r.origin.line, message.format(year=r.year))
        for r in records
        if counts[r.year] > 1
    ]


def _build_indicator(
    file: YamlFile,
    v: dict[str, Any],
    years: set[int] | None,
    problems: list[Problem],
) -> Indicator | None:
    """The indicator of one checked file; None (with the problem reported) without a baseline."""
    lines = file.content.lines
    values = _indicator_values(file, v, years, problems)
    baseline = _measurement(v["utgangsvarde"], Origin(file.path, lines.get("utgangsvarde", 1)))
    target = _measurement(v["mal"], Origin(file.path, lines.get("mal", 1)))
    if baseline is not None and any(m.year < baseline.year for m in values):
        problems.append(
            Problem(
                file.path,
                lines["utgangsvarde"],
                f"utgångsvärdet gäller {baseline.year}, men det finns "
                "mätvärden från tidigare år. Utgångsvärdet ska vara det "
                "första värdet.",
            )
        )
    kind = IndicatorKind(v["typ"]) if v["typ"] else IndicatorKind.OUTPUT
    direction = Direction(v["riktning"]) if v["riktning"] else None
    if kind is IndicatorKind.OUTCOME and direction is None:
        problems.append(
            Problem(
                file.path,
                lines.get("typ", 1),
                '"riktning" saknas. Ett effektmått ska säga vilket håll som är bättre: '
                "skriv riktning: öka eller riktning: minska.",
            )
        )
    if baseline is not None and target is not None and direction is not None:
        wrong = (direction is Direction.UP and target.value < baseline.value) or (
            direction is Direction.DOWN and target.value > baseline.value
        )
        if wrong:
            problems.append(
                Problem(
                    file.path,
                    lines.get("riktning", 1),
                    f'"riktning" är "{direction.value}", men målet '
                    f"({format_number(target.value)}) ligger åt andra hållet från "
                    f"utgångsvärdet ({format_number(baseline.value)}). Rätta riktningen "
                    "eller målet.",
                )
            )
    if baseline is None:
        return None
    return Indicator(
        id=v["id"],
        area_id=v["omrade"],
        activity_id=v["aktivitet"],
        name=v["namn"],
        kind=kind,
        unit=v["enhet"],
        source=v["kalla"],
        baseline=baseline,
        target=target,
        values=tuple(sorted(values, key=lambda m: m.year)),
        example=v["exempel"],
        origin=_origin(file),
        direction=direction,
    )


def _build_indicators(
    files: PromiseFiles,
    area_ids: Known,
    activities: dict[str, Activity],
    activity_ids: Known,
    years: set[int] | None,
    problems: list[Problem],
) -> list[Indicator]:
    indicators = []
    for file in files.indicators:
        before = len(problems)
        v = _read(file, schema.INDICATOR, "indikatorfilen", problems)
        if len(problems) > before:
            continue  # reported; nothing refers to an indicator, so nothing follows from it
        problems += _indicator_references(file, v, area_ids, activities, activity_ids)
        indicator = _build_indicator(file, v, years, problems)
        if indicator is not None:
            indicators.append(indicator)
    _report_duplicates([(i.id, i.origin) for i in indicators if i.id], "indikatorn", problems)
    return indicators
