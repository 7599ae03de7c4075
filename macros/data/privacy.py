"""What the texts say, checked before a reviewer reads them.

Privacy (errors): no personnummer or samordningsnummer is ever published. Every text of the model
is checked, not only the long ones (titles, partners, places, link titles and addresses, sources,
names, contacts). A number counts when its date is real (a samordningsnummer adds 60 to the day)
and its check digit is right, whatever dash, space or nothing stands before the last four digits,
so dates and case numbers don't count.

Privacy (warnings): phone numbers and e-mail addresses that are not the parties' official ones
(the police's national numbers, and `kontakter:` in each kommun.yml), and indicator counts from 1
to 4, which can point out a person in a small municipality. Plain language (warnings,
klarspråk): a text longer than MAX_TEXT_CHARACTERS, or a text harder to read than LIX_LIMIT. An
empty text is no warning: a follow-up without text must be a draft (validate.py), and drafts
still to write are counted by `lofte kontrollera` and `lofte status`.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Iterator
from enum import Enum
from typing import Any

from macros.data.problems import Problem
from macros.model import Dataset, Origin, Promise

MAX_TEXT_CHARACTERS = 1500
# LIX (läsbarhetsindex): words per sentence + percentage of words longer than six letters.
# Around 40 is ordinary newspaper text; above 50 is "svår" (hard), which public texts avoid.
LIX_LIMIT = 50
LIX_MIN_WORDS = 40  # LIX says little about a text of a sentence or two
# The police's national numbers, the same in every municipality. Each municipality's own official
# numbers and addresses are data: `kontakter:` in its kommun.yml.
NATIONAL_CONTACTS = frozenset({"114 14", "11414", "112"})
SMALL_COUNT_UNITS = frozenset({"personer", "deltagare", "antal", "ärenden", "anmälningar"})

# The text is first read as a person sees it (see `_as_seen`). Then, between the date and the
# last four digits: nothing, a plus (over a hundred years old), or up to three spaces (of any
# kind) and dashes (hyphen-minus, hyphen, figure dash, en and em dash, minus, small and
# fullwidth hyphen-minus). With the century, the date may also have dashes between its parts.
_DASHES = "\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_SEPARATOR = f"(?:\\+|[\\s{_DASHES}]{{0,3}})"
_NUMBER = (
    rf"(?:(?:19|20)?(\d{{2}})(\d{{2}})(\d{{2}})"
    rf"|(?:19|20)(\d{{2}})[{_DASHES}](\d{{2}})[{_DASHES}](\d{{2}})){_SEPARATOR}(\d{{4}})"
)
_PERSONAL_NUMBER = re.compile(rf"(?<!\d){_NUMBER}(?!\d)")
_ASCII_DIGITS = "0123456789"
# The Latin-1 characters a reader sees as digits: 0-9, and ¹ ² ³ ¼ ½ ¾ (digits once NFKC).
_LATIN1_DIGITS = "".join(
    c for c in map(chr, range(256)) if re.search(r"\d", unicodedata.normalize("NFKC", c))
)
# Markup that does not show: Markdown emphasis, code and escapes; HTML tags and entities.
_MARKUP = frozenset("*_`\\~")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TAG = re.compile(r"<[^<>]*>")
_DIGITS = re.compile(r"\d{4}")  # a quick test before the full pattern (on the text as seen)
# The quick look (`cannot_hold_one`): a number as `_PERSONAL_NUMBER` takes it, and more. Between
# two digits may stand what `_as_seen` drops from a text without entities or tags (Markdown
# marks, and invisible characters: category Cf, all outside ASCII, neither word characters nor
# dashes, as tests/test_privacy.py checks for every one this Python knows) and more besides;
# before the last four digits any run of those, white space, dashes and plus signs (YAML turns
# a line break and the next line's indentation into one space). No lookarounds: more characters
# let through can only join more digits. What may stand between two parts never overlaps, so
# the engine never tries a run two ways (a text cannot make it slow), and the pattern starts
# with a digit, so the engine skips ahead quickly.
_GAP_CHARACTER = rf"[*_`\\~]|[^\x00-\x7f\w{_DASHES}]"
_SEPARATOR_CHARACTER = r"[+\t\n\v\f\r\x1c-\x1f *_`\\~-]|[^\x00-\x7f\w]"


def _loose_number(digit: str, gap: str, separator: str) -> re.Pattern[str]:
    d, dash = rf"{digit}(?:{gap})*", rf"[{_DASHES}](?:{gap})*"
    return re.compile(
        rf"{d}{d}(?:{d}{d})?(?:{d}{d}{d}{digit}|{dash}{d}{digit}(?:{gap})*{dash}{d}{digit})"
        rf"(?:{separator})*{d}{d}{d}{digit}"
    )


def _latin1_class(character: str) -> str:
    """The Latin-1 characters a one-character pattern takes, as one class."""
    found = [chr(c) for c in range(256) if re.fullmatch(character, chr(c))]
    return "[" + "".join(re.escape(c) for c in found) + "]"


_LOOSE_NUMBER = _loose_number(r"\d", _GAP_CHARACTER, _SEPARATOR_CHARACTER)
# The same for a text in Latin-1 (every Swedish text), where the only digits are 0-9: simple
# classes make the scan about twice as fast.
_LOOSE_LATIN1_NUMBER = _loose_number(
    "[0-9]", _latin1_class(_GAP_CHARACTER), _latin1_class(_SEPARATOR_CHARACTER)
)
_PHONE = re.compile(r"(?<![\d-])(?:\+46|0)[\d][\d -]{5,12}\d(?![\d-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")

# The data keys staff write, for the model's field names (messages name what staff see).
KEYS = {
    "id": "id",
    "name": "namn",
    "short_name": "kortnamn",
    "code": "kommunkod",
    "county": "lan",
    "website": "webbplats",
    "title": "titel",
    "police_party": "parter.polisen",
    "municipality_party": "parter.kommunen",
    "based_on": "underlag",
    "cadence": "uppfoljning",
    "feedback_channels": "aterkoppling",
    "source": "kalla",
    "description": "beskrivning",
    "summary": "sammanfattning",
    "background": "bakgrund",
    "area_id": "omrade",
    "activity_id": "aktivitet",
    "partners": "partner",
    "places": "platser",
    "text": "text",
    "links": "lankar",
    "url": "url",
    "unit": "enhet",
    "baseline": "utgangsvarde",
    "target": "mal",
    "values": "varden",
    "contacts": "kontakter",
    "other_parties": "parter.ovriga",
    "more_sources": "fler_kallor",
    "published_follow_ups": "publicerad_uppfoljning",
    "publisher": "utgivare",
    "link": "kalla",
    "conflict": "kallor_skiljer_sig",
    "other": "kalla",
    "difference": "skillnad",
    "reason": "varfor",
}
# Records reported on their own (with their own file and line), not as part of their parent.
_OWN_RECORDS = {"municipality", "areas", "activities", "follow_ups", "indicators", "origin"}


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _as_seen(text: str) -> tuple[str, list[int], list[int]]:
    """The text as a reader sees it: HTML entities decoded, tags and Markdown emphasis, code
    marks and escapes removed, invisible characters (category Cf, such as the soft hyphen and
    zero-width space) dropped, and NFKC applied (fullwidth digits and dashes, odd spaces). With,
    for each character, where it starts and ends in `text`."""
    if text.isascii() and not any(c in text for c in "&<*_`\\~"):
        return text, list(range(len(text))), list(range(1, len(text) + 1))  # seen as written
    seen: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        found = _ENTITY.match(text, index) if char == "&" else None
        found = found or (_TAG.match(text, index) if char == "<" else None)
        if found is not None:
            piece, end = ("" if char == "<" else html.unescape(found[0])), found.end()
        else:
            piece, end = char, index + 1
        for shown in unicodedata.normalize("NFKC", piece):
            if shown in _MARKUP or unicodedata.category(shown) == "Cf":
                continue
            seen.append(shown)
            starts.append(index)
            ends.append(end)
        index = end
    return "".join(seen), starts, ends


def cannot_hold_one(text: str) -> bool:
    """A quick look that rules a text out: no personnummer can be in it as seen. Most texts
    hold no digit at all, and str's own search says so far faster than a regex scan (the
    pattern's \\d also takes the digits of other scripts, none of which is in Latin-1). In a
    text with no entity or tag to hide a digit, the reader sees the digits of the text
    normalised, in the same order, with only what `_GAP` lets through between them."""
    if _latin1(text) and not any(d in text for d in _LATIN1_DIGITS):
        return True
    if ("&" in text and _ENTITY.search(text)) or ("<" in text and _TAG.search(text)):
        return False
    normal = unicodedata.normalize("NFKC", text)
    return not (_LOOSE_LATIN1_NUMBER if _latin1(normal) else _LOOSE_NUMBER).search(normal)


def file_cannot_hold_one(text: str, display_path: str) -> bool:
    """The quick look for a whole YAML file, and the names its path gives (a municipality's
    id is its folder's name). YAML reads a value by taking quotes, indentation and comments
    away and turning a line break with the next line's indentation into a space: no digit is
    made or joined to another, and the loose separator takes any white space. Only a
    backslash escape can make a character, so a file with one is not ruled out."""
    return "\\" not in text and cannot_hold_one(f"{display_path}\n{text}")


def personal_numbers(text: str) -> list[str]:
    """Personnummer and samordningsnummer in a text as a reader sees it (see `_as_seen`): a
    real date (a samordningsnummer adds 60 to the day) and a correct check digit, so dates and
    case numbers don't count. Each is reported as written in `text`."""
    return [] if cannot_hold_one(text) else seen_personal_numbers(text)


def seen_personal_numbers(text: str) -> list[str]:
    """`personal_numbers` without the quick look: every text read as seen."""
    found: list[str] = []
    seen, starts, ends = _as_seen(text)
    if not _DIGITS.search(seen):
        return found
    for match in _PERSONAL_NUMBER.finditer(seen):
        groups = match.groups()
        yy, mm, dd = groups[0:3] if groups[0] is not None else groups[3:6]
        tail = groups[6]
        day = int(dd) - 60 if int(dd) > 60 else int(dd)
        if 1 <= int(mm) <= 12 and 1 <= day <= 31 and _luhn_ok(yy + mm + dd + tail):
            found.append(text[starts[match.start()] : ends[match.end() - 1]])
    return found


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s>)]+>?")


