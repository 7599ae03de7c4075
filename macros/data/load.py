"""Reading YAML files into plain values that remember the line of every key and list item.

All scalars are read as text (no YAML 1.1 guessing: `no` stays "no", `0114` stays "0114"); the
schema decides what a value must be. Parsing uses PyYAML's C parser; only the construction of
values is Python, and it stamps line numbers as it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.data import text_hygiene
from macros.data.problems import Problem

# Bounds that keep a broken or hostile file from exhausting the build machine.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32

_Loader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class YamlMap(dict[str, Any]):
    """A mapping read from YAML, with the line of the mapping and of each of its keys."""

    line: int
    lines: dict[str, int]


class YamlList(list[Any]):
    """A list read from YAML, with the line of the list and of each of its items."""

    line: int
    lines: list[int]


@dataclass(frozen=True)
class YamlFile:
    path: str
    content: YamlMap


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


_NO_TAG = "tag:yaml.org,2002:str"


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    """Constructs YamlMap/YamlList/str, records duplicate keys and refuses aliases."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []
        self._depth = 0
        # A value holds a refused character only if the file does, or if a double-quoted
        # escape (\x01, \u202e …) makes one: a file with neither needs no check per value.
        self._hygiene = "\\" in stream or text_hygiene.forbidden(stream) is not None
        # A node is used twice only through an alias (*), which needs an anchor (&): in a file
        # without "&" no value needs to be remembered to find one.
        self._anchored = "&" in stream

    # Every scalar is read as text and typed by the schema, so the tag the resolver would give
    # a node (int, bool, timestamp …) is never looked at: skip the resolver, which the C parser
    # otherwise calls in Python for every node (about a sixth of the load time).
    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _NO_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def _alias(self, node: Node) -> None:
        self.problems.append(
            Problem(
                self.path,
                node.start_mark.line + 1,
                "värdet här används igen med ett alias (*). Ankare och alias (& och *) "
                "används inte i de här filerna: skriv ut värdet där det behövs.",
            )
        )

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            self._alias(node)
            return ""
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        try:
            value = self._construct(node)
        finally:
            self._depth -= 1
        self.constructed_objects[node] = value
        return value

    def _check_text(self, text: str, node: Node) -> None:
        char = text_hygiene.forbidden(text)
        if char is not None:
            self.problems.append(
                Problem(self.path, node.start_mark.line + 1, text_hygiene.message(char))
            )

    def _value(self, node: Node) -> Any:
        """A child's value: a scalar seen for the first time directly (most values are), the
        rest through construct_object, which finds aliases and counts the depth."""
        if type(node) is ScalarNode and not (self._anchored and node in self.constructed_objects):
            value: str = node.value
            if self._hygiene:
                self._check_text(value, node)
            if self._anchored:
                self.constructed_objects[node] = value
            return value
        return self.construct_object(node)

    def _construct(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            if self._hygiene:
                self._check_text(str(node.value), node)
            return str(node.value)
        if isinstance(node, SequenceNode):
            items = YamlList()
            items.line = node.start_mark.line + 1
            items.lines = []
            for child in node.value:
                items.append(self._value(child))
                items.lines.append(child.start_mark.line + 1)
            return items
        assert isinstance(node, MappingNode)
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    Problem(self.path, line, "en nyckel måste vara ett ord, inte en lista.")
                )
                continue
            key = str(key_node.value)
            if self._anchored:  # a key may be an anchor's value, or an alias of one
                if key_node in self.constructed_objects:
                    self._alias(key_node)
                    continue
                self.constructed_objects[key_node] = key
            if self._hygiene:
                self._check_text(key, key_node)
            if key in mapping:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        f'fältet "{key}" står två gånger (första gången på rad '
                        f"{mapping.lines[key]}). Ta bort det ena: annars försvinner ett "
                        "av värdena utan att det märks.",
                    )
                )
                continue
            mapping[key] = self._value(value_node)
            mapping.lines[key] = line
        return mapping


# PyYAML's English messages for the mistakes people make most, said in Swedish.
_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "ett kolon (:) står där det inte får stå. En text som innehåller kolon ska skrivas "
        "med | på raden ovanför, eller inom citattecken"
    ),
    "found character '\\t' that cannot start any token": (
        "raden börjar med ett tabbtecken. Använd mellanslag för indrag"
    ),
    "could not find expected ':'": "ett kolon (:) saknas efter fältets namn",
    "found a tab character": "raden har ett tabbtecken. Använd mellanslag för indrag",
    "expected <block end>, but found": "indraget stämmer inte med raderna ovanför",
    "found unexpected end of stream": "ett citattecken har öppnats men inte stängts",
    "found undefined alias": "ett alias (*) pekar på ett ankare (&) som inte finns",
    "expected a single document": "filen innehåller mer än ett dokument (---)",
    "exceeded maximum nesting depth": "filen är nästlad i för många nivåer",
    "but found another document": "filen innehåller mer än ett dokument (---)",
    "found invalid Unicode character escape code": (
        "en kod med \\u eller \\x inom citattecken är inte ett tecken som får stå i en text"
    ),
}


