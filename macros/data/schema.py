"""The shape of every data file: which fields exist, which are required, what each must hold.

This is the one place where the Swedish keys staff write meet the English names of the model.
Each converter turns a text read from YAML into a typed value, or raises `Invalid` with what was
expected, in Swedish.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, TypeVar

from macros.data import limits, text_hygiene
from macros.data.layout import FileKind
from macros.data.load import YamlList, YamlMap
from macros.data.problems import Problem, did_you_mean
from macros.model import Content, Direction, IndicatorKind, PartialDate, Party, PeriodState, Status


class Invalid(Exception):
    """A value does not fit; `expected` completes the sentence '... men ska vara <expected>'."""

    def __init__(self, expected: str, hint: str = "") -> None:
        super().__init__(expected)
        self.expected = expected
        self.hint = hint  # ' Menade du "…"?' for a value close to an allowed one


@dataclass(slots=True)
class At:
    """Where a value stands: file, line and field name, and the list problems are added to.

    `field` is the YAML path (uppfoljningar.1.status); `place` says in words which record the
    value belongs to (uppföljningen av "kontroller"), so a message can name both."""

    path: str
    line: int
    field: str
    problems: list[Problem]
    place: str | Label = ""
    # Titles of the activities a file refers to, and the year it is about, when they are known:
    # a follow-up is then named 'uppföljningen av "Trafikkontroller" 2024'.
    titles: Mapping[str, str] = dataclass_field(default_factory=dict)
    year: str = ""

    def child(self, name: str, line: int) -> At:
        full = f"{self.field}.{name}" if self.field else name
        # Called for every value read: the constructor is several times faster than replace().
        return At(self.path, line, full, self.problems, self.place, self.titles, self.year)

    @property
    def words(self) -> str:
        """The field in words with its YAML path after: "status" i uppföljningen av
        "kontroller" (uppfoljningar.1.status); just "status" at the top of a file."""
        key = self.field.rsplit(".", 1)[-1]
        if not self.place or key == self.field:
            return f'"{self.field}"'
        if key.isdigit():
            return f"{self.place} ({self.field})"
        return f'"{key}" i {self.place} ({self.field})'

    def report(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, self.line if line is None else line, message))


# A converter is given a value and where it stands. Most read only the value, and are given
# the place of the record that holds it: a place of its own is made only when the value is
# refused (making one for each of the hundreds of thousands of values of a national data set
# cost a twentieth of reading it). A converter that reads its place (a list, a group of fields)
# is marked with `placed` and is given its own.
Converter = Callable[[Any, At], Any]


ConverterT = TypeVar("ConverterT", bound=Converter)


def placed(convert: ConverterT) -> ConverterT:
    """Mark a converter that reads its `At` (to place what it holds): it is given its own."""
    convert.placed = True  # type: ignore[attr-defined]
    return convert


def described(json_schema: dict[str, Any]) -> Callable[[ConverterT], ConverterT]:
    """Attach the JSON Schema of what a converter accepts (for editors; see `json_schema`)."""

    def attach(convert: ConverterT) -> ConverterT:
        convert.json_schema = json_schema  # type: ignore[attr-defined]
        return convert

    return attach


@dataclass(frozen=True)
class Field:
    key: str
    convert: Converter
    required: bool = True
    default: Any = None
    help: str = ""


def describe(value: Any) -> str:
    """How a found value is shown in a message."""
    if isinstance(value, YamlMap):
        return "en grupp av fält"
    if isinstance(value, YamlList):
        return "en lista"
    text = str(value)
    if text == "":
        return "tomt"
    if len(text) > 60:
        text = text[:57] + "..."
    return '"' + text_hygiene.visible(text.replace("\n", " ")) + '"'


def _scalar(value: Any, expected: str) -> str:
    if isinstance(value, YamlMap | YamlList):
        raise Invalid(expected)
    return str(value)


def _at_most(found: str, limit: int) -> str:
    if len(found) > limit:
        raise Invalid(f"en text på högst {limit} tecken (här är det {len(found)})")
    return found


@described({"type": "string", "minLength": 1, "maxLength": limits.LINE_CHARACTERS})
def text(value: Any, at: At) -> str:
    """A short text on one line, not empty."""
    expected = "en text på en rad"
    found = _scalar(value, expected).strip()
    if not found or "\n" in found:
        raise Invalid(expected)
    hidden = text_hygiene.invisible(found)
    if hidden is not None:
        raise Invalid(f"en text utan osynliga tecken (här finns {text_hygiene.name(hidden)})")
    return _at_most(found, limits.LINE_CHARACTERS)


@described({"type": "string", "pattern": "^[^;]+$", "maxLength": limits.LIST_ITEM_CHARACTERS})
def list_text(value: Any, at: At) -> str:
    """An item of a list of names: one line, and no semicolon (it separates items in open data)."""
    expected = "en text på en rad utan semikolon (;)"
    found = text(value, at)
    if ";" in found:
        raise Invalid(expected)
    return _at_most(found, limits.LIST_ITEM_CHARACTERS)


@described({"type": "string", "maxLength": limits.MARKDOWN_CHARACTERS})
def markdown(value: Any, at: At) -> str:
    """A longer text in Markdown; may be empty."""
    found = _scalar(value, "en text (skriv | och texten på raderna under)").strip()
    return _at_most(found, limits.MARKDOWN_CHARACTERS)


@described({"type": "string", "minLength": 1, "maxLength": limits.MARKDOWN_CHARACTERS})
def markdown_required(value: Any, at: At) -> str:
    found = markdown(value, at)
    if not found:
        raise Invalid("en text (skriv | och texten på raderna under)")
    return found


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@described({"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"})
def slug(value: Any, at: At) -> str:
    expected = "ett id av små bokstäver a–z, siffror och bindestreck (till exempel trygg-trafik)"
    found = _scalar(value, expected).strip()
    if not _SLUG.fullmatch(found) or len(found) > 60:
        raise Invalid(expected)
    return found


# Compiled once: re.fullmatch with a pattern string looks it up in re's cache on every value.
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def integer(low: int, high: int, expected: str | None = None) -> Converter:
    wanted = expected or f"ett heltal från {low} till {high}"

    @described({"type": "integer", "minimum": low, "maximum": high})
    def convert(value: Any, at: At) -> int:
        found = _scalar(value, wanted).strip()
        if not _INTEGER.fullmatch(found):
            raise Invalid(wanted)
        number = int(found)
        if not low <= number <= high:
            raise Invalid(wanted)
        return number

    return convert


year = integer(2000, 2100, "ett årtal med fyra siffror, till exempel 2024")
percent = integer(0, 100, "ett heltal från 0 till 100 (procent, utan %-tecken)")


@described({"type": "number"})
def number(value: Any, at: At) -> float:
    expected = "ett tal, till exempel 12 eller 12.5 (punkt som decimaltecken)"
    found = _scalar(value, expected).strip()
    if not _NUMBER.fullmatch(found):
        raise Invalid(expected)
    return float(found)


@described({"type": "string", "format": "date"})
def date(value: Any, at: At) -> dt.date:
    expected = "ett datum som år-månad-dag, till exempel 2024-11-12"
    found = _scalar(value, expected).strip()
    if not _DATE.fullmatch(found):
        raise Invalid(expected)
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        raise Invalid(expected + " (datumet finns inte)") from None


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@described({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"})
def partial_date(value: Any, at: At) -> PartialDate:
    """A date as far as a source gives it: 2023, 2023-03 or 2023-03-03."""
    expected = (
        "ett datum så exakt som källan anger det: år (2023), år-månad (2023-03) "
        "eller år-månad-dag (2023-03-03)"
    )
    found = _scalar(value, expected).strip()
    match = _PARTIAL_DATE.fullmatch(found)
    if not match:
        raise Invalid(expected)
    y, m, d = (int(g) if g else None for g in match.groups())
    assert y is not None
    if m is not None and not 1 <= m <= 12:
        raise Invalid(expected + " (månaden finns inte)")
    if d is not None:
        try:
            dt.date(y, m or 1, d)
        except ValueError:
            raise Invalid(expected + " (datumet finns inte)") from None
    return PartialDate(y, m, d)


@described({"type": "boolean"})
def boolean(value: Any, at: At) -> bool:
    expected = "true (ja) eller false (nej)"
    found = _scalar(value, expected).strip()
    if found not in ("true", "false"):
        raise Invalid(expected)
    return found == "true"


_URL = re.compile(r"^(?:https?://[^\s/$.?#][^\s<>\"]*|mailto:[^\s<>\"@]+@[^\s<>\"]+)$")


@described(
    {"type": "string", "pattern": "^(https?://|mailto:)", "maxLength": limits.URL_CHARACTERS}
)
def url(value: Any, at: At) -> str:
    expected = "en webbadress som börjar med https:// (eller http:// eller mailto:)"
    found = _scalar(value, expected).strip()
    if not _URL.fullmatch(found):
        raise Invalid(expected)
    return _at_most(found, limits.URL_CHARACTERS)


def pattern(regex: str, expected: str) -> Converter:
    compiled = re.compile(regex)

    @described({"type": "string", "pattern": f"^{regex}$"})
    def convert(value: Any, at: At) -> str:
        found = _scalar(value, expected).strip()
        if not compiled.fullmatch(found):
            raise Invalid(expected)
        return found

    return convert


def choice(values: Sequence[str]) -> Converter:
    expected = "ett av: " + ", ".join(values)

    @described({"enum": list(values)})
    def convert(value: Any, at: At) -> str:
        found = _scalar(value, expected).strip()
        if found not in values:
            raise Invalid(expected, did_you_mean(found, list(values)))
        return found

    return convert


def list_of(item: Converter, what: str) -> Converter:
    """A YAML list whose items are converted one by one; problems name each item's line."""
    most = limits.LIST_ITEMS.get(what, limits.DEFAULT_LIST_ITEMS)

    @placed
    @described({"type": "array", "items": json_schema(item), "maxItems": most})
    def convert(value: Any, at: At) -> tuple[Any, ...]:
        if not isinstance(value, YamlList):
            raise Invalid(f"en lista med {what} (en rad per sak, som börjar med -)")
        if len(value) > most:
            raise Invalid(f"en lista med högst {most} {what} (här är det {len(value)})")
        items = []
        for index, (raw, line) in enumerate(zip(value, value.lines, strict=True), start=1):
            items.append(convert_at(item, raw, at, str(index), line))
        return tuple(items)

    return convert


