"""No personnummer is published: every text of the model is checked, with any separator.
The matrix is fields × separators × valid and invalid check digits, on the fixture."""

from __future__ import annotations

import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data import privacy
from macros.data.folders import read_dataset
from tests.conftest import FIXTURES, ROOT, build_site, lofte, problems_of, scaled

P = "testby/2024-2025"
# Valid check digits: a personnummer and a samordningsnummer (day + 60); the invalid one differs
# in the last digit only.
VALID = ("811218", "9876")
COORDINATION = ("701063", "2391")
INVALID = ("811218", "9875")
SEPARATORS = {
    "inget": "",
    "bindestreck": "-",
    "plus": "+",
    "tankstreck": "\u2013",
    "långt tankstreck": "\u2014",
    "mellanslag": " ",
}

# (file, text in the file, replacement with {n} for the number, what the message names)
FIELDS = {
    "kommunens namn": (
        "testby/kommun.yml",
        "namn: Testby kommun",
        "namn: Testby {n}",
        'kommunen "testby", fältet "namn"',
    ),
    "löftets titel": (
        f"{P}/lofte.yml",
        "titel: Medborgarlöfte 2024–2025",
        "titel: Medborgarlöfte {n}",
        'löftet, fältet "titel"',
    ),
    "underlag": (
        f"{P}/lofte.yml",
        "- Trygghetsmätning 2023",
        "- Mätning {n}",
        'löftet, fältet "underlag"',
    ),
    "källans titel": (
        f"{P}/lofte.yml",
        "titel: Löftet på testby.example",
        "titel: Löftet {n}",
        'löftet, fältet "kalla.titel"',
    ),
    "källans adress": (
        f"{P}/lofte.yml",
        "url: https://testby.example/lofte",
        "url: https://testby.example/lofte?p={n}",
        'löftet, fältet "kalla.url"',
    ),
    "områdets sammanfattning": (
        f"{P}/omraden/trafik.yml",
        "sammanfattning: Säkrare vägar.",
        "sammanfattning: Vägar {n}.",
        'området "trafik", fältet "sammanfattning"',
    ),
    "aktivitetens titel": (
        f"{P}/aktiviteter/trafik.yml",
        "titel: Säker skolväg",
        "titel: Skolväg {n}",
        'aktiviteten "skolvag", fältet "titel"',
    ),
    "partner": (
        f"{P}/aktiviteter/trafik.yml",
        "- Trafikverket",
        "- Person {n}",
        'aktiviteten "skolvag", fältet "partner"',
    ),
    "plats": (
        f"{P}/aktiviteter/trafik.yml",
        "- Testby\n",
        "- Gård {n}\n",
        'aktiviteten "kontroller", fältet "platser"',
    ),
    "uppföljningens text": (
        f"{P}/uppfoljning/2025/trafik.yml",
        "Kontrollerna fortsätter.",
        "Eleven {n} hjälpte till.",
        'uppföljningen av "kontroller" 2025, fältet "text"',
    ),
    "länkens titel": (
        f"{P}/uppfoljning/2024/trafik.yml",
        "titel: Polisens nyhet",
        "titel: Nyhet {n}",
        'uppföljningen av "kontroller" 2024, fältet "lankar.titel"',
    ),
    "länkens adress": (
        f"{P}/uppfoljning/2024/trafik.yml",
        "url: https://polisen.se/nyhet",
        "url: https://polisen.se/nyhet/{n}",
        'uppföljningen av "kontroller" 2024, fältet "lankar.url"',
    ),
    "indikatorns namn": (
        f"{P}/indikatorer/kontroller.yml",
        "namn: Antal kontroller",
        "namn: Kontroller {n}",
        'indikatorn "kontroller", fältet "namn"',
    ),
    "indikatorns källa": (
        f"{P}/indikatorer/kontroller.yml",
        "kalla: Polisen",
        "kalla: Polisen {n}",
        'indikatorn "kontroller", fältet "kalla"',
    ),
    "mätvärdets källa": (
        f"{P}/indikatorer/kontroller.yml",
        "varde: 12",
        "varde: 12\n    kalla: Enkät {n}",
        'indikatorn "kontroller", fältet "varden.kalla"',
    ),
}
# A web address cannot hold a space, so a number with a space is not a valid address at all.
CASES = [
    (field, separator)
    for field in FIELDS
    for separator in SEPARATORS
    if not (separator == "mellanslag" and "adress" in field)
]


def _write(root: Path, field: str, number: str) -> None:
    relative, old, new, _ = FIELDS[field]
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new.format(n=number), 1), encoding="utf-8")


@pytest.mark.parametrize(("field", "separator"), CASES)
def test_a_personal_number_in_any_field_with_any_separator_is_refused(
    valid_data: Path, field: str, separator: str
) -> None:
    number = SEPARATORS[separator].join(VALID)
    _write(valid_data, field, number)
    problems = problems_of(valid_data)
    what = FIELDS[field][3]
    assert len(problems) == 1, problems
    assert problems[0].endswith(
        f"{what}, innehåller något som ser ut som ett personnummer ({number}). "
        "Personnummer får aldrig publiceras: ta bort det."
    )


@pytest.mark.parametrize(("field", "separator"), CASES)
def test_a_wrong_check_digit_is_not_a_personal_number(
    valid_data: Path, field: str, separator: str
) -> None:
    _write(valid_data, field, SEPARATORS[separator].join(INVALID))
    assert problems_of(valid_data) == []


