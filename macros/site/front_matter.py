"""Checks of the pages in docs/: the front matter (the block between --- lines) with the same
loader as the data, so duplicate keys and unknown keys are problems, not surprises; and no
personnummer anywhere in a page, found as in the data (`macros.data.privacy`).

A page is read exactly as MkDocs reads it (UTF-8 with or without a byte order mark, any line
ending, the block closed by --- or ...), and every file MkDocs treats as a page is checked,
whatever its Markdown file extension: what is checked is what is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import is_markdown_file
from mkdocs.utils.meta import YAML_RE

from macros.data import privacy, schema
from macros.data.load import parse_yaml
from macros.data.problems import Problem

HIDE = ["navigation", "toc", "footer", "path", "tags", "feedback"]
FIELDS = [
    schema.Field("title", schema.text, required=False),
    schema.Field("description", schema.text, required=False),
    schema.Field("hide", schema.list_of(schema.choice(HIDE), "delar att dölja"), required=False),
    schema.Field("render_macros", schema.boolean, required=False),
]


def read_page(path: Path) -> str:
    """The text of a page as MkDocs reads it (`File.content_string`)."""
    with path.open(encoding="utf-8-sig", errors="strict") as file:
        return file.read()


def check_page(text: str, display_path: str) -> list[Problem]:
    match = YAML_RE.match(text)
    if match is None:
        return []
    # One leading newline puts the block's lines where they stand in the file.
    content, problems = parse_yaml("\n" + match[1], display_path)
    if content is not None:
        at = schema.At(display_path, content.line, "", problems)
        schema.read_record(content, FIELDS, at, "sidans inledning (front matter)")
    return problems


def check_docs(docs: Path) -> list[Problem]:
    problems = []
    for path in sorted(docs.rglob("*")):
        if not is_markdown_file(path.name) or path.is_symlink() or not path.is_file():
            continue  # links and other files: macros.site.security.docs_file_problems
        display = (Path(docs.name) / path.relative_to(docs)).as_posix()
        try:
            text = read_page(path)
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            problems.append(
                Problem(
                    display,
                    line,
                    "sidan är inte sparad som UTF-8. Spara filen med teckenkodningen UTF-8.",
                )
            )
            continue
        problems += check_page(text, display) + personal_numbers(text, display)
    return problems


def personal_numbers(text: str, display_path: str) -> list[Problem]:
    """A personnummer anywhere in a page (front matter and text), line by line."""
    return [
        Problem(
            display_path,
            line,
            f"sidan innehåller något som ser ut som ett personnummer ({number}). Personnummer "
            "får aldrig publiceras: ta bort det.",
        )
        for line, row in enumerate(text.splitlines(), 1)
        for number in privacy.personal_numbers(row)
    ]
