"""argparse in Swedish: its own texts (usage, options, help, errors) translated, misspelt
choices answered with "menade du …?", and argument types that explain themselves.

argparse looks its texts up through the module-level functions `argparse._` and
`argparse.ngettext` each time it needs one; `swedish()` swaps them for the Swedish table while the
command line is built and read, and puts the originals back afterwards.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from macros.data.problems import did_you_mean

# Every text of argparse (Python 3.11–3.13) that a person running `lofte` can meet.
TRANSLATIONS = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "positional arguments": "argument",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel i kommandot: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "det här saknas: %s",
    "one of the arguments %s is required": "ett av de här behövs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "ett värde behövs efter flaggan",
    "expected at most one argument": "högst ett värde får stå här",
    "expected at least one argument": "minst ett värde behövs här",
    "expected %s argument": "%s värde behövs här",
    "expected %s arguments": "%s värden behövs här",
    "ambiguous option: %(option)s could match %(matches)s": (
        "flaggan %(option)s kan betyda flera: %(matches)s"
    ),
    "not allowed with argument %s": "går inte att använda tillsammans med %s",
    "ignored explicit argument %r": "värdet %r används inte här",
    "invalid %(type)s value: %(value)r": "%(value)r är inte ett giltigt värde (%(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r finns inte (välj ett av: %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "kommandot %(parser_name)r finns inte (välj ett av: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan inte öppna %(filename)s: %(error)s",
    "unexpected option string: %s": "oväntad flagga: %s",
}
# Texts argparse asked for that the table above lacks (a newer Python may add some): the tests
# read this after running every command's help and errors.
untranslated: set[str] = set()


def translate(message: str) -> str:
    found = TRANSLATIONS.get(message)
    if found is None:
        untranslated.add(message)
        return message
    return found


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextmanager
def swedish() -> Iterator[None]:
    """argparse speaks Swedish inside this block."""
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = translate, translate_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are Swedish and suggest what was probably meant."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog.split()[0]}: fel i kommandot: {message}", file=sys.stderr)
        raise SystemExit(2)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        known = [str(choice) for choice in action.choices]
        what = "kommandot" if isinstance(action, argparse._SubParsersAction) else "värdet"
        raise argparse.ArgumentError(
            action,
            f'{what} "{value}" finns inte.{did_you_mean(str(value), known)} '
            f"Välj ett av: {', '.join(known)}.",
        )


def whole_number(text: str) -> int:
    """An argument that must be a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" är inte ett heltal. Skriv bara siffror, till exempel 5.'
        ) from None


def year(text: str) -> int:
    """An argument that must be a year with four digits."""
    if not (len(text) == 4 and text.isdigit()):
        raise argparse.ArgumentTypeError(
            f'"{text}" är inte ett årtal. Skriv året med fyra siffror, till exempel 2026.'
        )
    return int(text)
