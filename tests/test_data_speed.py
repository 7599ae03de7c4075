"""The data layer's shortcuts (issue 14: within 1.5× of the bare C parser) change no result:
each fast check finds exactly what the plain rule finds, and the loader without the YAML
resolver still reads every scalar as text."""

from __future__ import annotations

import re
import sys

from macros.data import load, privacy, text_hygiene


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
