"""Swedish that reads right: every value of the closed vocabularies (period state, status, the
desired direction) and every kind of unit is rendered into the sentences that use it, and the
text is searched for patterns a Swedish reader stumbles on. The built example site is read the
same way, page by page."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from macros.model import Dataset, Direction, Measurement, PeriodState, Promise, Status
from macros.site import pages, render
from tests.conftest import VALID, Build, article_text, load

# Patterns that must never appear in page text, each with what it catches.
BANNED = {
    r"(?i)\b(perioden|löftet) är (pågående|pågår)\b": "ett tillstånd inklistrat i en mening",
    r"(?i)\bperioden är avslutat\b": "adjektivet böjs inte efter perioden",
    r"\b1\s(genomförda|planerade|försenade|avbrutna|aktiviteter|uppföljda)\b": "1 med plural",
    r"(?<![\d,])(?:[02-9]|[1-9]\d{1,2})\s(genomförd|planerad|försenad|avbruten|aktivitet)\b": (
        "flera med singular"
    ),
    r"(?i)med [−+\d,\s]+ procent\b": "en förändring av en andel i procent (procentenheter)",
    r"(?i)kvar till målet: [\d,\s]+ procent\b": "avstånd till ett mål i procent",
    r"\b(None|True|False|nan)\b": "ett Python-värde på sidan",
    r"procen\b": "ett avkortat ord",
    r"%[A-Za-zÅÄÖåäö]": "ett ord som sitter ihop med %",
    r"\.\.(?!\.)": "två punkter",
    r" [,.;:](?=\s|$)": "mellanslag före skiljetecken",
    r"\bde \d+ aktiviteter\b": "'av de 2 aktiviteter' (ska vara 'av 2 aktiviteter')",
}


def banned_in(text: str) -> list[str]:
    return [
        f"{why}: {match.group(0)!r}"
        for pattern, why in BANNED.items()
        for match in re.finditer(pattern, text)
    ]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" " if tag in {"p", "li", "td", "th", "h2", "h3", "dd", "dt"} else "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts).replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(VALID).without_drafts()


@pytest.fixture(scope="module")
def promise(dataset: Dataset) -> Promise:
    return dataset.promises[0]


def words(macro: str, *args: object) -> str:
    module = render.environment().get_template("_words.html").module
    return text_of(str(Markup(getattr(module, macro)(*args))))


STATE_SENTENCES = {PeriodState.ONGOING: "Löftet pågår", PeriodState.ENDED: "Löftet är avslutat"}
COUNT_WORDS = {
    None: ("1 ej uppföljd", "2 ej uppföljda"),
    Status.PLANNED: ("1 planerad", "2 planerade"),
    Status.ONGOING: ("1 pågår", "2 pågår"),
    Status.DONE: ("1 genomförd", "2 genomförda"),
    Status.DELAYED: ("1 försenad", "2 försenade"),
    Status.CANCELLED: ("1 avbruten", "2 avbrutna"),
}


def test_the_language_tables_cover_every_vocabulary_value() -> None:
    assert set(STATE_SENTENCES) == set(PeriodState)
    assert set(COUNT_WORDS) == {None, *Status}


@pytest.mark.parametrize("state", list(PeriodState))
def test_period_state_is_a_whole_sentence_that_agrees(
    dataset: Dataset, promise: Promise, state: PeriodState
) -> None:
    assert words("promise_state", state) == STATE_SENTENCES[state]
    changed = dataclasses.replace(promise, state=state)
    one = dataclasses.replace(dataset, promises=(changed,))
    for html in (
        render.promise_page(changed, pages.promise_url(changed)),
        render.start_page(one, ""),
    ):
        text = text_of(html)
        assert STATE_SENTENCES[state] in text
        assert banned_in(text) == []


@pytest.mark.parametrize("status", [None, *Status])
def test_status_counts_agree_in_number(status: Status | None) -> None:
    assert (words("status_count", status, 1), words("status_count", status, 2)) == COUNT_WORDS[
        status
    ]


@pytest.mark.parametrize("status", list(Status))
def test_year_page_with_every_follow_up_in_one_status(promise: Promise, status: Status) -> None:
    """Every status in the overview, the summary and the ready texts, with one and with many."""
    for keep in (1, len(promise.follow_ups)):
        follow_ups = tuple(dataclasses.replace(f, status=status) for f in promise.follow_ups[:keep])
        changed = dataclasses.replace(promise, follow_ups=follow_ups)
        for year in {f.year for f in follow_ups}:
            text = text_of(render.year_page(changed, year, pages.year_url(changed, year), None))
            assert banned_in(text) == [], (status, keep, year)


UNITS = ["procent", "%", "kontroller", "personer", "kronor"]


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("direction", [None, *Direction])
def test_indicator_sentences_for_every_unit_and_direction(
    promise: Promise, unit: str, direction: Direction | None
) -> None:
    (indicator,) = promise.indicators
    for latest in (4.0, 8.0, 25.5):  # down, unchanged, up against a baseline of 8
        shown = dataclasses.replace(
            indicator,
            unit=unit,
            direction=direction,
            values=(Measurement(2024, latest, None, indicator.origin),),
        )
        changed = dataclasses.replace(promise, indicators=(shown,))
        url = pages.area_url(changed, shown.area_id)
        text = text_of(render.area_page(changed, shown.area_id, url))
        assert banned_in(text) == [], (unit, direction, latest)
        if latest != 8.0:
            expected = "procentenheter" if unit in {"procent", "%"} else unit
            assert f"med {abs(latest - 8):g}".replace(".", ",") + f" {expected}" in text
        if direction is None:
            assert "Ingen önskad riktning är angiven" in text
        else:
            better = (latest > 8) == (direction is Direction.UP)
            judged = (
                "samma som utgångsvärdet"
                if latest == 8.0
                else ("bättre än utgångsvärdet" if better else "sämre än utgångsvärdet")
            )
            assert judged in text
            arrow = {4.0: "Nedåt", 8.0: "Oförändrat", 25.5: "Uppåt"}[latest]
            assert f'aria-label="{arrow}"' in render.area_page(changed, shown.area_id, url)


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("Perioden är avslutat", True),
        ("Löftet är avslutat", False),
        ("en minskning med 4 procent", True),
        ("en minskning med 4 procentenheter", False),
        ("1 genomförda", True),
        ("3 genomförd", True),
        ("2025 genomförda", False),
        ("Kvar till målet: 2 procent.", True),
        ("−33,3 procen", True),
        ("Framsteg: 100 %Exempel", True),
    ],
)
def test_the_banned_patterns_catch_what_they_name(text: str, caught: bool) -> None:
    assert bool(banned_in(text)) is caught


def test_every_page_of_the_example_site_reads_right(example_site: tuple[Build, Dataset]) -> None:
    build, _ = example_site
    found = {}
    for path in sorted(Path(build.site).rglob("index.html")):
        url = str(path.parent.relative_to(build.site))
        url = "" if url == "." else url + "/"
        if url.startswith("search/"):
            continue
        problems = banned_in(article_text(build.site, url))
        if problems:
            found[url] = problems
    assert found == {}
