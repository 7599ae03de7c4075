"""What real promises look like, on the small county under tests/fixtures/lan: a single-year and
a five-year period, a promise of focus statements only, a third party, two sources that disagree,
a follow-up published by the municipality itself, and a promise whose content is not published.
Each is validated (exact Swedish messages) and shown (real MkDocs build, article text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data import privacy
from macros.format import format_partial_date
from macros.model import Content, PartialDate, swedish_order
from macros.site import pages
from macros.staff.diff import citizen_diff
from tests.conftest import FIXTURES, Build, article_text, build_site, load, lofte, problems_of
from tests.invariants import assert_content_invariants

LAN = FIXTURES / "lan" / "data"


@pytest.fixture
def lan_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(LAN, target)
    return target


@pytest.fixture(scope="module")
def lan_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(LAN, tmp_path_factory.mktemp("lan"))
    assert build.returncode == 0, build.output
    return build


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_county_fixture_holds_each_kind() -> None:
    assert problems_of(LAN) == []
    dataset = load(LAN)
    alfa, beta, gamma = (
        dataset.promise(k) for k in ("alfa/2024", "beta/2023-2027", "gamma/2023-2025")
    )
    assert alfa.years == (2024,) and alfa.period_label == "2024"
    assert beta.years == (2023, 2024, 2025, 2026, 2027)
    assert alfa.content is Content.FOCUS_AREAS and not alfa.activities
    assert alfa.party_names == (
        "Polisen, lokalpolisområde Alfa",
        "Alfaby kommun",
        "Alfabostäder AB",
    )
    assert alfa.signed == PartialDate(2024, 2)
    assert alfa.conflict is not None
    assert alfa.conflict.other.url == "https://polisen.example/alfaby"
    assert [s.url for s in alfa.sources] == [
        "https://polisen.example/nyhet-alfaby",
        "https://polisen.example/alfaby",
    ]
    assert alfa.area("centrum").source is None  # the promise's source stands for it
    (published,) = beta.published_follow_ups
    assert (published.year, published.publisher) == (2023, "Betaby kommun")
    assert published.published == PartialDate(2024, 2, 15)
    assert gamma.content is Content.UNPUBLISHED and gamma.areas == ()
    assert dataset.counties == ("Provbottens län",)


def test_partial_dates_read_as_exact_as_their_source() -> None:
    assert format_partial_date(PartialDate(2023)) == "2023"
    assert format_partial_date(PartialDate(2023, 3)) == "mars 2023"
    assert format_partial_date(PartialDate(2023, 4, 21)) == "2023-04-21"
    assert PartialDate(2016, 4, 25).isoformat() == "2016-04-25"


A = "data/alfa/2024/lofte.yml"
B = "data/beta/2023-2027/lofte.yml"
G = "data/gamma/2023-2025/lofte.yml"

CASES: list[tuple[str, str, str, str, list[str]]] = [
    # (name, file below the data folder, old text, new text, expected problems)
    (
        "content kind outside the vocabulary",
        "alfa/2024/lofte.yml",
        "innehall: fokusområden",
        "innehall: bara områden",
        [
            f'{A}:6: "innehall" är "bara områden", men ska vara ett av: aktiviteter, '
            "fokusområden, ej publicerat.",
        ],
    ),
    (
        "signing date after the period",
        "alfa/2024/lofte.yml",
        'undertecknat: "2024-02"',
        'undertecknat: "2025-01"',
        [
            f'{A}:12: "undertecknat" är 2025-01, men löftet gäller 2024–2024. Det skrivs under '
            "året före perioden eller under den."
        ],
    ),
    (
        "signing date that does not exist",
        "alfa/2024/lofte.yml",
        'undertecknat: "2024-02"',
        'undertecknat: "2024-02-30"',
        [
            f'{A}:12: "undertecknat" är "2024-02-30", men ska vara ett datum så exakt som '
            "källan anger det: år (2023), år-månad (2023-03) eller år-månad-dag (2023-03-03) "
            "(datumet finns inte)."
        ],
    ),
    (
        "signing date in another form",
        "alfa/2024/lofte.yml",
        'undertecknat: "2024-02"',
        "undertecknat: februari 2024",
        [
            f'{A}:12: "undertecknat" är "februari 2024", men ska vara ett datum så exakt som '
            "källan anger det: år (2023), år-månad (2023-03) eller år-månad-dag (2023-03-03)."
        ],
    ),
    (
        "a third party named twice",
        "alfa/2024/lofte.yml",
        "    - Alfabostäder AB",
        "    - Alfaby kommun",
        [f'{A}:10: "parter.ovriga" nämner "Alfaby kommun" två gånger. Varje part ska stå en gång.'],
    ),
    (
        "the disagreeing source is the main source",
        "alfa/2024/lofte.yml",
        "    url: https://polisen.example/alfaby\n",
        "    url: https://polisen.example/nyhet-alfaby\n",
        [
            f"{A}:1: källan https://polisen.example/nyhet-alfaby står mer än en gång (i kalla, "
            "fler_kallor eller kallor_skiljer_sig). Varje källa ska stå en gång; den som "
            "webbplatsen följer står i kalla."
        ],
    ),
    (
        "disagreeing sources without the reason",
        "alfa/2024/lofte.yml",
        "  varfor: |\n    Nyheten skrevs när löftet skrevs under.\n",
        "",
        [
            f'{A}:19: fältet "varfor" i avvikelsen (kallor_skiljer_sig.varfor) saknas. Lägg '
            "till det: varför webbplatsen följer löftets kalla."
        ],
    ),
    (
        "a focus-statements promise with an activities file",
        "alfa/2024/aktiviteter/cykel.yml",
        "",
        "omrade: cykel\naktiviteter: []\n",
        [
            "data/alfa/2024/aktiviteter/cykel.yml:1: löftet har innehall: fokusområden, så det "
            "har inga aktiviteter, uppföljningar eller indikatorer här. Ta bort filen, eller "
            f"ändra innehall i {A}."
        ],
    ),
    (
        "an unpublished promise with an area file",
        "gamma/2023-2025/omraden/trafik.yml",
        "",
        "id: trafik\n",
        [
            "data/gamma/2023-2025/omraden/trafik.yml:1: löftet har innehall: ej publicerat, så "
            "det har inga fokusområden, aktiviteter, uppföljningar eller indikatorer här. Ta "
            f"bort filen, eller ändra innehall i {G}."
        ],
    ),
    (
        "an unpublished promise that is said to have content",
        "gamma/2023-2025/lofte.yml",
        "innehall: ej publicerat",
        "innehall: fokusområden",
        [
            f"{G}:1: löftet har inga fokusområden. Lägg till minst en fil i mappen omraden/, "
            "eller skriv innehall: ej publicerat om löftets innehåll inte är publicerat."
        ],
    ),
    (
        "a follow-up published elsewhere outside the period",
        "beta/2023-2027/lofte.yml",
        "  - ar: 2023",
        "  - ar: 2022",
        [f'{B}:17: "publicerad_uppfoljning" gäller 2022, men löftet gäller 2023–2027.'],
    ),
    (
        "a follow-up published before its year",
        "beta/2023-2027/lofte.yml",
        'publicerad: "2024-02-15"',
        'publicerad: "2022-12"',
        [
            f'{B}:17: "publicerad" är 2022-12, men en uppföljning av 2023 kan inte publiceras '
            "före 2023."
        ],
    ),
    (
        "two follow-ups published elsewhere for one year",
        "beta/2023-2027/lofte.yml",
        "beskrivning: |",
        "  - ar: 2023\n    utgivare: Polisen\n    kalla:\n      titel: Polisens nyhet\n"
        "      url: https://polisen.example/betaby-2023\n    sammanfattning: Text.\n"
        "beskrivning: |",
        [
            f"{B}:17: det finns mer än en publicerad uppföljning av 2023. Skriv en per år.",
            f"{B}:25: det finns mer än en publicerad uppföljning av 2023. Skriv en per år.",
        ],
    ),
    (
        "a follow-up published elsewhere without its publisher",
        "beta/2023-2027/lofte.yml",
        "    utgivare: Betaby kommun\n",
        "",
        [
            f'{B}:17: fältet "utgivare" i den publicerade uppföljningen för 2023 '
            "(publicerad_uppfoljning.1.utgivare) saknas. Lägg till det: vem som publicerade "
            "uppföljningen, till exempel Dorotea kommun."
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_real_promise_gives_exact_problems(
    lan_data: Path, name: str, file: str, old: str, new: str, expected: list[str]
) -> None:
    path = lan_data / file
    if old == "" and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    else:
        edit(lan_data, file, old, new)
    assert problems_of(lan_data) == sorted(expected)


def test_a_municipality_folder_may_not_take_a_county_address(lan_data: Path) -> None:
    shutil.copytree(lan_data / "alfa", lan_data / "provbottens-lan")
    assert problems_of(lan_data) == [
        'data/provbottens-lan:1: mappnamnet "provbottens-lan" är adressen till sidan för '
        "Provbottens län. Ge kommunens mapp ett annat namn."
    ]


def test_single_year_promise_with_a_third_party_and_disagreeing_sources(lan_site: Build) -> None:
    text = article_text(lan_site.site, "alfa/2024/")
    assert "Parter Polisen, lokalpolisområde Alfa, Alfaby kommun och Alfabostäder AB" in text
    assert "Period 2024. Löftet är avslutat." in text
    assert "Undertecknat februari 2024" in text
    assert "Innehåll Fokusområden, utan aktiviteter" in text
    assert "Uppföljning Anges inte i källorna" in text
    assert (
        "Källorna skiljer sig åt Webbplatsen följer Nytt löfte i Alfaby, nyhet. En annan källa, "
        "Alfaby – medborgarlöften, sida, säger något annat: Sidan om Alfaby nämner inte löftet "
        "om cykelvägar. Varför webbplatsen följer den första källan Nyheten skrevs när löftet "
        "skrevs under."
    ) in text
    assert "Ingen uppföljning av det här löftet är publicerad." in text
    assert "Löftet anger fokusområden, men inga aktiviteter." in text
    assert "ej uppföljt" not in text
    assert "Källor Nytt löfte i Alfaby, nyhet Alfaby – medborgarlöften, sida" in text
    html = (lan_site.site / "alfa/2024/index.html").read_text(encoding="utf-8")
    for url in ("https://polisen.example/nyhet-alfaby", "https://polisen.example/alfaby"):
        assert f'href="{url}"' in html
    area = article_text(lan_site.site, "alfa/2024/centrum/")
    assert "Källa: Nytt löfte i Alfaby, nyhet" in area  # the promise's source stands for it
    assert "Löftet anger inga aktiviteter, bara fokusområden." in area
    assert "Ingen uppföljning av löftet är publicerad." in area


def test_follow_up_published_by_the_municipality(lan_site: Build) -> None:
    text = article_text(lan_site.site, "beta/2023-2027/")
    assert "Period 2023–2027. Löftet pågår." in text
    assert (
        "Uppföljning 2023 Publicerad av Betaby kommun 2024-02-15: Så arbetade vi med "
        "löftet 2023 Samverkansgruppen träffades fyra gånger."
    ) in text
    assert "Granskad av" not in text  # no two-party approval dates for it
    assert "Ingen uppföljning" not in text
    html = (lan_site.site / "beta/2023-2027/index.html").read_text(encoding="utf-8")
    assert 'href="https://betaby.example/uppfoljning-2023"' in html
    area = article_text(lan_site.site, "beta/2023-2027/skoter/")
    assert (
        "Uppföljningen 2023 är publicerad av Betaby kommun: Så arbetade vi med löftet 2023." in area
    )


def test_promise_whose_content_is_not_published(lan_site: Build) -> None:
    text = article_text(lan_site.site, "gamma/2023-2025/")
    assert (
        "Innehållet är inte publicerat här Löftet är undertecknat (mars 2023), men dess "
        "innehåll är inte publicerat här. Läs om löftet i källan: Flera kommuner skrev under "
        "löften, pressmeddelande."
    ) in text
    assert "Underlag Anges inte i källorna" in text
    assert "Ingen uppföljning av det här löftet är publicerad." in text
    assert "Löftets fokusområden är inte publicerade här." in text


def test_the_county_page_shows_each_current_promise_side_by_side(lan_site: Build) -> None:
    text = article_text(lan_site.site, pages.county_url("Provbottens län"))
    assert (
        "Kommun Period Fokusområden Uppföljning publicerad Andel genomförda "
        "Alfaby 2024 2 (inga aktiviteter) Nej Ingen data "
        "Betaby 2023–2027 (pågående) 1 (inga aktiviteter) Ja: 2023, publicerad av Betaby kommun "
        "(källa) Ingen data "
        "Gammaby 2023–2025 Inte publicerat här Nej Ingen data"
    ) in text
    start = article_text(lan_site.site, "")
    for name in ("Alfaby kommun", "Betaby kommun", "Gammaby kommun"):
        assert name in start
    assert "Alla kommuner i länet sida vid sida: Provbottens län" in start
    nav = (lan_site.site / "index.html").read_text(encoding="utf-8")
    assert 'href="provbottens-lan/"' in nav


def test_one_municipality_gets_no_county_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(LAN / "alfa", data / "alfa")
    assert pages.counties_with_page(load(data)) == ()


def test_the_county_site_holds_every_invariant(lan_site: Build) -> None:
    assert_content_invariants(lan_site.site, LAN)


def test_lofte_diff_shows_the_facts_of_real_promises(lan_data: Path) -> None:
    before = load(lan_data)
    edit(
        lan_data,
        "beta/2023-2027/lofte.yml",
        "  kommunen: Betaby kommun",
        "  kommunen: Betaby kommun\n  ovriga:\n    - Betabostäder AB",
    )
    edit(lan_data, "beta/2023-2027/lofte.yml", "  - ar: 2023", "  - ar: 2024")
    edit(
        lan_data,
        "gamma/2023-2025/lofte.yml",
        'undertecknat: "2023-03"',
        'undertecknat: "2023-03-03"',
    )
    text = citizen_diff(before, load(lan_data))
    assert (
        "- Parter: Polisen och Betaby kommun → Polisen, Betaby kommun och Betabostäder AB" in text
    )
    assert (
        "- Ny uppföljning 2024, publicerad av Betaby kommun: "
        "https://betaby.example/uppfoljning-2023\n\n> Samverkansgruppen träffades fyra gånger."
    ) in text
    assert "- Uppföljningen 2023 som publicerats av andra tas bort" in text
    assert "- Löftet: undertecknat 2023-03 → 2023-03-03" in text


def test_lofte_status_names_a_follow_up_published_elsewhere() -> None:
    result = lofte("status", "--data", str(LAN))
    assert result.returncode == 0, result.stderr
    assert (
        "Betaby kommun: Medborgarlöfte 2023–2027\n"
        "  Uppföljning 2023 publicerad av Betaby kommun: https://betaby.example/uppfoljning-2023\n"
    ) in result.stdout
    assert "Gammaby kommun: Medborgarlöfte 2023–2025\n  Ingen uppföljning att visa.\n" in (
        result.stdout
    )


def test_municipalities_and_counties_in_swedish_order() -> None:
    names = ["Åsele", "Vännäs", "Vindeln", "Umeå", "Älvdalen", "Öckerö", "Bjurholm"]
    assert sorted(names, key=swedish_order) == [
        "Bjurholm",
        "Umeå",
        "Vindeln",
        "Vännäs",
        "Åsele",
        "Älvdalen",
        "Öckerö",
    ]
    assert [m.short_name for m in load(LAN).municipalities] == ["Alfaby", "Betaby", "Gammaby"]


def test_privacy_walks_the_texts_of_real_promises() -> None:
    dataset = load(LAN)
    keys = {key for p in dataset.promises for key, _ in privacy.strings(p)}
    assert {
        "parter.ovriga",
        "fler_kallor.titel",
        "fler_kallor.url",
        "kallor_skiljer_sig.kalla.url",
        "kallor_skiljer_sig.skillnad",
        "kallor_skiljer_sig.varfor",
        "publicerad_uppfoljning.utgivare",
        "publicerad_uppfoljning.kalla.url",
        "publicerad_uppfoljning.sammanfattning",
    } <= keys


def test_the_english_page_of_each_kind(lan_site: Build) -> None:
    alfa = article_text(lan_site.site, "alfa/2024/en/")
    assert (
        "This promise is made by Polisen, lokalpolisområde Alfa, Alfaby kommun and "
        "Alfabostäder AB for 2024."
    ) in alfa
    assert "The promise names focus areas only, no activities." in alfa
    assert "No follow-up of this promise has been published." in alfa
    beta = article_text(lan_site.site, "beta/2023-2027/en/")
    assert (
        "The follow-up of 2023 was published by Betaby kommun on its own website (in Swedish): "
        "Så arbetade vi med löftet 2023."
    ) in beta
    assert "No follow-up of this promise has been published." not in beta
    gamma = article_text(lan_site.site, "gamma/2023-2025/en/")
    assert "The promise was signed, but its content is not published here." in gamma