_BLOCK_HEADER = re.compile(
    r"^(?P<lead> *(?:- +)?)(?P<key>[^\s#:][^:#]*):\s*[|>][-+0-9]*\s*(?:#.*)?$"
)
_KEY_OR_ITEM = re.compile(r"^ *(?:- |-$|#|[^\s:#][^:#]*:(?:\s|$))")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _prose(line: str) -> bool:
    """A line that reads as a sentence rather than a field name: punctuation or several words."""
    text = line.strip()
    return text.endswith((".", "!", "?", ",")) or len(text.split()) >= 3


def _block_text_indent(lines: list[str], error_line: int) -> tuple[int, str] | None:
    """The line whose indentation cuts a block text (after `text: |`) short, with a Swedish
    explanation, when that is what went wrong before `error_line` (1-based); else None."""
    for header in range(min(error_line, len(lines)) - 1, -1, -1):
        match = _BLOCK_HEADER.match(lines[header])
        if match is None:
            continue
        key_indent = len(match["lead"])
        body = [(n, line) for n, line in enumerate(lines[header + 1 :], header + 2)]
        filled = [(n, line) for n, line in body if line.strip()]
        if not filled or _indent(filled[0][1]) <= key_indent:
            continue  # an empty text: nothing to cut short
        expected = _indent(filled[0][1])
        for n, line in filled[1:]:
            if n > error_line + 1:
                break
            found = _indent(line)
            if found >= expected:
                continue
            if found <= key_indent and (_KEY_OR_ITEM.match(line) or not _prose(line)):
                break  # the text ended and a field (perhaps without its colon) begins
            return n, (
                f"indraget på rad {n} stämmer inte med texten under "
                f'"{match["key"].strip()}: |" på rad {header + 1}. Varje rad i texten ska ha '
                f"lika många mellanslag först som den första raden ({expected}), men den här "
                f"har {found}. Ge raden samma indrag som raderna ovanför"
            )
        return None
    return None


def _syntax_message(error: yaml.MarkedYAMLError, line_text: str) -> str:
    if "\t" in line_text:
        return (
            "filen går inte att läsa som YAML: raden har ett tabbtecken. "
            "Använd mellanslag för indrag."
        )
    problem = error.problem or str(error)
    for english, swedish in _SYNTAX_HINTS.items():
        if english in problem:
            return f"filen går inte att läsa som YAML: {swedish}."
    return (
        f"filen går inte att läsa som YAML ({problem}). Kontrollera indrag, kolon och "
        "citattecken på raden och raden ovanför."
    )


def read_yaml(file: Path, display_path: str) -> tuple[YamlMap | None, list[Problem]]:
    """Read one YAML file whose top level must be a mapping. Never raises for bad content."""
    text, problems = read_text(file, display_path)
    return (None, problems) if text is None else parse_yaml(text, display_path)


def read_text(file: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file: at most MAX_FILE_BYTES, in UTF-8 (a byte order mark dropped)."""
    size = file.stat().st_size  # before reading: a huge file is never read into memory
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                display_path,
                1,
                f"filen är {size // 1000} kB, men får vara högst "
                f"{MAX_FILE_BYTES // 1000} kB. Dela upp den i flera filer.",
            )
        ]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                display_path,
                line,
                f"filen är inte sparad som UTF-8 (tecknet med byte 0x{raw[error.start]:02x} "
                "kan inte läsas). Spara filen med teckenkodningen UTF-8.",
            )
        ]
    return text.removeprefix("\ufeff"), []


# A line with something on it that is not a comment (faster than splitting every file in lines).
_CONTENT = re.compile(r"^\s*[^\s#]", re.MULTILINE)


def parse_yaml(text: str, display_path: str) -> tuple[YamlMap | None, list[Problem]]:
    """Parse YAML text whose top level must be a mapping. Never raises for bad content."""
    if not _CONTENT.search(text):
        return None, [Problem(display_path, 1, "filen är tom. Fyll i den eller ta bort den.")]
    loader = _LineLoader(text, display_path)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_path, 1, "filen är tom. Fyll i den eller ta bort den.")]
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        lines = text.splitlines()
        # libyaml marks an error at the end of the text on the line after the last one; a
        # person (and a GitHub annotation) needs a line that exists.
        line = min(mark.line + 1, max(1, len(lines))) if mark is not None else 1
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        cut_short = _block_text_indent(lines, line) if "\t" not in line_text else None
        if cut_short is not None:
            at, explained = cut_short
            message = f"filen går inte att läsa som YAML: {explained}."
            return None, [Problem(display_path, at, message)]
        return None, [Problem(display_path, line, _syntax_message(error, line_text))]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 1, f"filen går inte att läsa som YAML ({error}).")]
    except _TooDeep as error:
        return None, [
            Problem(
                display_path,
                error.line,
                f"filen är nästlad i mer än {MAX_DEPTH} nivåer. Så djupa strukturer används inte "
                "här: kontrollera indragen.",
            )
        ]
    finally:
        loader.dispose()
    if not isinstance(value, YamlMap):
        return None, [
            Problem(
                display_path,
                getattr(value, "line", 1),
                "filen ska börja med fält (namn: värde), men börjar med "
                f"{'en lista' if isinstance(value, list) else 'en ensam text'}.",
            )
        ]
    return value, loader.problems