def record(fields: Sequence[Field], what: str) -> Converter:
    """A group of fields (a YAML mapping), read with `read_record`; None if any field is bad."""

    @placed
    @described(object_schema(fields, what))
    def convert(value: Any, at: At) -> dict[str, Any] | None:
        if not isinstance(value, YamlMap):
            raise Invalid(f"{what} (en grupp av fält, ett per rad)")
        before = len(at.problems)
        label = Label(value, what, at)
        values = read_record(
            value,
            fields,
            At(at.path, at.line, at.field, at.problems, label, at.titles, at.year),
            label,
        )
        return None if len(at.problems) > before else values

    return convert


# The field that names a record in a list, and how the name is said: uppföljningen av
# "kontroller", aktiviteten "kontroller", mätvärdet för 2024.
_NAMED_BY = (("aktivitet", ' av "{}"'), ("id", ' "{}"'), ("ar", " för {}"), ("titel", ' "{}"'))


class Label:
    """A record in words (`_label`), said only when a message needs it: most records have
    nothing to report, and naming each of them cost a twentieth of reading a large data set."""

    __slots__ = ("_at", "_text", "_value", "_what")

    def __init__(self, value: YamlMap, what: str, at: At) -> None:
        self._value, self._what, self._at = value, what, at
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = _label(self._value, self._what, self._at)
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __bool__(self) -> bool:
        return True  # a record is always named somehow