@pytest.mark.parametrize("separator", list(SEPARATORS.values()))
def test_numbers_with_century_and_samordningsnummer(separator: str) -> None:
    assert privacy.personal_numbers(f"Nr 19{separator.join(VALID)}.") == [
        f"19{separator.join(VALID)}"
    ]
    assert privacy.personal_numbers(f"Nr {separator.join(COORDINATION)}.") == [
        separator.join(COORDINATION)
    ]


def test_dates_and_case_numbers_are_not_personal_numbers() -> None:
    assert privacy.personal_numbers("Mötet 2024-11-12, ärende 2024-1234, tel 0934-140 00.") == []


def test_every_text_field_of_the_model_is_walked(valid_data: Path) -> None:
    dataset = read_dataset(valid_data)
    promise = dataset.promises[0]
    keys = {key for key, _ in privacy.strings(promise)}
    assert {
        "titel",
        "underlag",
        "aterkoppling",
        "kalla.titel",
        "kalla.url",
        "beskrivning",
        "parter.polisen",
        "parter.kommunen",
    } <= keys
    activity = promise.activity("skolvag")
    assert {"id", "titel", "beskrivning", "partner", "omrade"} <= {
        k for k, _ in privacy.strings(activity)
    }


# Attack finding 8: the number as a reader sees it, whatever the Markdown, HTML or Unicode.
HIDDEN_FORMS = [
    "**811218**-9876",
    "811218\\-9876",
    "811218&#45;9876",
    "811218&minus;9876",
    "19811218\u200b-9876",
    "811218\u00ad9876",
    "811218\u2009\u20139876",
    "811218 - 9876",
    "1981-12-18-9876",
    "１９８１１２１８-９８７６",
    "811218\u20079876",
    "811218\u30009876",
    "811218\uff0d9876",
    "811218\ufe639876",
    "`811218`-<b>9876</b>",
    # Marks and invisible characters inside the date itself.
    "81**12**18-9876",
    "8_1_1218-9876",
    "8112\u200b18-9876",
    "81\u00ad1218 9876",
    "811\ufeff218-9876",
    "８１１２１８ ９８７６",
]


@pytest.mark.parametrize("form", HIDDEN_FORMS)
def test_a_personal_number_is_found_in_any_visible_form(form: str) -> None:
    # Reported as written, from its first digit to its last.
    assert privacy.personal_numbers(f"Nr {form}.") == [re.sub(r"^\D+|\D+$", "", form)]


def test_superscript_digits_in_latin_1_are_digits_to_the_quick_look() -> None:
    # Breaker finding 1: ¹ ² ³ are Latin-1 and become digits under NFKC.
    text = "Ring ¹¹¹¹¹¹-¹¹³² för mer."
    assert privacy.personal_numbers(text) == ["¹¹¹¹¹¹-¹¹³²"]
    assert not privacy.file_cannot_hold_one(f"beskrivning: {text}\n", "data/a/omraden/t.yml")


def test_no_invisible_character_hides_a_date_from_the_quick_look() -> None:
    # privacy.cannot_hold_one rules texts out before they are read as seen; every character
    # the reader does not see (category Cf, as this Python's Unicode tables have it) must be
    # one it lets stand between the digits of a date.
    invisible = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(invisible) > 150
    missed = [
        f"U+{ord(c):04X}" for c in invisible if not privacy.personal_numbers(f"81{c}1218-9876")
    ]
    assert missed == []


# Pieces of texts: digits of a valid number, separators, marks, entities, tags, invisible and
# fullwidth characters, letters.
PIECES = [
    *"8112189876",
    "¹",
    "²",
    "³",
    "½",
    "-",
    " ",
    "–",
    "*",
    "_",
    "`",
    "\\",
    "\u200b",
    "\u00ad",
    "&#49;",
    "&#x38;",
]
PIECES += ["&amp;", "<b>", "</b>", "a", "å", "１", "８", "\n", ".", ":"]


@settings(max_examples=scaled(2000))
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_quick_look_never_rules_out_a_text_that_holds_a_number(text: str) -> None:
    assert privacy.personal_numbers(text) == privacy.seen_personal_numbers(text)


def test_years_periods_and_amounts_are_ruled_out_by_the_quick_look() -> None:
    for text in ("Åren 2023–2025 och 2026-2028", "Kostnad 12 345 678 kr", "Ärende 2024-1234"):
        assert privacy.cannot_hold_one(text), text
    assert not privacy.cannot_hold_one("Datum 20241112 1234")


def test_a_personal_number_in_a_docs_page_stops_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "om.md").write_text("# Om\n\nRing\n**811218**-9876 om du undrar.\n", "utf-8")
    (tmp_path / "work").mkdir()
    build = build_site(FIXTURES / "valid" / "data", tmp_path / "work", docs=docs)
    assert build.returncode == 1
    assert (
        "  docs/om.md:4: sidan innehåller något som ser ut som ett personnummer "
        "(811218**-9876). Personnummer får aldrig publiceras: ta bort det."
    ) in build.output


def test_kontrollera_checks_the_docs_pages_beside_the_data(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "om.md").write_text("# Om\n\n811218&#45;9876\n", "utf-8")
    result = lofte("kontrollera", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "Sidorna i docs/ har 1 problem som måste rättas innan webbplatsen kan byggas:\n"
        "  docs/om.md:3: sidan innehåller något som ser ut som ett personnummer "
        "(811218&#45;9876). Personnummer får aldrig publiceras: ta bort det.\n"
    )
