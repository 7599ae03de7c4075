"""JSON Schema files for editors (VS Code's YAML extension and others), generated from the schema
in `macros/data/schema.py`, and the comment line that points each data file at its schema."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path, PurePath

from macros.data import schema
from macros.data.layout import FileKind, kind_of

SCHEMA_FOLDER = ".schema"  # inside data/; folders starting with a dot are not municipalities
COMMENT_PREFIX = "# yaml-language-server: $schema="


def schema_texts() -> dict[str, str]:
    """File name → content of every schema file."""
    return {
        f"{kind}.schema.json": json.dumps(schema.file_schema(kind), ensure_ascii=False, indent=2)
        + "\n"
        for kind in schema.FILES
    }


def comment_for(relative: PurePath, kind: FileKind) -> str:
    up = posixpath.relpath(f"{SCHEMA_FOLDER}/{kind}.schema.json", relative.parent.as_posix())
    return f"{COMMENT_PREFIX}{up}"


def with_comment(text: str, comment: str) -> str:
    """The file's text with the schema comment as its first line (replacing an old one)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(COMMENT_PREFIX):
        lines = lines[1:]
    return comment + "\n" + "".join(lines)


def write_all(data: Path) -> list[Path]:
    """Write the schema files and point every data file at its schema; return changed files."""
    changed = []
    folder = data / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    for name, content in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            changed.append(path)
    for path in sorted(data.rglob("*.yml")):
        relative = path.relative_to(data)
        kind = kind_of(relative)
        if kind is None:
            continue
        text = path.read_text(encoding="utf-8")
        new = with_comment(text, comment_for(relative, kind))
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