def lix(text: str) -> float:
    """LIX of a text as it reads: link addresses are not read, so they are not counted."""
    words = _WORD.findall(_LINK_TARGET.sub(" ", text))
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?:]+(?:\s|$)", text)))
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / sentences + 100 * long_words / len(words)


def _texts(promise: Promise) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, what, text) for every text in a promise that gets published."""
    yield promise.origin.path, promise.origin.line, "löftets beskrivning", promise.description
    for area in promise.areas:
        yield area.origin.path, area.origin.line, f'området "{area.id}"', area.description
        yield area.origin.path, area.origin.line, f'området "{area.id}"', area.background
    for a in promise.activities:
        yield a.origin.path, a.origin.line, f'aktiviteten "{a.id}"', a.description
    for f in promise.follow_ups:
        yield f.origin.path, f.origin.line, f'uppföljningen av "{f.activity_id}" {f.year}', f.text
    for p in promise.published_follow_ups:
        yield p.origin.path, p.origin.line, f"den publicerade uppföljningen {p.year}", p.summary
    if promise.conflict is not None:
        c = promise.conflict
        yield c.origin.path, c.origin.line, "avvikelsen mellan källorna", c.difference
        yield c.origin.path, c.origin.line, "skälet att följa källan", c.reason


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(data key, text) for every text in a record and the small records inside it."""
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item, key)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name in _OWN_RECORDS:
                continue
            name = KEYS.get(field.name, field.name)
            yield from strings(getattr(value, field.name), f"{key}.{name}" if key else name)


