"""Characters that break XML or hide what a reviewer reads are refused with file and line, and
every XML file of a build with hostile (but allowed) data is well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.data import text_hygiene
from tests.conftest import build_site, problems_of

ACTIVITIES = Path("testby") / "2024-2025" / "aktiviteter" / "trafik.yml"
SHOWN = "data/testby/2024-2025/aktiviteter/trafik.yml"

# YAML escapes in a double-quoted string, and the character each one gives.
REFUSED = {
    r"\x01": "U+0001 (styrtecken)",
    r"\0": "U+0000 (styrtecken)",
    r"\x1b": "U+001B (styrtecken)",
    r"\r": "U+000D (styrtecken)",
    r"\x7f": "U+007F (styrtecken)",
    r"\x85": "U+0085 (styrtecken)",
    r"\uFFFE": "U+FFFE (styrtecken)",
    r"\uFFFF": "U+FFFF (styrtecken)",
    r"\u202E": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    r"\u202A": "U+202A (LEFT-TO-RIGHT EMBEDDING)",
    r"\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
    r"\u2069": "U+2069 (POP DIRECTIONAL ISOLATE)",
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(char: str) -> str:
    return (
        f"texten innehåller tecknet {char}, som inte får stå i datan: det syns inte, kan ändra "
        "hur texten läses och förstör flödet och katalogen. Ta bort det (skriv om texten för "
        "hand om du har klistrat in den)."
    )


@pytest.mark.parametrize("escape", list(REFUSED))
def test_control_and_bidi_characters_in_a_title_are_refused(valid_data: Path, escape: str) -> None:
    _edit(valid_data / ACTIVITIES, "titel: Hastighetskontroller", f'titel: "Hastighet{escape}x"')
    assert problems_of(valid_data) == [f"{SHOWN}:4: {_refused(REFUSED[escape])}"]


@pytest.mark.parametrize("escape", [r"\x01", r"\u202E", r"\uFFFE"])
def test_the_same_characters_in_a_municipality_name_and_a_text_are_refused(
    valid_data: Path, escape: str
) -> None:
    _edit(valid_data / "testby" / "kommun.yml", "namn: Testby kommun", f'namn: "Test{escape}by"')
    _edit(
        valid_data / ACTIVITIES,
        "beskrivning: |\n      Polisen kontrollerar hastigheten.",
        f'beskrivning: "Polisen{escape} kontrollerar."',
    )
    assert problems_of(valid_data) == [
        f"{SHOWN}:5: {_refused(REFUSED[escape])}",
        f"data/testby/kommun.yml:1: {_refused(REFUSED[escape])}",
    ]


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        (r"\u200B", "ZERO WIDTH SPACE"),
        (r"\u200D", "ZERO WIDTH JOINER"),
        (r"\u2060", "WORD JOINER"),
        (r"\uFEFF", "ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_zero_width_characters_in_titles_and_names_are_refused(
    valid_data: Path, escape: str, name: str
) -> None:
    _edit(valid_data / ACTIVITIES, "titel: Hastighetskontroller", f'titel: "Hastighet{escape}x"')
    code = escape[2:].upper()
    assert problems_of(valid_data) == [
        f'{SHOWN}:4: "titel" i aktiviteten "kontroller" (aktiviteter.1.titel) är '
        f'"Hastighet<U+{code}>x", men ska vara en text '
        f"utan osynliga tecken (här finns U+{code} ({name}))."
    ]


def test_a_zero_width_character_in_an_id_is_refused(valid_data: Path) -> None:
    _edit(valid_data / ACTIVITIES, "id: kontroller", 'id: "kontroller\\u200B"')
    problems = problems_of(valid_data)
    assert problems[0].startswith(
        f'{SHOWN}:3: "id" i aktiviteten "Hastighetskontroller" (aktiviteter.1.id) är '
        f'"kontroller<U+200B>", men ska vara ett id av små '
        "bokstäver"
    )


# Written inside a double-quoted YAML string, so its own quotes are escaped for YAML.
# (Invisible characters such as U+200E are refused in names and titles: see below.)
HOSTILE = "<b>&amp; ]]> \\\"citat\\\" 'apostrof' \t tabb \u00a0 \u2028 😀 e\u0301"


def test_a_lone_surrogate_is_refused_when_the_file_is_read(valid_data: Path) -> None:
    _edit(valid_data / ACTIVITIES, "titel: Hastighetskontroller", 'titel: "Hastighet\\ud800x"')
    assert problems_of(valid_data) == [
        f"{SHOWN}:4: filen går inte att läsa som YAML: en kod med \\u eller \\x inom "
        "citattecken är inte ett tecken som får stå i en text."
    ]


def test_every_xml_output_is_well_formed_with_hostile_data(
    valid_data: Path, tmp_path: Path
) -> None:
    _edit(valid_data / "testby" / "kommun.yml", "namn: Testby kommun", f'namn: "Testby {HOSTILE}"')
    _edit(
        valid_data / ACTIVITIES,
        "titel: Hastighetskontroller",
        f'titel: "Kontroller {HOSTILE}"',
    )
    _edit(
        valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "trafik.yml",
        "Tolv kontroller gjordes.",
        "Tolv <script>x</script> & ]]> kontroller \u200egjordes. 😀",
    )
    assert problems_of(valid_data) == []
    # With a site address, so that the sitemap is written (without one, none is).
    build = build_site(valid_data, tmp_path, site_url="https://example.org/loften/")
    assert build.returncode == 0, build.output
    outputs = [
        p for p in build.site.rglob("*") if p.suffix in (".xml", ".atom", ".rdf") and p.is_file()
    ]
    assert {p.name for p in outputs} >= {"uppfoljningar.atom", "katalog.rdf", "sitemap.xml"}
    for path in outputs:
        ET.parse(path)  # raises on anything not well-formed
    feed = (build.site / "uppfoljningar.atom").read_text(encoding="utf-8")
    assert "Kontroller &lt;b&gt;&amp;amp; ]]&gt;" in feed


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u00ad", "SOFT HYPHEN"),
        ("\u200e", "LEFT-TO-RIGHT MARK"),
        ("\u200f", "RIGHT-TO-LEFT MARK"),
        ("\u061c", "ARABIC LETTER MARK"),
        ("\u2061", "FUNCTION APPLICATION"),
        ("\u3164", "HANGUL FILLER"),
        ("\u115f", "HANGUL CHOSEONG FILLER"),
        ("\ufe0f", "VARIATION SELECTOR-16"),
        ("\u180e", "MONGOLIAN VOWEL SEPARATOR"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
        ("\u034f", "COMBINING GRAPHEME JOINER"),
    ],
)
def test_every_invisible_character_in_a_name_is_refused(
    valid_data: Path, char: str, name: str
) -> None:
    """Attack finding 10: all format characters (Unicode category Cf), fillers and joiners."""
    path = valid_data / "testby" / "kommun.yml"
    text = path.read_text(encoding="utf-8")
    assert "namn: Testby kommun\n" in text
    path.write_text(text.replace("namn: Testby kommun", f"namn: Testby{char} kommun", 1), "utf-8")
    code = f"{ord(char):04X}"
    assert problems_of(valid_data) == [
        f'data/testby/kommun.yml:1: "namn" är "Testby<U+{code}> kommun", men ska vara en text '
        f"utan osynliga tecken (här finns U+{code} ({name}))."
    ]


def test_the_quick_paths_find_what_a_look_at_every_character_finds() -> None:
    """`invisible` skips ASCII and Latin-1 texts quickly: in ASCII nothing is invisible, in
    Latin-1 only the soft hyphen is (checked here against the full per-character test)."""
    latin1 = [chr(c) for c in range(0x100)]
    assert [c for c in latin1 if text_hygiene._invisible(c)] == ["\u00ad"]
    for char in latin1:
        expected = char if text_hygiene._invisible(char) else None
        assert text_hygiene.invisible(f"Åsele{char}å") == expected
    assert text_hygiene.invisible("Åsele\u200bå\u00ad") == "\u200b"  # beyond Latin-1: the first
