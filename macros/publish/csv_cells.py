"""Spreadsheet-safe CSV cells (against formula injection, OWASP "CSV Injection").

A text cell that starts with =, +, -, @, a tab or a carriage return, and is not a number, is
written with a leading apostrophe, so a spreadsheet shows it as text instead of running it as a
formula. Reading back removes exactly one apostrophe again. A text that itself starts with
apostrophes before such a character gets one more, so every text comes back as it was.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
MARK = "'"


def _risky(cell: str) -> bool:
    return cell.lstrip(MARK).startswith(TRIGGERS) and not _NUMBER.fullmatch(cell)


def protect(cell: str) -> str:
    return MARK + cell if _risky(cell) else cell


def unprotect(cell: str) -> str:
    if cell.startswith(MARK) and _risky(cell[1:]):
        return cell[1:]
    return cell