def _records(dataset: Dataset) -> Iterator[tuple[str, Origin, Any]]:
    for m in dataset.municipalities:
        yield f'kommunen "{m.id}"', m.origin, m
    for p in dataset.promises:
        yield "löftet", p.origin, p
        for a in p.areas:
            yield f'området "{a.id}"', a.origin, a
        for act in p.activities:
            yield f'aktiviteten "{act.id}"', act.origin, act
        for f in p.follow_ups:
            yield f'uppföljningen av "{f.activity_id}" {f.year}', f.origin, f
        for i in p.indicators:
            yield f'indikatorn "{i.id}"', i.origin, i


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain_strings(value: Any, found: list[str]) -> list[str]:
    """The texts of `strings(value)`, without their keys: the quick first look."""
    kind = type(value)
    if kind is str:  # an Enum is never exactly str
        found.append(value)
    elif kind is tuple:
        for item in value:
            _plain_strings(item, found)
    elif hasattr(kind, "__dataclass_fields__") and not isinstance(value, Enum):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(kind) if f.name not in _OWN_RECORDS)
            _FIELD_NAMES[kind] = names
        for name in names:
            item = getattr(value, name)
            if type(item) is str:
                found.append(item)
            elif type(item) is tuple or hasattr(type(item), "__dataclass_fields__"):
                _plain_strings(item, found)
    return found


