"""Validation: one case per kind of bad input, each with the exact message a person reads.

Each case breaks one file of the small valid data set (tests/fixtures/valid) and states the
problems the validator must report, with file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import load, problems_of

P = "data/testby/2024-2025"


def replace(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_valid_fixture_is_valid(valid_data: Path) -> None:
    assert problems_of(valid_data) == []
    dataset = load(valid_data)
    promise = dataset.promise("testby/2024-2025")
    assert [a.id for a in promise.areas] == ["droger", "trafik"]  # by "ordning"
    assert {a.id for a in promise.activities} == {
        "kontroller",
        "skolvag",
        "skolbesok",
        "fritidsgard",
    }
    assert promise.activity("kontroller").years == (2024, 2025)  # no "ar": the whole period
    assert promise.activity("skolvag").years == (2025,)
    assert dataset.municipalities[0].code == "0114"  # a code stays text, not the number 76


CASES: list[tuple[str, str, str, str, list[str]]] = [
    # (name, file, old text, new text, expected problems)
    (
        "misspelt status",
        "uppfoljning/2024/trafik.yml",
        "status: genomförd",
        "status: genomford",
        [
            f'{P}/uppfoljning/2024/trafik.yml:4: "status" i uppföljningen av '
            '"Hastighetskontroller" 2024 (uppfoljningar.1.status) är "genomford", men ska vara '
            'ett av: planerad, pågår, genomförd, försenad, avbruten. Menade du "genomförd"?'
        ],
    ),
    (
        "unknown key",
        "uppfoljning/2024/trafik.yml",
        "    status: genomförd",
        "    statsu: genomförd",
        [
            f'{P}/uppfoljning/2024/trafik.yml:3: fältet "status" i uppföljningen av '
            '"Hastighetskontroller" 2024 (uppfoljningar.1.status) saknas. Lägg till det.',
            f'{P}/uppfoljning/2024/trafik.yml:4: okänt fält "statsu" i uppföljningen av '
            '"Hastighetskontroller" 2024 (uppfoljningar.1.statsu). Menade du "status"? '
            "Fält som finns här: "
            "aktivitet, status, text, "
            "framsteg, lankar, granskad, utkast, exempel.",
        ],
    ),
    (
        "status outside the vocabulary",
        "uppfoljning/2024/trafik.yml",
        "status: genomförd",
        "status: klart",
        [
            f'{P}/uppfoljning/2024/trafik.yml:4: "status" i uppföljningen av '
            '"Hastighetskontroller" 2024 (uppfoljningar.1.status) är "klart", men ska '
            "vara ett av: planerad, pågår, genomförd, försenad, avbruten."
        ],
    ),
    (
        "duplicate key",
        "uppfoljning/2024/trafik.yml",
        "    framsteg: 100\n",
        "    framsteg: 100\n    framsteg: 90\n",
        [
            f'{P}/uppfoljning/2024/trafik.yml:6: fältet "framsteg" står två gånger (första gången '
            "på rad 5). Ta bort det ena: annars försvinner ett av värdena utan att det märks."
        ],
    ),
    (
        "YAML 1.1 boolean where a word is expected",
        "aktiviteter/trafik.yml",
        "ansvar: polisen",
        "ansvar: no",
        [
            f'{P}/aktiviteter/trafik.yml:7: "ansvar" i aktiviteten "kontroller" '
            '(aktiviteter.1.ansvar) är "no", men ska vara ett av: '
            "polisen, kommunen, båda."
        ],
    ),
    (
        "id with capitals and an underscore",
        "aktiviteter/trafik.yml",
        "id: kontroller",
        "id: Kontroller_1",
        [
            f'{P}/aktiviteter/trafik.yml:3: "id" i aktiviteten "Hastighetskontroller" '
            "(aktiviteter.1.id) "
            'är "Kontroller_1", men ska vara ett '
            "id av små bokstäver a–z, siffror och bindestreck (till exempel trygg-trafik).",
            f'{P}/indikatorer/kontroller.yml:3: "aktivitet": aktiviteten "kontroller" '
            "finns inte i det här löftet. De som finns: fritidsgard, skolbesok, skolvag.",
            f'{P}/uppfoljning/2024/trafik.yml:3: "aktivitet": aktiviteten "kontroller" '
            "finns inte i det här löftet. De som finns: fritidsgard, skolbesok, skolvag.",
            f'{P}/uppfoljning/2025/trafik.yml:3: "aktivitet": aktiviteten "kontroller" '
            "finns inte i det här löftet. De som finns: fritidsgard, skolbesok, skolvag.",
        ],
    ),
    (
        "missing required field",
        "omraden/trafik.yml",
        "sammanfattning: Säkrare vägar.\n",
        "",
        [
            f'{P}/omraden/trafik.yml:1: fältet "sammanfattning" saknas i områdesfilen. Lägg till '
            "det."
        ],
    ),
    (
        "text where a list is expected",
        "aktiviteter/trafik.yml",
        "    platser:\n      - Testby\n",
        "    platser: Testby\n",
        [
            f'{P}/aktiviteter/trafik.yml:8: "platser" i aktiviteten "kontroller" '
            '(aktiviteter.1.platser) är "Testby", men ska vara en '
            "lista med orter (en rad per sak, som börjar med -)."
        ],
    ),
    (
        "unknown area",
        "aktiviteter/trafik.yml",
        "omrade: trafik",
        "omrade: trafiken",
        [
            f'{P}/aktiviteter/trafik.yml:1: "omrade": fokusområdet "trafiken" finns inte i det här '
            'löftet. Menade du "trafik"? De som finns: droger, trafik.'
        ],
    ),
    (
        "unknown activity",
        "uppfoljning/2024/droger.yml",
        "aktivitet: skolbesok",
        "aktivitet: skolbesk",
        [
            f'{P}/uppfoljning/2024/droger.yml:3: "aktivitet": aktiviteten "skolbesk" finns inte i '
            'det här löftet. Menade du "skolbesok"? De som finns: fritidsgard, kontroller, '
            "skolbesok, skolvag."
        ],
    ),
    (
        "follow-up year outside the period",
        "uppfoljning/2025/trafik.yml",
        "ar: 2025",
        "ar: 2026",
        [
            f'{P}/uppfoljning/2025/trafik.yml:1: "ar" är 2026, men filen ligger i mappen 2025/. '
            "Flytta filen eller rätta årtalet.",
            f'{P}/uppfoljning/2025/trafik.yml:1: "ar" är 2026, men löftet gäller 2024–2025.',
        ],
    ),
    (
        "follow-up for an activity that did not run that year",
        "aktiviteter/trafik.yml",
        "    ar: [2025]",
        "    ar: [2024]",
        [
            f'{P}/uppfoljning/2025/trafik.yml:10: aktiviteten "skolvag" pågår inte 2025 (den '
            "gäller 2024), så den kan inte följas upp det året. Ta bort uppföljningen eller "
            'lägg till året i aktivitetens "ar".'
        ],
    ),
    (
        "activity year outside the period",
        "aktiviteter/trafik.yml",
        "    ar: [2025]",
        "    ar: [2025, 2027]",
        [
            f'{P}/aktiviteter/trafik.yml:10: aktiviteten "skolvag" har årtalet 2027 i "ar", men '
            "löftet gäller 2024–2025."
        ],
    ),
    (
        "percent above 100",
        "uppfoljning/2024/droger.yml",
        "framsteg: 50",
        "framsteg: 150",
        [
            f'{P}/uppfoljning/2024/droger.yml:5: "framsteg" i uppföljningen av "Skolbesök" '
            '2024 (uppfoljningar.1.framsteg) är "150", men ska vara '
            "ett heltal från 0 till 100 (procent, utan %-tecken)."
        ],
    ),
    (
        "percent with sign",
        "uppfoljning/2024/droger.yml",
        "framsteg: 50",
        "framsteg: 50 %",
        [
            f'{P}/uppfoljning/2024/droger.yml:5: "framsteg" i uppföljningen av "Skolbesök" '
            '2024 (uppfoljningar.1.framsteg) är "50 %", men ska '
            "vara ett heltal från 0 till 100 (procent, utan %-tecken)."
        ],
    ),
    (
        "duplicate activity id",
        "aktiviteter/droger.yml",
        "id: fritidsgard",
        "id: kontroller",
        [
            f'{P}/aktiviteter/trafik.yml:3: aktiviteten "kontroller" finns redan i '
            f"{P}/aktiviteter/droger.yml:9. Varje id får bara användas en gång: byt namn på det "
            "ena."
        ],
    ),
    (
        "duplicate follow-up",
        "uppfoljning/2024/droger.yml",
        "aktivitet: skolbesok",
        "aktivitet: kontroller",
        [
            f'{P}/uppfoljning/2024/trafik.yml:3: uppföljningen av "kontroller 2024" finns redan i '
            f"{P}/uppfoljning/2024/droger.yml:3. Varje id får bara användas en gång: byt namn på "
            "det ena."
        ],
    ),
    (
        "approval missing",
        "uppfoljning/2024/droger.yml",
        "      polisen: 2024-11-12\n",
        "",
        [
            f'{P}/uppfoljning/2024/droger.yml:3: uppföljningen av "skolbesok" 2024 är inte utkast, '
            'men saknar datum i "granskad" för både polisen och kommunen. Lägg till båda datumen '
            "när parterna har godkänt texten, eller skriv utkast: true."
        ],
    ),
    (
        "impossible date",
        "uppfoljning/2024/droger.yml",
        "polisen: 2024-11-12",
        "polisen: 2024-11-31",
        [
            f'{P}/uppfoljning/2024/droger.yml:9: "polisen" i granskningen i uppföljningen av '
            '"Skolbesök" 2024 (uppfoljningar.1.granskad.polisen) är "2024-11-31", men ska vara ett '
            "datum som år-månad-dag, till exempel 2024-11-12 "
            "(datumet finns inte)."
        ],
    ),
    (
        "done but progress below 100",
        "uppfoljning/2024/trafik.yml",
        "framsteg: 100",
        "framsteg: 80",
        [
            f'{P}/uppfoljning/2024/trafik.yml:3: uppföljningen av "kontroller" 2024 har status '
            'genomförd men "framsteg" är 80. Sätt framsteg till 100 eller ändra status.'
        ],
    ),
    (
        "javascript link",
        "uppfoljning/2024/trafik.yml",
        "url: https://polisen.se/nyhet",
        "url: javascript:alert(1)",
        [
            f'{P}/uppfoljning/2024/trafik.yml:10: "url" i länken "Polisens nyhet" '
            "(uppfoljningar.1.lankar.1.url) är "
            '"javascript:alert(1)", men ska vara en webbadress som börjar med https:// (eller '
            "http:// eller mailto:)."
        ],
    ),
    (
        "indicator value year twice",
        "indikatorer/kontroller.yml",
        "  - ar: 2024\n    varde: 12\n",
        "  - ar: 2024\n    varde: 12\n  - ar: 2024\n    varde: 13\n",
        [
            f"{P}/indikatorer/kontroller.yml:15: det finns mer än ett mätvärde för 2024. "
            "Behåll ett värde per år.",
            f"{P}/indikatorer/kontroller.yml:17: det finns mer än ett mätvärde för 2024. "
            "Behåll ett värde per år.",
        ],
    ),
    (
        "indicator value with decimal comma",
        "indikatorer/kontroller.yml",
        "varde: 12",
        "varde: 12,5",
        [
            f'{P}/indikatorer/kontroller.yml:16: "varde" i mätvärdet för 2024 (varden.1.varde) är '
            '"12,5", men ska vara ett tal, '
            "till exempel 12 eller 12.5 (punkt som decimaltecken)."
        ],
    ),
    (
        "indicator of unknown kind",
        "indikatorer/kontroller.yml",
        "typ: aktivitetsmått",
        "typ: resultat",
        [
            f'{P}/indikatorer/kontroller.yml:5: "typ" är "resultat", men ska vara ett av: '
            "aktivitetsmått, effektmått."
        ],
    ),
    (
        "outcome indicator without a desired direction",
        "indikatorer/kontroller.yml",
        "typ: aktivitetsmått",
        "typ: effektmått",
        [
            f'{P}/indikatorer/kontroller.yml:5: "riktning" saknas. Ett effektmått ska säga vilket '
            "håll som är bättre: skriv riktning: öka eller riktning: minska."
        ],
    ),
    (
        "desired direction against the target",
        "indikatorer/kontroller.yml",
        "typ: aktivitetsmått",
        "typ: effektmått\nriktning: minska",
        [
            f'{P}/indikatorer/kontroller.yml:6: "riktning" är "minska", men målet (20) ligger åt '
            "andra hållet från utgångsvärdet (8). Rätta riktningen eller målet."
        ],
    ),
    (
        "unknown desired direction",
        "indikatorer/kontroller.yml",
        "typ: aktivitetsmått",
        "typ: aktivitetsmått\nriktning: upp",
        [
            f'{P}/indikatorer/kontroller.yml:6: "riktning" är "upp", men ska vara ett av: '
            "öka, minska."
        ],
    ),
    (
        "period ends before it starts",
        "lofte.yml",
        "slut: 2025",
        "slut: 2023",
        [
            f'{P}/lofte.yml:2: "period" går från 2024 till 2023, men slutåret ska vara samma som '
            "eller upp till tio år efter startåret."
        ],
    ),
    (
        "reserved area id",
        "omraden/trafik.yml",
        "id: trafik",
        "id: uppfoljning",
        [
            f'{P}/aktiviteter/trafik.yml:1: "omrade": fokusområdet "trafik" finns inte i det här '
            "löftet. De som finns: droger, uppfoljning.",
            f'{P}/indikatorer/kontroller.yml:2: "omrade": fokusområdet "trafik" finns inte i det '
            "här löftet. De som finns: droger, uppfoljning.",
            f'{P}/omraden/trafik.yml:1: "id" är "uppfoljning", men det ordet används redan av '
            "webbplatsen. Välj ett annat id.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_gives_exact_problems(
    valid_data: Path, name: str, file: str, old: str, new: str, expected: list[str]
) -> None:
    replace(valid_data / "testby" / "2024-2025", file, old, new)
    assert problems_of(valid_data) == sorted(expected)


def test_all_problems_of_a_run_are_reported_together(valid_data: Path) -> None:
    promise = valid_data / "testby" / "2024-2025"
    replace(promise, "uppfoljning/2024/trafik.yml", "status: genomförd", "status: klart")
    replace(promise, "aktiviteter/droger.yml", "ansvar: båda", "ansvar: alla")
    (promise / "omraden" / "tom.yml").write_text("", encoding="utf-8")
    problems = problems_of(valid_data)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == [
        f"{P}/aktiviteter/droger.yml",
        f"{P}/omraden/tom.yml",
        f"{P}/uppfoljning/2024/trafik.yml",
    ]


def test_invalid_utf8_in_a_data_file(valid_data: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "omraden" / "trafik.yml"
    path.write_bytes(path.read_bytes().replace("Säkrare".encode(), "Säkrare".encode("latin-1")))
    assert problems_of(valid_data) == [
        f"{P}/omraden/trafik.yml:3: filen är inte sparad som UTF-8 (tecknet med byte 0xe4 kan "
        "inte läsas). Spara filen med teckenkodningen UTF-8."
    ]


def test_missing_promise_file_and_stray_files(valid_data: Path) -> None:
    promise = valid_data / "testby" / "2024-2025"
    (promise / "lofte.yml").unlink()
    (promise / "anteckningar.txt").write_text("x", encoding="utf-8")
    (promise / "omraden" / "extra.yaml").write_text("id: x\n", encoding="utf-8")
    assert problems_of(valid_data) == sorted(
        [
            f'{P}/anteckningar.txt:1: "anteckningar.txt" hör inte hemma i löftets mapp. Där finns '
            "lofte.yml och mapparna aktiviteter, indikatorer, omraden, uppfoljning.",
            f"{P}:1: filen lofte.yml saknas i löftets mapp.",
            f"{P}/omraden/extra.yaml:1: filändelsen ska vara .yml, inte .yaml. Byt namn på filen.",
        ]
    )


def test_a_new_period_and_a_new_municipality_are_data_alone(valid_data: Path) -> None:
    import shutil

    shutil.copytree(valid_data / "testby", valid_data / "annanby")
    replace(valid_data / "annanby", "kommun.yml", '"0114"', '"0115"')
    shutil.copytree(valid_data / "testby" / "2024-2025", valid_data / "testby" / "2026-2027")
    new = valid_data / "testby" / "2026-2027"
    replace(new, "lofte.yml", "start: 2024\n  slut: 2025", "start: 2026\n  slut: 2027")
    replace(new, "aktiviteter/trafik.yml", "ar: [2025]", "ar: [2026]")
    shutil.rmtree(new / "uppfoljning")
    (new / "indikatorer" / "kontroller.yml").unlink()
    dataset = load(valid_data)
    assert [p.key for p in dataset.promises] == [
        "annanby/2024-2025",
        "testby/2024-2025",
        "testby/2026-2027",
    ]
    assert [p.key for p in dataset.promises_of("testby")] == [
        "testby/2026-2027",
        "testby/2024-2025",
    ]


def test_a_linked_kommun_yml_is_reported(tmp_path: Path) -> None:
    """A kommun.yml that is a link is refused, never skipped: the municipality and its
    promises would otherwise leave the site with every check green."""
    import re
    import shutil

    from macros.data.folders import read_dataset, read_municipalities
    from macros.data.problems import DataError
    from tests.conftest import FIXTURES

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "lan" / "data", data)
    moved = tmp_path / "beta-kommun.yml"
    (data / "beta" / "kommun.yml").rename(moved)
    (data / "beta" / "kommun.yml").symlink_to(moved)
    for read in (read_dataset, read_municipalities):
        with pytest.raises(DataError, match=re.escape("data/beta/kommun.yml:1: är en länk")):
            read(data)