def _label(value: YamlMap, what: str, at: At) -> str:
    """A record in words, for messages: by its id or year when it has one."""
    index = at.field.rsplit(".", 1)[-1]
    for key, form in _NAMED_BY:
        raw = value.get(key)
        if not isinstance(raw, str):
            continue
        name = raw.strip()
        readable = name and "\n" not in name and len(name) <= 60
        if key == "aktivitet" and name in at.titles:
            return f'{what} av "{at.titles[name]}"' + (f" {at.year}" if at.year else "")
        if readable and (_SLUG.match(name) or key in ("ar", "titel")):
            return what + form.format(name)
    if index.isdigit():
        return f"{what} nummer {index}"
    return f"{what} i {at.place}" if at.place else what


def json_schema(convert: Converter) -> dict[str, Any]:
    return dict(convert.json_schema)  # type: ignore[attr-defined]


def object_schema(fields: Sequence[Field], what: str) -> dict[str, Any]:
    """The JSON Schema of a group of fields: the same fields, required and closed."""
    return {
        "type": "object",
        "description": what,
        "properties": {
            f.key: {**json_schema(f.convert), **({"description": f.help} if f.help else {})}
            for f in fields
        },
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def convert_value(convert: Converter, raw: Any, at: At) -> Any:
    """The value `raw` standing at `at`, converted; None, with the problem reported, if it
    does not fit."""
    try:
        return convert(raw, at)
    except Invalid as error:
        _refused(raw, at, error)
        return None


def convert_at(convert: Converter, raw: Any, at: At, name: str, line: int) -> Any:
    """`convert_value` for the value `name` (on `line`) of the record or list at `at`; its own
    place is made only for a `placed` converter or a refused value (see `Converter`)."""
    if getattr(convert, "placed", False):
        return convert_value(convert, raw, at.child(name, line))
    try:
        return convert(raw, at)
    except Invalid as error:
        _refused(raw, at.child(name, line), error)
        return None


def _refused(raw: Any, at: At, error: Invalid) -> None:
    at.report(f"{at.words} är {describe(raw)}, men ska vara {error.expected}.{error.hint}")


def _where(at: At, what: str | Label, verb: str = "") -> str:
    """A field in words: in a named record with its path after, or by its path in the file."""
    if at.place:
        return f"{at.words} {verb}".rstrip()
    return f'"{at.field}" {verb} i {what}'.replace("  ", " ")


_ABSENT = object()
_EMPTY = frozenset({"", "~", "null"})
# The fields of each group by key, made once per group (the groups are the module's own lists;
# the list is kept beside its dict so that its id is never reused).
_KNOWN: dict[int, tuple[Sequence[Field], dict[str, Field]]] = {}


def _known(fields: Sequence[Field]) -> dict[str, Field]:
    cached = _KNOWN.get(id(fields))
    if cached is None or cached[0] is not fields:
        cached = (fields, {f.key: f for f in fields})
        _KNOWN[id(fields)] = cached
    return cached[1]


def read_record(raw: YamlMap, fields: Sequence[Field], at: At, what: str | Label) -> dict[str, Any]:
    """Convert the fields of one mapping; report unknown, missing and invalid fields."""
    known = _known(fields)
    values: dict[str, Any] = {}
    lines = raw.lines
    unknown = [(key, line) for key, line in lines.items() if key not in known]
    for key, line in unknown:
        maybe = did_you_mean(key, list(known))
        at.report(
            f"okänt fält {_where(at.child(key, line), what)}.{maybe} "
            f"Fält som finns här: {', '.join(known)}.",
            line,
        )
    for spec in fields:
        found = raw.get(spec.key, _ABSENT)
        # A value the loader read is text, a YamlMap or a YamlList: only text can be empty.
        missing = found is _ABSENT or (
            not spec.required and isinstance(found, str) and found.strip() in _EMPTY
        )
        if missing:
            if spec.required:
                at.report(
                    f"fältet {_where(at.child(spec.key, raw.line), what, 'saknas')}. "
                    f"Lägg till det{': ' + spec.help if spec.help else ''}.",
                    raw.line,
                )
            values[spec.key] = spec.default
            continue
        values[spec.key] = convert_at(spec.convert, found, at, spec.key, lines[spec.key])
    return values


# --- The files -------------------------------------------------------------------------------


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]


