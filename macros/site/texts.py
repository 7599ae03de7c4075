"""Page text that Python writes: every label and sentence that is not in a template. The pure
core (model, progress, format) returns data; this module and the templates say it in Swedish.
The staff commands (`lofte status`, `lofte diff`) take their table labels from here too, so a
citizen and a reviewer read the same words.

Here too are the texts for the other channels the promise reports in: a summary of a year
computed from the data, a ready post for social media and a press-release draft in Markdown.
Same numbers as the tables, so staff publish the same figures everywhere."""

from __future__ import annotations

from macros import progress
from macros.model import Content, Party, Promise, Status

ALL_AREAS = "Alla områden"
AREA = "Område"
NOT_FOLLOWED_UP = "ej uppföljd"
SHARE_DONE = "Andel genomförda"

SHARE_EXPLAINED = (
    "Andelen genomförda är antalet aktiviteter med status genomförd delat med antalet "
    "aktiviteter som följts upp det året; aktiviteter som inte har följts upp räknas inte med."
)

# Units that are a share in percent: a change of such a value is in procentenheter.
PERCENT_UNITS = frozenset({"procent", "%", "andel i procent"})

PARTY_LABELS = {
    Party.POLICE: "Polisen",
    Party.MUNICIPALITY: "Kommunen",
    Party.BOTH: "Polisen och kommunen",
}


# How the open-data page names what a column holds (publish/export.ColumnKind).
COLUMN_KINDS = {
    "TEXT": "text",
    "OPTIONAL_TEXT": "valfri text",
    "DATE": "datum",
    "INTEGER": "heltal",
    "NUMBER": "tal",
    "BOOLEAN": "sant/falskt",
    "LIST": "lista",
    "YEARS": "årtalslista",
}


def overview_caption(year: int, municipality: str) -> str:
    """The caption of the overview table a hand-written page shows (the `lagesbild` macro)."""
    return f"Läget i varje fokusområde {year}, {municipality}"


def change_against(year: int) -> str:
    return f"Förändring mot {year - 1}"


def area_title(title: str | None) -> str:
    """The title of an overview row: the area's own, or the row that sums every area."""
    return ALL_AREAS if title is None else title


# --- Titles of generated pages and navigation sections ----------------------------------------

PLACES_TITLE = "Orter"
ENGLISH_NAV = "In English"


def places_title(where: str) -> str:
    """The title of a municipality's or a county's places page (in a national site)."""
    return f"Orter i {where}"


def english_title(promise: Promise) -> str:
    """The English page's title: the English title if the data has one."""
    title = promise.title_en or f"Citizen promise {promise.period_label}"
    return f"{promise.municipality.short_name}: {title} (in English)"


def promise_title(promise: Promise) -> str:
    return f"{promise.municipality.short_name}: {promise.title}"


def year_title(year: int) -> str:
    return f"Uppföljning {year}"


def period_title(promise: Promise) -> str:
    return f"Medborgarlöfte {promise.period_label}"


# --- Charts: labels and the same values in words, for screen readers ---------------------------


def target_label(year: int) -> str:
    return f"Mål {year}"


def indicator_chart_description(unit: str, said: list[str]) -> str:
    return (
        f"Stapeldiagram i {unit}. Utgångsvärde "
        + "; ".join(said)
        + (". Samma värden står i tabellen ovanför.")
    )


def share_chart_description(said: str) -> str:
    return f"Stapeldiagram. Andel genomförda aktiviteter: {said}. Samma värden står i tabellen."


# --- The Atom feed -------------------------------------------------------------------------------

FEED_AUTHOR = "Polisen och kommunen"
PROMISE_FEED = "Uppföljningar av det här löftet (Atom)"
MUNICIPALITY_FEED = "Uppföljningar i kommunen (Atom)"


def feed_title(site_name: str) -> str:
    return f"{site_name}: uppföljningar"


def county_feed_title(site_name: str, county: str) -> str:
    return f"{site_name}: uppföljningar i {county}"


def municipality_feed_title(site_name: str, municipality_name: str) -> str:
    return f"{site_name}: uppföljningar i {municipality_name}"


def promise_feed_title(site_name: str, promise: Promise) -> str:
    return f"{site_name}: uppföljningar av {promise_title(promise)}"


def feed_entry_title(promise: Promise, activity_title: str, status: Status, year: int) -> str:
    return f"{promise.municipality.short_name}: {activity_title} – {status.value} {year}"


def parties(promise: Promise) -> str:
    """Every party of the promise in one phrase: "A och B", or "A, B och C"."""
    return _join(list(promise.party_names))


CONTENT_LABELS = {
    Content.ACTIVITIES: "Fokusområden med aktiviteter",
    Content.FOCUS_AREAS: "Fokusområden (aktiviteterna återges inte här)",
    Content.UNPUBLISHED: "Inte publicerat här",
}

CADENCE_LABELS = {"årsvis": "Årsvis", "löpande": "Löpande"}

NOT_STATED = "Anges inte i källorna"


# --- Texts for other channels --------------------------------------------------------------------


def _share(count: progress.StatusCount) -> str:
    share = count.share_done
    return "" if share is None else f" ({round(share * 100)} %)"


def year_summary(promise: Promise, year: int) -> str:
    """One paragraph: how many activities were done, and what happened to the rest."""
    count = progress.count_by_status(progress.running(promise, year), promise, year)
    both = parties(promise)
    title = promise.title.lower()
    if count.followed_up == 0:
        if count.total == 1:
            return f"Aktiviteten i {title} har inte följts upp för {year} ännu."
        return f"Ingen av de {count.total} aktiviteterna i {title} har följts upp för {year} ännu."
    parts = [
        f"Under {year} genomfördes {count.done} av {activities(count.followed_up)} i "
        f"{title} som {both} följde upp{_share(count)}."
    ]
    rest = []
    for status, one, many in (
        (Status.ONGOING, "pågår", "pågår"),
        (Status.PLANNED, "är planerad", "är planerade"),
        (Status.DELAYED, "är försenad", "är försenade"),
        (Status.CANCELLED, "avbröts", "avbröts"),
    ):
        n = count.count(status)
        if n:
            rest.append(f"{n} {one if n == 1 else many}")
    if rest:
        parts.append("Övriga: " + _join(rest) + ".")
    if count.not_followed_up:
        parts.append(f"{activities(count.not_followed_up).capitalize()} har inte följts upp.")
    return " ".join(parts)


def activities(n: int) -> str:
    """A number of activities: "1 aktivitet", "3 aktiviteter"."""
    return f"{n} aktivitet" if n == 1 else f"{n} aktiviteter"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def social_post(promise: Promise, year: int, link: str) -> str:
    count = progress.count_by_status(progress.running(promise, year), promise, year)
    return (
        f"Så gick det med medborgarlöftet i {promise.municipality.short_name} {year}: "
        f"{count.done} av {activities(count.followed_up)} genomfördes{_share(count)}. "
        f"Läs hela uppföljningen: {link}"
    )


def press_release(promise: Promise, year: int, link: str) -> str:
    lines = [
        f"# Uppföljning av medborgarlöftet i {promise.municipality.short_name} {year}",
        "",
        year_summary(promise, year),
        "",
        "## Läget i varje fokusområde",
        "",
    ]
    for row in progress.overview(promise, year)[:-1]:
        lines.append(
            f"- **{row.title}**: {row.count.done} av {activities(row.count.followed_up)} "
            f"{'genomförd' if row.count.done == 1 else 'genomförda'}{_share(row.count)}"
        )
    lines += ["", f"Hela uppföljningen finns på {link}", ""]
    return "\n".join(lines)
