"""GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped by the rules for
workflow commands, so that a file name or a text from data cannot start a command of its own."""

from __future__ import annotations

from macros.data.problems import Problem


def escape_data(text: str) -> str:
    """The message part: %, CR and LF are escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=…): also : and , which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, problem: Problem) -> str:
    return (
        f"::{level} file={escape_property(problem.path)},line={problem.line}"
        f"::{escape_data(problem.message)}"
    )
