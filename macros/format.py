"""Numbers, shares and dates written the Swedish way. Pure: no MkDocs, Jinja, Markdown or nh3,
so the staff commands can format a number without loading the site's renderer."""

from __future__ import annotations

import datetime as dt

from macros.model import PartialDate

NBSP = "\u00a0"


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """A number the Swedish way: decimal comma, a space between thousands, no trailing ,0."""
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", NBSP)
    else:
        text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return text.replace("-", "−")


def format_share(share: float | None) -> str:
    return "–" if share is None else f"{format_number(round(share * 100))}{NBSP}%"


def format_share_en(share: float | None) -> str:
    """A share the English way: 67%."""
    return "–" if share is None else f"{round(share * 100)}%"


def format_change(points: float | None) -> str:
    if points is None:
        return "–"
    return f"{format_signed(points)}{NBSP}procentenheter"


def format_signed(value: float | None) -> str:
    """A change as a number with its sign: +10, −33,3, 0."""
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + format_number(value)


def format_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "–"


MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def format_partial_date(day: PartialDate | None) -> str:
    """A date as exact as its source: 2023, mars 2023, or a whole date as the site writes
    every date (2023-04-21)."""
    if day is None:
        return "–"
    if day.month is None:
        return str(day.year)
    if day.day is not None:
        return day.isoformat()
    return f"{MONTHS[day.month - 1]} {day.year}"


def plain(text: str) -> str:
    """Text for a terminal: non-breaking spaces as ordinary ones."""
    return text.replace(NBSP, " ")
