"""The shipped content for Västerbottens län, checked against its sources: each municipality's
code is the one in the source sheet, every promise outside Robertsfors names at least one source
(and each appears as a link on its page, see `tests/invariants.py`), and the example content
marked `exempel` stays in Robertsfors, the one complete example. These read data/ but pin no
number of it: they hold for any real content in the county."""

from __future__ import annotations

import re

from macros.data.folders import read_dataset
from tests.conftest import FIXTURES, ROOT

DATA = ROOT / "data"
COUNTY = "Västerbottens län"
EXAMPLE_MUNICIPALITY = "robertsfors"
SHEET = FIXTURES / "kommunkoder" / "vasterbotten.md"


def sheet_codes() -> dict[str, str]:
    """Short name -> kommunkod, from the copy of the source sheet's line."""
    text = " ".join(SHEET.read_text(encoding="utf-8").split())
    line = text.split("Kommunkoder (SCB):", 1)[1].split(";", 1)[0]
    return {name: code for name, code in re.findall(r"([A-ZÅÄÖ][a-zåäöé]+) ([0-9]{4})", line)}


def test_the_sheet_copy_names_fifteen_municipalities() -> None:
    codes = sheet_codes()
    assert len(codes) == 15
    assert codes["Robertsfors"] == "2409" and codes["Åsele"] == "2463"


def test_each_kommunkod_in_the_county_matches_the_sheet() -> None:
    dataset = read_dataset(DATA)
    codes = sheet_codes()
    in_county = [m for m in dataset.municipalities if m.county == COUNTY]
    for municipality in in_county:
        assert municipality.short_name in codes, municipality.id
        assert municipality.code == codes[municipality.short_name], municipality.id
        assert municipality.code.startswith("24"), municipality.id  # länskod 24


def test_every_promise_outside_the_example_has_a_source() -> None:
    dataset = read_dataset(DATA)
    for promise in dataset.promises:
        if promise.municipality.id == EXAMPLE_MUNICIPALITY:
            continue
        assert promise.sources, promise.key
        assert all(s.url.startswith(("https://", "http://")) for s in promise.sources)


def test_every_promise_outside_the_example_links_a_source_in_its_own_text() -> None:
    """The facts in a promise's description carry their source where they stand."""
    dataset = read_dataset(DATA)
    for promise in dataset.promises:
        if promise.municipality.id == EXAMPLE_MUNICIPALITY:
            continue
        linked = set(re.findall(r"\]\((https?://[^)\s]+)\)", promise.description))
        assert linked, promise.key
        assert linked <= {s.url for s in promise.sources}, promise.key


def test_no_example_flag_outside_the_example_municipality() -> None:
    dataset = read_dataset(DATA)
    for promise in dataset.promises:
        if promise.municipality.id != EXAMPLE_MUNICIPALITY:
            assert not promise.has_examples, promise.key
    for path in DATA.rglob("*.yml"):
        if path.relative_to(DATA).parts[0] == EXAMPLE_MUNICIPALITY:
            continue
        assert not re.search(r"^\s*exempel\s*:", path.read_text(encoding="utf-8"), re.M), path


def test_every_data_file_points_at_its_schema() -> None:
    for path in DATA.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), path