def privacy_errors(dataset: Dataset) -> list[Problem]:
    problems = []
    for what, origin, record in _records(dataset):
        # Keys are named only for a record that has something to report (few or none).
        # One look at all its texts: a line break ends a match (the pattern takes digits,
        # + and - only), so a number found in the joined text is in one of the texts.
        if not personal_numbers("\n".join(_plain_strings(record, []))):
            continue
        for key, text in strings(record):
            for number in personal_numbers(text):
                problems.append(
                    Problem(
                        origin.path,
                        origin.line,
                        f'{what}, fältet "{key}", innehåller något som ser ut som ett '
                        f"personnummer ({number}). Personnummer får aldrig publiceras: ta bort "
                        "det.",
                    )
                )
    return problems


def warnings(dataset: Dataset) -> list[Problem]:
    """Plain-language and privacy warnings; they never stop a build."""
    found = []
    for promise in dataset.promises:
        allowed = NATIONAL_CONTACTS | {c.lower() for c in promise.municipality.contacts}
        for path, line, what, text in _texts(promise):
            for phone in _PHONE.findall(text):
                if phone.strip() not in allowed:
                    found.append(
                        Problem(
                            path,
                            line,
                            f"{what} innehåller telefonnumret "
                            f"{phone.strip()}. Publicera bara parternas officiella "
                            "nummer: ett privat nummer kan peka ut en person.",
                        )
                    )
            for email in _EMAIL.findall(text):
                if email.lower() not in allowed:
                    found.append(
                        Problem(
                            path,
                            line,
                            f"{what} innehåller e-postadressen {email}. "
                            "Publicera bara parternas officiella adresser.",
                        )
                    )
            if len(text) > MAX_TEXT_CHARACTERS:
                found.append(
                    Problem(
                        path,
                        line,
                        f"{what} är {len(text)} tecken lång. Håll "
                        f"texten under {MAX_TEXT_CHARACTERS} tecken (klarspråk).",
                    )
                )
            score = lix(text)
            if len(_WORD.findall(text)) >= LIX_MIN_WORDS and score > LIX_LIMIT:
                found.append(
                    Problem(
                        path,
                        line,
                        f"{what} är svår att läsa (LIX {score:.0f}, "
                        f"gränsen är {LIX_LIMIT}). Skriv kortare meningar och "
                        "enklare ord (klarspråk).",
                    )
                )
        for indicator in promise.indicators:
            if indicator.unit.lower() not in SMALL_COUNT_UNITS:
                continue
            for m in (indicator.baseline, *indicator.values):
                if 1 <= m.value <= 4:
                    found.append(
                        Problem(
                            m.origin.path,
                            m.origin.line,
                            f'indikatorn "{indicator.id}" har värdet '
                            f"{m.value:g} för {m.year}. Små tal (1–4) kan peka ut "
                            "personer i en liten kommun: överväg att skriva "
                            '"färre än 5" i texten i stället.',
                        )
                    )
    return sorted(set(found))
