"""Spreadsheet-safe CSV cells (against formula injection, OWASP "CSV Injection").

A text cell that starts with =, +, -, @, a tab or a carriage return, and is not a number, is
written with a leading apostrophe, so a spreadsheet shows it as text instead of running it as a
formula. Reading back removes exactly one apostrophe again. A text that itself starts with
apostrophes before such a character gets one more, so every text comes back as it was.

Spreadsheets skip leading spaces and read fullwidth and small signs (＝, ﹦, ＋, ＠) as the
ordinary ones, so the check looks past apostrophes and any whitespace, on the NFKC form.
"""

from __future__ import annotations

import re
import unicodedata

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
MARK = "'"


_HIDDEN_START = re.compile(r"^[\s']*")
_SAFE_START = frozenset(chr(c) for c in range(0x21, 0x7F)) - {*TRIGGERS, MARK}


def _risky(cell: str) -> bool:
    if not cell or cell[0] in _SAFE_START:
        # Most cells start with a letter or digit; an ASCII character stays first in the
        # NFKC form (it neither decomposes nor composes into a trigger).
        return False
    if _NUMBER.fullmatch(cell):
        return False
    seen = _HIDDEN_START.sub("", unicodedata.normalize("NFKC", cell))
    return cell.lstrip(MARK).startswith(TRIGGERS) or seen.startswith(TRIGGERS)


def protect(cell: str) -> str:
    return MARK + cell if _risky(cell) else cell


def unprotect(cell: str) -> str:
    if cell.startswith(MARK) and _risky(cell[1:]):
        return cell[1:]
    return cell