OPEN_DATA_CONTACT = [
    Field("namn", text, help="en funktion, inte en person, till exempel Kommunens kontaktcenter"),
    Field("epost", pattern(r"[^\s@<>\"]+@[^\s@<>\"]+\.[a-z]{2,}", "en e-postadress")),
]

MUNICIPALITY = [
    Field("namn", text, help="kommunens namn, till exempel Robertsfors kommun"),
    Field("kortnamn", text, help="namnet utan ordet kommun, till exempel Robertsfors"),
    Field("kommunkod", pattern(r"[0-9]{4}", "en kommunkod med fyra siffror inom citattecken")),
    Field("lan", text, help="länet, till exempel Västerbottens län"),
    Field("webbplats", url),
    Field(
        "oppna_data_kontakt",
        record(OPEN_DATA_CONTACT, "kontakten för öppna data"),
        required=False,
        help="vem som svarar på frågor om de öppna datan (namn och e-post), för dataportalen",
    ),
    Field(
        "kontakter",
        list_of(list_text, "telefonnummer och e-postadresser"),
        required=False,
        default=(),
        help="parternas officiella telefonnummer och e-postadresser, som texterna får nämna",
    ),
]

LINK = [Field("titel", text), Field("url", url)]

PUBLISHED_FOLLOW_UP = [
    Field("ar", year, help="året som uppföljningen gäller"),
    Field("utgivare", text, help="vem som publicerade uppföljningen, till exempel Dorotea kommun"),
    Field("kalla", record(LINK, "källan"), help="titel: och url: till den publicerade texten"),
    Field("publicerad", partial_date, required=False, help="när den publicerades, om det syns"),
    Field("sammanfattning", markdown_required, help="vad uppföljningen tar upp, med egna ord"),
]

