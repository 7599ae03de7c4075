"""Problems found in data: each names a file, a line and what to do, in Swedish."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised when the data set has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem], subject: str = "Datan") -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_report(self.problems, subject))


def format_report(problems: list[Problem], subject: str = "Datan") -> str:
    head = f"{subject} har {len(problems)} problem som måste rättas innan webbplatsen kan byggas:"
    return "\n".join([head, *(f"  {p}" for p in problems)])


def did_you_mean(found: str, known: list[str]) -> str:
    """' Menade du "x"?' when a misspelt word is close to one that exists, or nothing."""
    hint = difflib.get_close_matches(found, known, n=1, cutoff=0.6)
    return f' Menade du "{hint[0]}"?' if hint else ""
