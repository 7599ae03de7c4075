"""Texts for the other channels the promise reports in: a summary of a year computed from the
data, a ready post for social media and a press-release draft in Markdown. Same numbers as the
tables, so staff publish the same figures everywhere."""

from __future__ import annotations

from macros import progress
from macros.model import Promise, Status


def _share(count: progress.StatusCount) -> str:
    share = count.share_done
    return "" if share is None else f" ({round(share * 100)} %)"


def year_summary(promise: Promise, year: int) -> str:
    """One paragraph: how many activities were done, and what happened to the rest."""
    count = progress.count_by_status(progress.running(promise, year), promise, year)
    parties = f"{promise.police_party} och {promise.municipality_party}"
    if count.followed_up == 0:
        return (
            f"Ingen av de {count.total} aktiviteterna i {promise.title.lower()} har följts "
            f"upp för {year} ännu."
        )
    parts = [
        f"Under {year} genomfördes {count.done} av de {count.followed_up} aktiviteter i "
        f"{promise.title.lower()} som {parties} följde upp{_share(count)}."
    ]
    rest = []
    for status, phrase in (
        (Status.ONGOING, "pågår"),
        (Status.PLANNED, "är planerade"),
        (Status.DELAYED, "är försenade"),
        (Status.CANCELLED, "avbröts"),
    ):
        n = count.count(status)
        if n:
            rest.append(f"{n} {phrase}")
    if rest:
        parts.append("Av de övriga " + _join(rest) + ".")
    if count.not_followed_up:
        parts.append(f"{count.not_followed_up} aktiviteter har inte följts upp.")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def social_post(promise: Promise, year: int, link: str) -> str:
    count = progress.count_by_status(progress.running(promise, year), promise, year)
    return (
        f"Så gick det med medborgarlöftet i {promise.municipality.short_name} {year}: "
        f"{count.done} av {count.followed_up} aktiviteter genomfördes{_share(count)}. "
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
            f"- **{row.title}**: {row.count.done} av {row.count.followed_up} genomförda"
            f"{_share(row.count)}"
        )
    lines += ["", f"Hela uppföljningen finns på {link}", ""]
    return "\n".join(lines)