SOURCE_CONFLICT = [
    Field("kalla", record(LINK, "den avvikande källan"), help="källan som webbplatsen inte följer"),
    Field("skillnad", markdown_required, help="vad den avvikande källan säger annorlunda"),
    Field("varfor", markdown_required, help="varför webbplatsen följer löftets kalla"),
]

PROMISE = [
    Field("titel", text),
    Field("titel_en", text, required=False, help="titeln på engelska, för sidan In English"),
    Field(
        "period",
        record([Field("start", year), Field("slut", year)], "perioden"),
        help="start: och slut: med årtal",
    ),
    Field("tillstand", choice(_values(PeriodState))),
    Field(
        "innehall",
        choice(_values(Content)),
        required=False,
        default=Content.ACTIVITIES.value,
        help="aktiviteter (förvalt), fokusområden (bara fokusområden, utan aktiviteter) eller "
        "ej publicerat (löftet är undertecknat men innehållet är inte publicerat)",
    ),
    Field(
        "parter",
        record(
            [
                Field("polisen", text),
                Field("kommunen", text),
                Field("ovriga", list_of(list_text, "parter"), required=False, default=()),
            ],
            "parterna",
        ),
        help="polisen: och kommunen: med namn, och ovriga: för fler parter",
    ),
    Field(
        "undertecknat",
        partial_date,
        required=False,
        help="när polisen och kommunen skrev under löftet, så exakt som källan anger det",
    ),
    Field("underlag", list_of(text, "underlag"), required=False, default=()),
    Field("uppfoljning", choice(["årsvis", "löpande"]), required=False),
    Field("aterkoppling", list_of(text, "kanaler"), required=False, default=()),
    Field("kalla", record(LINK, "källan"), help="källan som webbplatsen följer"),
    Field("fler_kallor", list_of(record(LINK, "källan"), "källor"), required=False, default=()),
    Field("kallor_skiljer_sig", record(SOURCE_CONFLICT, "avvikelsen"), required=False),
    Field(
        "publicerad_uppfoljning",
        list_of(record(PUBLISHED_FOLLOW_UP, "den publicerade uppföljningen"), "uppföljningar"),
        required=False,
        default=(),
    ),
    Field("beskrivning", markdown_required),
    Field(
        "utkast",
        boolean,
        required=False,
        default=False,
        help="true medan löftet inte är undertecknat: det visas då bara i förhandsversionen",
    ),
]

