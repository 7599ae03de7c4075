"""Checks of the front matter (the block between --- lines) at the top of pages in docs/,
with the same loader as the data: duplicate keys and unknown keys are problems, not surprises."""

from __future__ import annotations

import re
from pathlib import Path

from macros.data import schema
from macros.data.load import parse_yaml
from macros.data.problems import Problem

_BLOCK = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*(?:\n|\Z)", re.S)
HIDE = ["navigation", "toc", "footer", "path", "tags", "feedback"]
FIELDS = [
    schema.Field("title", schema.text, required=False),
    schema.Field("description", schema.text, required=False),
    schema.Field("hide", schema.list_of(schema.choice(HIDE), "delar att dölja"), required=False),
    schema.Field("render_macros", schema.boolean, required=False),
]


def check_page(text: str, display_path: str) -> list[Problem]:
    match = _BLOCK.match(text)
    if match is None:
        return []
    # One leading newline puts the block's lines where they stand in the file.
    content, problems = parse_yaml("\n" + match["body"], display_path)
    if content is not None:
        at = schema.At(display_path, content.line, "", problems)
        schema.read_record(content, FIELDS, at, "sidans inledning (front matter)")
    return problems


def check_docs(docs: Path) -> list[Problem]:
    problems = []
    for path in sorted(docs.rglob("*.md")):
        display = (Path(docs.name) / path.relative_to(docs)).as_posix()
        problems += check_page(path.read_text(encoding="utf-8"), display)
    return problems
