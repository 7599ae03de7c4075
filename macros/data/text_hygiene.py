"""Characters that never belong in data: they break XML (the feed and the catalogue), hide or
reorder what a reviewer reads, or make two ids that look the same differ.

- Control characters (C0 except tab and newline, DEL, C1), U+FFFE and U+FFFF, and lone
  surrogates: refused in every value and key.
- Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): refused everywhere,
  since they make text read differently from how it is stored.
- Invisible characters: every format character (Unicode category Cf: zero-width spaces and
  joiners, direction marks, the soft hyphen, invisible operators, tag characters, U+FEFF...),
  the Hangul fillers, the combining grapheme joiner and the variation selectors. Refused in
  ids, titles and names (one-line texts), where they make two equal-looking names differ.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Not of category Cf, yet shown as nothing: Hangul fillers, the combining grapheme joiner and the
# variation selectors.
BLANKS = frozenset(
    [
        "\u115f",
        "\u1160",
        "\u3164",
        "\uffa0",
        "\u034f",
        *(chr(c) for c in range(0xFE00, 0xFE10)),
        *(chr(c) for c in range(0xE0100, 0xE01F0)),
    ]
)


def _invisible(char: str) -> bool:
    """Shown as nothing (the bidi controls, refused everywhere, are reported as forbidden)."""
    return (unicodedata.category(char) == "Cf" and char not in BIDI_CONTROLS) or char in BLANKS


def _control(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or code in (0xFFFE, 0xFFFF)
        or 0xD800 <= code <= 0xDFFF
    )


def name(char: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE): how a character is named in a message."""
    label = unicodedata.name(char, "")
    if not label:
        label = "styrtecken" if _control(char) else "tecken"
    return f"U+{ord(char):04X} ({label})"


# The same characters as `_control` and BIDI_CONTROLS, as one pattern: every value of a data
# set is searched, and a regex scan is many times faster than a loop over the characters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def forbidden(text: str) -> str | None:
    """The first character that may stand nowhere in data, if any."""
    found = _FORBIDDEN.search(text)
    return found.group() if found else None


def invisible(text: str) -> str | None:
    """The first invisible character, if any (refused in ids, titles and names)."""
    if text.isascii():
        return None  # every invisible character is outside ASCII
    if max(text) <= "\xff":
        # Latin-1 (every Swedish text) has one: the soft hyphen (tests/test_text_hygiene.py).
        return _SOFT_HYPHEN if _SOFT_HYPHEN in text else None
    return next((c for c in text if _invisible(c)), None)


_SOFT_HYPHEN = "\u00ad"


def visible(text: str) -> str:
    """A text safe to show in a message: forbidden and invisible characters as U+XXXX."""
    return "".join(
        f"<U+{ord(c):04X}>" if _control(c) or c in BIDI_CONTROLS or _invisible(c) else c
        for c in text
    )


def message(char: str) -> str:
    return (
        f"texten innehåller tecknet {name(char)}, som inte får stå i datan: det syns inte, "
        "kan ändra hur texten läses och förstör flödet och katalogen. Ta bort det (skriv om "
        "texten för hand om du har klistrat in den)."
    )