AREA = [
    Field("id", slug),
    Field("titel", text),
    Field("titel_en", text, required=False, help="namnet på engelska, för sidan In English"),
    Field("sammanfattning", text),
    Field("beskrivning", markdown, required=False, default=""),
    Field("bakgrund", markdown, required=False, default=""),
    Field("ordning", integer(1, 99)),
    Field("kalla", record(LINK, "källan"), required=False),
]

ACTIVITY = [
    Field("id", slug),
    Field("titel", text),
    Field("beskrivning", markdown_required),
    Field("ansvar", choice(_values(Party))),
    Field("partner", list_of(list_text, "samarbetspartner"), required=False, default=()),
    Field("ar", list_of(year, "årtal"), required=False, default=None),
    Field("platser", list_of(list_text, "orter"), required=False, default=()),
    Field("exempel", boolean, required=False, default=False),
]

ACTIVITIES_FILE = [
    Field("omrade", slug, help="id för fokusområdet aktiviteterna hör till"),
    Field("aktiviteter", list_of(record(ACTIVITY, "aktiviteten"), "aktiviteter")),
]

APPROVAL = [
    Field("polisen", date, required=False),
    Field("kommunen", date, required=False),
]

FOLLOW_UP = [
    Field("aktivitet", slug),
    Field("status", choice(_values(Status))),
    Field("text", markdown),
    Field("framsteg", percent, required=False),
    Field("lankar", list_of(record(LINK, "länken"), "länkar"), required=False, default=()),
    Field("granskad", record(APPROVAL, "granskningen"), required=False, default={}),
    Field("utkast", boolean, required=False, default=False),
    Field("exempel", boolean, required=False, default=False),
]

FOLLOW_UPS_FILE = [
    Field("ar", year),
    Field("uppfoljningar", list_of(record(FOLLOW_UP, "uppföljningen"), "uppföljningar")),
]

MEASUREMENT = [
    Field("ar", year),
    Field("varde", number),
    Field("kalla", text, required=False),
]

INDICATOR = [
    Field("id", slug),
    Field("omrade", slug),
    Field("aktivitet", slug, required=False),
    Field("namn", text),
    Field("typ", choice(_values(IndicatorKind))),
    Field("riktning", choice(_values(Direction)), required=False),
    Field("enhet", text),
    Field("kalla", text),
    Field("utgangsvarde", record(MEASUREMENT, "utgångsvärdet")),
    Field("mal", record(MEASUREMENT, "målet"), required=False),
    Field(
        "varden", list_of(record(MEASUREMENT, "mätvärdet"), "mätvärden"), required=False, default=()
    ),
    Field("exempel", boolean, required=False, default=False),
]


# Each kind of data file, its schema file name and a title; `lofte schema` writes them.
FILES = {
    FileKind.MUNICIPALITY: (MUNICIPALITY, "Kommunfil (kommun.yml)"),
    FileKind.PROMISE: (PROMISE, "Löftesfil (lofte.yml)"),
    FileKind.AREA: (AREA, "Fokusområde (omraden/*.yml)"),
    FileKind.ACTIVITIES: (ACTIVITIES_FILE, "Aktiviteter i ett område (aktiviteter/*.yml)"),
    FileKind.FOLLOW_UPS: (FOLLOW_UPS_FILE, "Årets uppföljning (uppfoljning/<år>/*.yml)"),
    FileKind.INDICATOR: (INDICATOR, "Indikator (indikatorer/*.yml)"),
}


def file_schema(kind: FileKind) -> dict[str, Any]:
    fields, title = FILES[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **object_schema(fields, title),
    }
