"""The data layer's shortcuts (issue 14: within 1.5× of the bare C parser) change no result:
each fast check finds exactly what the plain rule finds, and the loader without the YAML
resolver still reads every scalar as text."""

from __future__ import annotations

import gc
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data import load, privacy, text_hygiene
from tests.conftest import scaled


def test_the_forbidden_pattern_is_the_character_rule_for_every_code_point() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        rule = char if text_hygiene._control(char) or char in text_hygiene.BIDI_CONTROLS else None
        assert text_hygiene.forbidden(f"a{char}b") == rule, hex(code)


def test_only_ascii_digits_are_digits_in_latin_1() -> None:
    """The personal-number shortcut skips the regex for a Latin-1 text without ASCII digits:
    the pattern's \\d must find nothing else there."""
    digit = re.compile(r"\d")
    assert [c for c in map(chr, range(256)) if digit.match(c)] == list("0123456789")
    # Digits of another script are outside Latin-1: the text still goes through the pattern.
    assert privacy.personal_numbers("Ring ٨١١٢١٨-٩٨٧٦ i dag") == ["٨١١٢١٨-٩٨٧٦"]
    assert privacy.personal_numbers("Åsa på Ölandsvägen, inga siffror") == []
    assert privacy.personal_numbers("Åsa 811218-9876") == ["811218-9876"]


def test_scalars_stay_text_without_the_resolver() -> None:
    content, problems = load.parse_yaml(
        "a: 1\nb: no\nc: 2024-01-02\nd: [12:30, ~, 0114]\ne:\n  f: true\n", "x.yml"
    )
    assert problems == []
    assert content == {
        "a": "1",
        "b": "no",
        "c": "2024-01-02",
        "d": ["12:30", "~", "0114"],
        "e": {"f": "true"},
    }


def test_the_quick_look_sees_every_text_the_keyed_walk_sees() -> None:
    from macros.data.folders import read_dataset
    from tests.conftest import EXAMPLE, VALID

    for root in (VALID, EXAMPLE):
        for _, _, record in privacy._records(read_dataset(root)):
            assert privacy._plain_strings(record, []) == [t for _, t in privacy.strings(record)]


# How a value may be written in a YAML file: the number's pieces are then folded, indented and
# quoted by YAML's rules, and the quick look at the file must still see what the value holds.
STYLES = {
    "plain": "text: {}\n",
    "single": "text: '{}'\n",
    "double": 'text: "{}"\n',
    "folded": "text: >\n  {}\n",
    "literal": "text: |\n  {}\n",
    "folded, kept": "text: >+\n  {}\n\n",
    "list": "text:\n  - {}\n",
}
PIECES = [*"8112189876", "-", " ", "–", "*", "_", "\u200b", "\u00ad", "\n", "\n  ", "\n\n  "]
PIECES += ["&#49;", "<b>", "a", "１", "#", ":", "'"]


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


@settings(max_examples=scaled(1500))
@given(st.sampled_from(sorted(STYLES)), st.lists(st.sampled_from(PIECES), max_size=24))
def test_the_quick_look_at_a_file_never_rules_out_a_value_that_holds_a_number(
    style: str, pieces: list[str]
) -> None:
    text = STYLES[style].format("".join(pieces).replace("\n", "\n  "))
    content, _ = load.parse_yaml(text, "data/fil.yml")
    if content is None:
        return  # not a file YAML can read: the loader reports it
    held = [n for s in _strings(content) for n in privacy.seen_personal_numbers(s)]
    if held:
        assert not privacy.file_cannot_hold_one(text, "data/fil.yml"), (text, held)


def test_the_quick_look_at_a_file_sees_numbers_folded_escaped_and_in_its_path() -> None:
    for text in (
        "text: Nummer 811218-\n  9876 här\n",
        "text: >\n  811218\n  9876\n",
        'text: "811218\\u002d9876"\n',
        'text: "81\\x31218-9876"\n',
    ):
        content, _ = load.parse_yaml(text, "data/fil.yml")
        assert content is not None
        assert privacy.seen_personal_numbers(str(content["text"])), text
        assert not privacy.file_cannot_hold_one(text, "data/fil.yml"), text
    assert not privacy.file_cannot_hold_one("namn: Testby\n", "data/811218-9876/kommun.yml")
    assert privacy.file_cannot_hold_one("datum: 2024-11-12\nar: 2024\n", "data/a/kommun.yml")


def test_reading_a_data_set_freezes_nothing_unless_the_process_builds_once() -> None:
    """A frozen cycle is never collected: `mkdocs serve` (and any long-lived process) must not
    freeze what it reads; only the builder, which builds once and ends, asks for it."""
    from macros.data import folders
    from tests.conftest import VALID

    assert folders.FREEZE_AFTER_READING is False
    before = gc.get_freeze_count()
    folders.read_dataset(VALID)
    assert gc.get_freeze_count() == before
