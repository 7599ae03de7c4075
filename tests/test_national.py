"""A national site: län → kommun → löfte, built in parts (macros/site/partition.py and
builder.py). A small generated data set in three counties is built the way `make build`
builds it, and the structure is checked: the national start lists the counties, each county
is a part of its own with its own search index, a page's navigation names every county but only
the municipalities of its own county, and every link between the parts leads somewhere.
`KOMMUN=` builds one municipality with the shared pages; one county stays one build. Places are
split as the search is: each municipality of a county part has its own places page, and the
county's places page only leads to them; a site of one county keeps its one places page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros import progress
from macros.data import layout
from macros.data.folders import read_dataset, read_municipalities
from macros.model import Dataset
from macros.site import pages, partition, search
from macros.site.partition import Part, PartError, PartKind
from macros.site.static import write_static_site
from macros.staff import generate
from tests.conftest import (
    ROOT,
    Build,
    article,
    article_text,
    copy_docs,
    mkdocs_build,
    site_config,
)
from tests.invariants import assert_places_lead_to_their_activities, place_sections

# Four small municipalities (one area, one or two activities each), spread over three counties.
COUNTIES = {
    "kommun-001": "Västra Götalands län",
    "kommun-002": "Västra Götalands län",
    "kommun-003": "Skåne län",
    "kommun-004": "Gotlands län",
}


# Places of the first activity, beside the one the generator gives kommun-003 (Åby): the same
# place name in two municipalities of one county, and in two counties.
PLACES = {"kommun-001": ("Centralorten", "Åby"), "kommun-002": ("Centralorten",)}


def _data(root: Path, counties: dict[str, str]) -> None:
    files = generate.generate(len(counties), seed=4, areas=1, activity_range=(1, 2))
    for kommun, county in counties.items():
        path = f"{kommun}/kommun.yml"
        files[path] = re.sub(r"(?m)^lan: .*$", f"lan: {county}", files[path])
    for kommun, places in PLACES.items():
        path = f"{kommun}/2023-2025/aktiviteter/droger.yml"
        assert "platser:" not in files[path] and "\n    ansvar: " in files[path]
        listed = "".join(f"      - {place}\n" for place in places)
        files[path] = files[path].replace(
            "\n    ansvar: ", f"\n    platser:\n{listed}    ansvar: ", 1
        )
    generate.write(root, files)


def _build(work: Path, part: str = "") -> tuple[subprocess.CompletedProcess[str], Path]:
    """`make build` (or `make build KOMMUN=…`) in a project folder of its own."""
    project = work / "project"
    if not (project / "mkdocs.yml").exists():
        project.mkdir(exist_ok=True)
        # Without docs/exempel/, whose macros name the example municipality (as conftest does).
        (project / "mkdocs.yml").write_text(site_config(example_pages=False), "utf-8")
        for name in ("docs", "overrides", "macros"):
            (project / name).symlink_to(ROOT / name)
    site = work / f"site-{part.replace('/', '-') or 'all'}"
    return _run_builder(project, site, part), site


def _run_builder(
    project: Path,
    site: Path,
    part: str = "",
    start: tuple[str, ...] = ("-m", "macros.site.builder"),
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The builder (started as `start` says) in `project`, building `part` into `site`, with
    `extra_env` (such as SITE_URL) set."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", partition.PART_VARIABLE: part}
    env.update(extra_env or {})
    env.pop("MEDBORGARLOFTEN_UTKAST", None)
    return subprocess.run(
        [sys.executable, *start, "--site-dir", str(site), "--jobs", "2"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("national")
    _data(work / "project" / "data", COUNTIES)
    result, site = _build(work)
    assert result.returncode == 0, result.stderr
    return site


def _nav(html: str) -> str:
    """The primary navigation of a page (everything before the article)."""
    return html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("<article", 1)[0]


def _local_links(site: Path) -> list[str]:
    """Every link of every page that leads to nothing in the built site."""
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served at any address, so its links start at the root
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"#?]*)', html):
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = (page.parent / href).resolve()
            if href.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href}")
    return broken


def test_the_national_start_lists_the_counties(national: Path) -> None:
    text = article_text(national, "")
    for county in ("Gotlands län", "Skåne län", "Västra Götalands län"):
        assert county in text
    assert "Västra Götalands län (2 kommuner)" in text
    tops = {p.name for p in national.iterdir() if p.is_dir()}
    assert {"gotlands-lan", "skane-lan", "vastra-gotalands-lan"} <= tops
    assert not any(name.startswith("kommun-") for name in tops)  # no municipality at the top


def test_each_part_has_its_own_search_and_each_municipality_its_own_index(
    national: Path,
) -> None:
    indexes = sorted(
        p.relative_to(national).as_posix() for p in national.rglob("search_index.json")
    )
    assert indexes == [
        "gotlands-lan/kommun-004/search/search_index.json",
        "gotlands-lan/search/search_index.json",
        "search/search_index.json",
        "skane-lan/kommun-003/search/search_index.json",
        "skane-lan/search/search_index.json",
        "vastra-gotalands-lan/kommun-001/search/search_index.json",
        "vastra-gotalands-lan/kommun-002/search/search_index.json",
        "vastra-gotalands-lan/search/search_index.json",
    ]

    def index(path: str) -> list[str]:
        found = json.loads((national / path / "search/search_index.json").read_text("utf-8"))
        return [str(d["location"]) for d in found["docs"]]

    # A municipality's index holds its own pages, relative to its folder, and nothing else.
    own = index("vastra-gotalands-lan/kommun-001")
    assert "2023-2025/" in own and any(loc.startswith("2023-2025/droger/droger-1/") for loc in own)
    assert not any(loc.startswith("kommun-") for loc in own)
    # The county's index: its own pages and each municipality's promise and areas, no more.
    county = index("vastra-gotalands-lan")
    assert {"", "platser/", "oppna-data/"} <= set(county)
    assert {"kommun-001/2023-2025/", "kommun-002/2023-2025/droger/"} <= set(county)
    assert not any("#" in loc and loc.startswith("kommun-") for loc in county)
    assert not any(loc.startswith("kommun-003") for loc in county)
    start = index("")
    assert not any("kommun-" in loc for loc in start)
    # Each page's search reads its municipality's index (Material's `base`).
    page = national / "vastra-gotalands-lan/kommun-001/2023-2025/droger/index.html"
    assert '"base": "../../../kommun-001/"' in page.read_text(encoding="utf-8")
    county_page = (national / "vastra-gotalands-lan/index.html").read_text(encoding="utf-8")
    assert '"base": "."' in county_page


def test_a_pages_navigation_lists_every_county_and_only_its_own_municipalities(
    national: Path,
) -> None:
    county = national / "vastra-gotalands-lan"
    promise = county / "kommun-001" / "2023-2025" / "index.html"
    nav = _nav(promise.read_text(encoding="utf-8"))
    for name in ("Gotlands län", "Skåne län", "Västra Götalands län"):
        assert name in nav
    assert re.search(r"Exempel 1\b", nav) and re.search(r"Exempel 2\b", nav)
    assert not re.search(r"Exempel [34]\b", nav)
    assert 'href="../../../skane-lan/"' in nav  # the other counties are other parts


def test_the_county_page_lists_its_municipalities(national: Path) -> None:
    text = article_text(national, "vastra-gotalands-lan")
    # Issue 16's side-by-side table is the part's start page, planned once.
    assert "Senaste medborgarlöftet i varje kommun i Västra Götalands län" in text
    assert re.search(r"Exempel 1\b", text) and re.search(r"Exempel 2\b", text)
    assert not re.search(r"Exempel [34]\b", text)
    assert not (national / "vastra-gotalands-lan/vastra-gotalands-lan").exists()
    # Places, open data and feed are the county's own.
    assert (national / "vastra-gotalands-lan/platser/index.html").is_file()
    assert (national / "vastra-gotalands-lan/oppna-data/aktiviteter.csv").is_file()
    assert (national / "vastra-gotalands-lan/uppfoljningar.atom").is_file()
    csv = (national / "skane-lan/oppna-data/aktiviteter.csv").read_text(encoding="utf-8")
    assert "kommun-003" in csv and "kommun-001" not in csv


def test_every_link_between_the_parts_leads_somewhere(national: Path) -> None:
    assert _local_links(national) == []


def _county_data(national: Path, county: str) -> Dataset:
    """The published data of one county part, as its build reads it."""
    ids = frozenset(k for k, c in COUNTIES.items() if c == county)
    return read_dataset(national.parent / "project" / "data", only=ids).without_drafts()


def test_each_municipality_of_a_county_part_has_its_own_places_page(national: Path) -> None:
    part = national / "vastra-gotalands-lan"
    dataset = _county_data(national, "Västra Götalands län")
    one, two = (dataset.promise(f"kommun-00{n}/2023-2025").activities[0] for n in (1, 2))
    first = article(part, "kommun-001/platser/")
    assert first.headings == ("Orter i Exempelkommun 1", "Centralorten", "Åby")
    # The municipality's own activities, without its name on each (the page is its own).
    assert f"{one.title} (2023–2025):" in first.text
    assert two.title not in first.text
    assert (
        "Alla kommuner och deras orter finns på sidan Orter i Västra Götalands län." in first.text
    )
    second = article(part, "kommun-002/platser/")
    assert second.headings == ("Orter i Exempelkommun 2", "Centralorten")
    assert one.title not in second.text
    # Each municipality's places page ends its section of the navigation, on every page of the
    # county part, and the county's places page follows the municipalities.
    nav = _nav((part / "kommun-002/2023-2025/index.html").read_text(encoding="utf-8"))
    found = re.findall(r'href="([^"]*)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', nav)
    assert ("../../kommun-001/platser/", "Orter i Exempelkommun 1") in found
    assert ("../platser/", "Orter i Exempelkommun 2") in found
    assert ("../../platser/", "Orter i Västra Götalands län") in found
    hrefs = [href for href, _ in found]
    assert hrefs.index("../../kommun-001/2023-2025/") < hrefs.index("../../kommun-001/platser/")
    assert hrefs.index("../../kommun-001/platser/") < hrefs.index("./")  # kommun-002's promise
    assert hrefs.index("en/") < hrefs.index("../platser/") < hrefs.index("../../platser/")
    # A municipality's section is not the places page (the theme takes an index.md for it).
    assert not any(title.startswith("Exempel") for _, title in found)
    # A municipality with no place named has the page all the same, saying so.
    empty = article_text(national / "gotlands-lan", "kommun-004/platser/")
    assert "Inga aktiviteter har någon ort angiven ännu." in empty


def test_the_county_places_page_leads_to_each_municipalitys_places(national: Path) -> None:
    part = national / "vastra-gotalands-lan"
    overview = article(part, "platser/")
    assert overview.headings == (
        "Orter i Västra Götalands län",
        "Exempelkommun 1",
        "Exempelkommun 2",
    )
    assert "Centralorten (1 aktivitet) Åby (1 aktivitet)" in overview.text
    # Place names only: no activity is listed, so the page grows with the county's place
    # names, not with its activities.
    dataset = _county_data(national, "Västra Götalands län")
    assert all(a.title not in overview.text for p in dataset.promises for a in p.activities)
    assert place_sections(part, "platser/") == {
        "kommun-001": {
            "kommun-001/platser/",
            "kommun-001/platser/#centralorten",
            "kommun-001/platser/#aby",
        },
        "kommun-002": {"kommun-002/platser/", "kommun-002/platser/#centralorten"},
    }
    # From the county's page, through the municipality's, every activity with a place.
    for county, slug in (
        ("Västra Götalands län", "vastra-gotalands-lan"),
        ("Skåne län", "skane-lan"),
    ):
        data = _county_data(national, county)
        assert any(a.places for p in data.promises for a in p.activities)
        assert_places_lead_to_their_activities(national / slug, data, by_municipality=True)
    assert article(national / "skane-lan", "platser/").headings == (
        "Orter i Skåne län",
        "Exempelkommun 3",
    )
    gotland = article_text(national / "gotlands-lan", "platser/")
    assert "Ingen aktivitet i kommunen har någon ort angiven ännu." in gotland


def test_a_municipalitys_places_are_in_its_own_search_index(national: Path) -> None:
    def index(path: str) -> set[str]:
        found = json.loads((national / path / "search/search_index.json").read_text("utf-8"))
        return {str(d["location"]) for d in found["docs"]}

    own = index("vastra-gotalands-lan/kommun-001")
    assert {"platser/", "platser/#centralorten", "platser/#aby"} <= own
    county = index("vastra-gotalands-lan")
    assert {"platser/", "kommun-001/platser/"} <= county
    assert not any(loc.startswith("kommun-001/platser/#") for loc in county)
    page = national / "vastra-gotalands-lan/kommun-001/platser/index.html"
    assert '"base": "../../kommun-001/"' in page.read_text(encoding="utf-8")


def test_lofte_sidor_writes_the_same_places_pages_for_a_county_part(
    national: Path, tmp_path: Path
) -> None:
    """The static pages of a county part (`lofte sidor`, the bench's static side) plan the
    same places pages, in the same navigation, and plain MkDocs builds the same articles."""
    data = national.parent / "project" / "data"
    source = tmp_path / "kalla"
    copy_docs(source / "docs", example_pages=False)
    (source / "mkdocs.yml").write_text(site_config(example_pages=False), "utf-8")
    (source / "overrides").symlink_to(ROOT / "overrides")
    counties = partition.counties(read_municipalities(data))
    part = Part(PartKind.COUNTY, "vastra-gotalands-lan")
    dataset = _county_data(national, "Västra Götalands län")
    out = tmp_path / "sidor"
    write_static_site(source / "mkdocs.yml", dataset, out, data, part, counties)
    assert (out / "docs/kommun-001/platser.md").is_file()
    assert (out / "docs/platser/index.md").is_file()
    nav = yaml.safe_dump(yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    assert "kommun-001/platser.md" in nav and "kommun-002/platser.md" in nav
    built = mkdocs_build(out, tmp_path / "site")
    assert built.returncode == 0, built.output
    for url in ("platser/", "kommun-001/platser/", "kommun-002/platser/"):
        ours = article(national / "vastra-gotalands-lan", url)
        plain = article(built.site, url)
        assert plain.headings == ours.headings, url
        assert plain.text == ours.text, url


def test_kommun_builds_one_municipality_and_the_shared_pages(tmp_path: Path) -> None:
    _data(tmp_path / "project" / "data", COUNTIES)
    result, site = _build(tmp_path, "kommun/kommun-003")
    assert result.returncode == 0, result.stderr
    tops = {p.name for p in site.iterdir() if p.is_dir()}
    assert "kommun-003" in tops
    assert not tops & {"kommun-001", "kommun-002", "kommun-004", "skane-lan"}
    assert {"om", "tillganglighet", "oppna-data", "platser"} <= tops
    assert [p.relative_to(site).as_posix() for p in site.rglob("search_index.json")] == [
        "search/search_index.json"
    ]
    assert "Län" not in _nav((site / "index.html").read_text(encoding="utf-8"))
    result, _ = _build(tmp_path, "kommun/finns-inte")
    assert result.returncode != 0
    assert 'KOMMUN="finns-inte": det finns ingen mapp data/finns-inte/.' in result.stderr


def test_one_county_is_one_build_with_a_county_page_and_no_county_level(tmp_path: Path) -> None:
    _data(tmp_path / "project" / "data", dict.fromkeys(COUNTIES, "Västerbottens län"))
    result, site = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list(site.rglob("search_index.json"))) == 1
    assert (site / "kommun-001" / "2023-2025" / "index.html").is_file()  # no county level
    text = article_text(site, "vasterbottens-lan")
    assert "Senaste medborgarlöftet i varje kommun i Västerbottens län" in text
    assert all(re.search(rf"Exempel {n}\b", text) for n in range(1, 5))
    assert _local_links(site) == []
    # One places page for the whole county, every municipality's activities on it.
    places = article(site, pages.PLACES_URL)
    assert places.headings == ("Orter", "Centralorten", "Åby")
    assert "(Exempel 1, 2023–2025)" in places.text and "(Exempel 3, 2023–2025)" in places.text
    assert not list(site.glob("kommun-*/platser"))
    dataset = read_dataset(tmp_path / "project" / "data").without_drafts()
    assert_places_lead_to_their_activities(site, dataset)


def test_the_generator_spreads_municipalities_over_the_real_counties() -> None:
    assert generate.county_shares(290) == generate.COUNTIES
    assert len(generate.COUNTIES) == 21
    assert sum(n for _, n in generate.COUNTIES) == 290
    assert dict(generate.COUNTIES)["Västra Götalands län"] == 49
    assert dict(generate.COUNTIES)["Gotlands län"] == 1
    shares = dict(generate.county_shares(29))
    assert sum(shares.values()) == 29
    assert shares["Västra Götalands län"] == 5  # 49 of 290 of 29 is 4.9
    files = generate.generate(3, seed=1, areas=1, activity_range=(1, 1))
    lan = {re.search(r"lan: (.*)", c)[1] for p, c in files.items() if p.endswith("kommun.yml")}  # type: ignore[index]
    assert lan == {"Stockholms län", "Skåne län", "Västra Götalands län"}
    one = generate.generate(3, seed=1, county="Västerbottens län", areas=1, activity_range=(1, 1))
    assert {c for p, c in one.items() if p.endswith("kommun.yml") and "lan: Västerbottens län" in c}
    assert sum(p.endswith("kommun.yml") for p in one) == 3
    assert not any("lan: Stockholms län" in c for c in one.values())


def test_parts_are_named_in_the_environment() -> None:
    assert partition.part_from_text("") == Part()
    assert partition.part_from_text("kommun/robertsfors") == Part(
        PartKind.MUNICIPALITY, "robertsfors"
    )
    assert partition.part_from_text("lan/skane-lan/") == Part(PartKind.COUNTY, "skane-lan")
    with pytest.raises(PartError, match="känns inte igen"):
        partition.part_from_text("land/x")
    with pytest.raises(PartError, match='KOMMUN="" är inget namn på en kommun'):
        partition.part_from_text("kommun")
    assert layout.county_slug("Västra Götalands län") == "vastra-gotalands-lan"
    assert layout.county_slug("Örebro län") == "orebro-lan"


@pytest.mark.browser
def test_search_on_a_municipality_page_finds_that_municipality_only(national: Path) -> None:
    """In Chromium: a municipality page loads its municipality's index (not the county's), and
    the results lead to that municipality's pages, which exist."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from macros.data.folders import read_dataset
    from tests.test_browser import ARGS, CHROMIUM, PATIENCE_MS, wait_for_search_index

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    data = national.parent / "project" / "data"
    promise = read_dataset(data, only=frozenset({"kommun-002"})).promises[0]
    word = promise.activities[0].title.split()[0]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(national))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    own = base + "vastra-gotalands-lan/kommun-002/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(own + "2023-2025/", wait_until="networkidle")
            query = page.locator("input[data-md-component=search-query]")
            query.click()
            wait_for_search_index(page)
            query.press_sequentially(word)
            results = page.locator(".md-search-result__item a")
            results.first.wait_for(state="visible", timeout=PATIENCE_MS)
            links = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
            assert links and all(link.startswith(own) for link in links), links
            indexes = [url for url in requests if url.endswith("search_index.json")]
            assert indexes == [own + "search/search_index.json"]
            response = page.goto(links[0].split("?")[0])
            assert response is not None and response.status == 200
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_site_without_county_parts_keeps_its_one_places_page(
    example_site: tuple[Build, Dataset],
) -> None:
    """The frozen example (one municipality): the places page is where it was, /platser/,
    named Orter in the navigation, each activity with its municipality and period; no
    municipality has a places page of its own."""
    build, dataset = example_site
    page = article(build.site, pages.PLACES_URL)
    assert page.headings == (
        "Orter",
        "Bygdeå",
        "Kågeträsk",
        "Robertsfors",
        "Sikeå",
        "Ytterbyn",
        "Ånäset",
    )
    assert page.text.startswith(
        "Orter Här ser du vilka aktiviteter som gäller den ort där du bor. Aktiviteter som gäller "
        "hela kommunen står inte här, utan under sina fokusområden. Bygdeå Samtal om droger i "
        "högstadiet (Robertsfors, 2023–2025): Genomförd 2025 Exempel"
    )
    assert "Bor du i en annan kommun" not in page.text
    assert not (build.site / pages.places_url("robertsfors")).exists()
    nav = _nav((build.site / "index.html").read_text(encoding="utf-8"))
    assert re.search(r'href="platser/"[^>]*>\s*<span class="md-ellipsis">\s*Orter\s*<', nav)
    assert [
        p for p in pages.plan(dataset) if isinstance(p, pages.PlacesPage | pages.PlacesOverviewPage)
    ] == [pages.PlacesPage("platser/index.md", "Orter")]
    assert len(progress.places(dataset)) == 6


@pytest.mark.browser
def test_the_county_places_lead_a_resident_to_their_place(national: Path) -> None:
    """In Chromium: the county's places page and a municipality's pass WCAG 2.1 AA (axe) and
    fit a 360 px phone, and a place on the county's page opens it on the municipality's page."""
    import functools
    import http.server
    import threading

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(national))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    county = f"http://127.0.0.1:{server.server_address[1]}/vastra-gotalands-lan/"
    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for url in ("platser/", "kommun-001/platser/"):
                for width in (1280, 360):
                    page = browser.new_page(
                        viewport={"width": width, "height": 800}, locale="sv-SE"
                    )
                    page.goto(county + url, wait_until="networkidle")
                    violations = Axe().run(page, options=wcag).response["violations"]
                    assert [v["id"] for v in violations] == [], (url, width)
                    assert page.evaluate(overflow) <= 0, (url, width)
                    page.close()
            page = browser.new_page(viewport={"width": 360, "height": 800}, locale="sv-SE")
            page.goto(county + "platser/", wait_until="networkidle")
            page.locator("#kommun-001 ~ ul.ml-place-links a", has_text="Åby").first.click()
            page.wait_for_url(county + "kommun-001/platser/#aby")
            heading = page.locator("h2#aby")
            assert heading.inner_text() == "Åby"
            box = heading.bounding_box()
            assert box is not None and 0 <= box["y"] < 800
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_one_municipality_site_has_no_county_level(fixture_site: tuple[Build, Dataset]) -> None:
    """The shipped kind of site (one municipality) looks as it always did: the municipality at
    the top, no county page, no list of counties, one search index, no parts."""
    build, dataset = fixture_site
    (municipality,) = dataset.municipalities
    tops = {p.name for p in build.site.iterdir() if p.is_dir()}
    assert municipality.id in tops
    assert layout.county_slug(municipality.county) not in tops
    nav = _nav((build.site / "index.html").read_text(encoding="utf-8"))
    assert "Län" not in nav and municipality.county not in nav
    assert [
        p.relative_to(build.site).as_posix() for p in build.site.rglob("search_index.json")
    ] == ["search/search_index.json"]
    page = build.site / pages.promise_url(dataset.promises[0]) / "index.html"
    assert '"base": "../.."' in page.read_text(encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# Runs the builder with a second thread alive: `can_fork` then says no, and every part is built
# by a new `mkdocs build` process, as where a process cannot be forked.
WITH_A_THREAD = (
    "import sys, threading;"
    "threading.Thread(target=threading.Event().wait, daemon=True).start();"
    "from macros.site import builder;"
    "assert not builder.can_fork();"
    "raise SystemExit(builder.main(sys.argv[1:]))"
)


def test_parts_built_as_new_processes_make_the_same_site(national: Path, tmp_path: Path) -> None:
    """The forked builds (on Linux) and `mkdocs build` processes make byte for byte the same
    site: the children start with the parent's imports, never with its state."""
    site = tmp_path / "site"
    result = _run_builder(national.parent / "project", site, start=("-c", WITH_A_THREAD))
    assert result.returncode == 0, result.stderr
    ours, theirs = _files(national), _files(site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_a_part_that_fails_stops_the_build_and_says_why(tmp_path: Path) -> None:
    """One county's data is wrong: that part's own message (file, line, what is wrong, in
    Swedish) is shown under the part's name, nothing is published and no traceback is shown."""
    _data(tmp_path / "project" / "data", COUNTIES)
    broken = next((tmp_path / "project" / "data" / "kommun-003").rglob("uppfoljning/*/*.yml"))
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"status: \S+", "status: klart", text, count=1), "utf-8")
    result, site = _build(tmp_path)
    assert result.returncode == 1
    assert "Delen lan/skane-lan gick inte att bygga:" in result.stderr
    assert broken.relative_to(tmp_path / "project").as_posix() + ":" in result.stderr
    assert '"status"' in result.stderr and '"klart"' in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
    assert not list(tmp_path.glob(".site-*.delar*"))


# --- The builder under attack: signals, a second build, values it cannot build -----------------

# Runs the builder with a real signal sent in the middle of a build: once the process building
# PART (MEDBORGARLOFTEN_DEL as its build sees it) has written its third page, it sends SIGNAL to
# itself ("self") or to its parent ("parent"). Every building process writes its id in PIDS.
SIGNAL_MIDWAY = """
import os, signal, sys
from mkdocs.commands import build as mkdocs_build

who, name, part, pids = sys.argv[1:5]
del sys.argv[1:5]
written = []
build_page = mkdocs_build._build_page

def page(*args, **kwargs):
    result = build_page(*args, **kwargs)
    if not written:
        open(os.path.join(pids, str(os.getpid())), "w").close()
    written.append(1)
    if len(written) == 3 and os.environ.get("MEDBORGARLOFTEN_DEL", "") == part:
        os.kill(os.getpid() if who == "self" else os.getppid(), getattr(signal, name))
    return result

mkdocs_build._build_page = page
from macros.site import builder
raise SystemExit(builder.main(sys.argv[1:]))
"""


def _old_site(site: Path) -> dict[str, bytes]:
    """A site published before: what a failed or stopped build must leave as it was."""
    (site / "gammal").mkdir(parents=True)
    (site / "index.html").write_text("<p>Den förra webbplatsen</p>", "utf-8")
    (site / "gammal" / "index.html").write_text("<p>Förra</p>", "utf-8")
    return _files(site)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet collected, does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "\nState:\tZ" not in status


def _interrupted(
    project: Path, site: Path, part: str, who: str, name: str, target: str, pids: Path
) -> subprocess.CompletedProcess[str]:
    pids.mkdir()
    start = ("-c", SIGNAL_MIDWAY, who, name, target, str(pids))
    return _run_builder(project, site, part, start=start)


def _no_staging_left(site: Path) -> None:
    assert [p.name for p in site.parent.iterdir() if ".delar" in p.name] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked parts: Linux only")
def test_sigterm_to_the_builder_stops_every_part_and_publishes_nothing(
    national: Path, tmp_path: Path
) -> None:
    """`kill -TERM` of the builder while the counties are being built: it stops its children
    (none goes on building), removes its staging folder, says so in Swedish and exits 143;
    the site published before is untouched."""
    site = tmp_path / "site"
    before = _old_site(site)
    result = _interrupted(
        national.parent / "project", site, "", "parent", "SIGTERM", "lan/skane-lan", tmp_path / "p"
    )
    assert result.returncode == 128 + 15, result.stderr
    assert (
        f"Bygget avbröts av signalen SIGTERM: inget publicerades, och {site} är som förut."
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    children = [int(p.name) for p in (tmp_path / "p").iterdir()]
    assert children  # the parts had started
    assert [pid for pid in children if _alive(pid)] == []
    assert _files(site) == before
    _no_staging_left(site)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked parts: Linux only")
def test_a_part_killed_by_a_signal_is_named_and_nothing_is_published(
    national: Path, tmp_path: Path
) -> None:
    """A county's build killed (as the kernel kills a process when memory runs out): the
    builder names the part and the signal, says what it likely means, and publishes nothing."""
    site = tmp_path / "site"
    before = _old_site(site)
    result = _interrupted(
        national.parent / "project", site, "", "self", "SIGKILL", "lan/skane-lan", tmp_path / "p"
    )
    assert result.returncode == 1, result.stderr
    assert (
        "Delen lan/skane-lan stoppades av signal 9 (SIGKILL) innan den var färdigbyggd. Oftast "
        "betyder det att datorn fick slut på minne" in result.stderr
    )
    assert f"Inget publicerades: {site} är som förut." in result.stderr
    assert "gick inte att bygga" not in result.stderr and "Traceback" not in result.stderr
    assert _files(site) == before
    _no_staging_left(site)


def test_ctrl_c_during_a_one_part_build_leaves_the_old_site(national: Path, tmp_path: Path) -> None:
    """Ctrl-C while one part (here KOMMUN=) is built in the builder's own process: the site
    published before stays whole, the message is Swedish (not click's "Aborted!") and the exit
    code is 130; a build that then runs to its end replaces the old site at once."""
    site = tmp_path / "site"
    before = _old_site(site)
    part = "kommun/kommun-003"
    result = _interrupted(
        national.parent / "project", site, part, "self", "SIGINT", part, tmp_path / "p"
    )
    assert result.returncode == 130, result.stderr
    assert (
        f"Bygget avbröts med Ctrl-C (SIGINT): inget publicerades, och {site} är som förut."
        in result.stderr
    )
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    assert _files(site) == before
    _no_staging_left(site)
    done = _run_builder(national.parent / "project", site, part)
    assert done.returncode == 0, done.stderr
    assert not (site / "gammal").exists() and (site / "kommun-003").is_dir()
    _no_staging_left(site)


@pytest.mark.skipif(sys.platform == "win32", reason="the lock needs fcntl")
def test_a_second_build_of_the_same_site_folder_is_refused(national: Path, tmp_path: Path) -> None:
    """While a build holds the site folder's lock, a second build of it says so in Swedish,
    exits non-zero and touches nothing: no half-built county is published by either."""
    import fcntl

    from macros.site import builder

    site = tmp_path / "site"
    before = _old_site(site)
    stale = tmp_path / ".site.delar"  # as a killed build of the old builder left it
    stale.mkdir()
    with builder.lock_path(site).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the running build holds it
        result = _run_builder(national.parent / "project", site)
    assert result.returncode == 1, result.stderr
    assert (
        f"Ett annat bygge av {site} pågår redan (låset är {tmp_path / '.site.lock'}). Vänta "
        "tills det är klart och försök sedan igen; det här bygget gjorde ingenting."
    ) in result.stderr
    assert _files(site) == before and stale.is_dir()
    # Once the lock is free, the build runs and clears what a killed build left.
    done = _run_builder(national.parent / "project", site)
    assert done.returncode == 0, done.stderr
    assert _files(site) == _files(national)
    _no_staging_left(site)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            "kommun//",
            'KOMMUN="/" är inget namn på en kommun: skriv namnet på kommunens mapp i '
            "data/, utan snedstreck, till exempel KOMMUN=robertsfors. Kommunerna är: kommun-001, "
            "kommun-002, kommun-003 och kommun-004.",
        ),
        ("kommun/../kommun-001", 'KOMMUN="../kommun-001" är inget namn på en kommun'),
        (
            "kommun/kommun-01",
            'KOMMUN="kommun-01": det finns ingen mapp data/kommun-01/. Menade '
            'du "kommun-001"? Skriv namnet på kommunens mapp i data/. Kommunerna är: kommun-001, ',
        ),
        ("lan/", 'LAN="" är inget namn på ett län: skriv namnet på länets adress'),
        (
            "lan/skane",
            'LAN="skane": länet finns inte i datan. Menade du "skane-lan"? Länen är: '
            "gotlands-lan, skane-lan, vastra-gotalands-lan.",
        ),
        ("start/x", 'MEDBORGARLOFTEN_DEL="start/x": start har inget namn efter sig.'),
        (
            "landet",
            'MEDBORGARLOFTEN_DEL="landet" känns inte igen: skriv start, lan/<län> eller '
            "kommun/<kommun>",
        ),
    ],
)
def test_a_part_the_data_lacks_is_refused_in_swedish(
    national: Path, tmp_path: Path, value: str, said: str
) -> None:
    """`make build KOMMUN=/` and its kind: a message naming the value and what is expected,
    no traceback, nothing built."""
    result = _run_builder(national.parent / "project", tmp_path / "site", value)
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_start_or_a_county_of_a_one_county_site_is_refused(tmp_path: Path) -> None:
    """MEDBORGARLOFTEN_DEL=start (or LAN=) names a part only a national site has: on one
    county it is refused in Swedish by the builder (`make build`) and by MkDocs itself (`make
    serve`), never an IndexError."""
    project = tmp_path / "project"
    _data(project / "data", dict.fromkeys(COUNTIES, "Västerbottens län"))
    (project / "mkdocs.yml").write_text(site_config(example_pages=False), "utf-8")
    for name in ("docs", "overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    said = (
        "datan har bara ett län (Västerbottens län), så webbplatsen delas inte upp i län. Bygg "
        "hela webbplatsen med make build (utan LAN= och KOMMUN=), eller en kommun med "
        "KOMMUN=<kommunens mapp>."
    )
    for value, named in (
        ("start", 'MEDBORGARLOFTEN_DEL="start"'),
        ("lan/vasterbottens-lan", 'LAN="vasterbottens-lan"'),
    ):
        result = _run_builder(project, tmp_path / "site", value)
        assert result.returncode == 2, result.stderr
        assert f"{named}: {said}" in result.stderr
        assert "Traceback" not in result.stderr
    served = mkdocs_build(project, tmp_path / "served", {partition.PART_VARIABLE: "start"})
    assert served.returncode != 0
    assert f'MEDBORGARLOFTEN_DEL="start": {said}' in served.output
    assert "Traceback" not in served.output and "IndexError" not in served.output


def test_each_county_has_a_feed_of_its_own(national: Path) -> None:
    """Every feed of a national site has an id of its own (RFC 4287), and a county's feed
    and open-data page name the county."""
    import xml.etree.ElementTree as ET

    from macros.publish.feed import ATOM

    ids: dict[str, str] = {}
    for path in sorted(national.rglob("*.atom")):
        root = ET.parse(path).getroot()
        found = root.findtext(f"{{{ATOM}}}id")
        assert found is not None and found not in ids, (path, ids.get(found or ""))
        ids[found] = path.relative_to(national).as_posix()
    titles = {
        slug: ET.parse(national / slug / "uppfoljningar.atom")
        .getroot()
        .findtext(f"{{{ATOM}}}title")
        for slug in ("gotlands-lan", "skane-lan", "vastra-gotalands-lan")
    }
    assert titles == {
        "gotlands-lan": "Medborgarlöften: uppföljningar i Gotlands län",
        "skane-lan": "Medborgarlöften: uppföljningar i Skåne län",
        "vastra-gotalands-lan": "Medborgarlöften: uppföljningar i Västra Götalands län",
    }
    # Each page of a county announces the county's feed by the feed's own title.
    for slug, title in titles.items():
        for page in (national / slug / "index.html", national / slug / "oppna-data/index.html"):
            head = page.read_text(encoding="utf-8").split("</head>")[0]
            assert f'type="application/atom+xml" title="{title}"' in head, page
    text = article_text(national / "skane-lan", "oppna-data")
    assert "de 100 senaste av alla löften i Skåne län;" in text
    assert "alla löften här" not in text


def test_only_the_site_has_an_error_page(national: Path) -> None:
    """A host serves the site's own 404.html for any address: the county parts' error pages
    (whose links lack the county's folder) are not published, and nothing links to one."""
    assert [p.relative_to(national).as_posix() for p in national.rglob("404.html")] == ["404.html"]
    for page in national.rglob("*.html"):
        assert "404.html" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(("base", "rebased"), [("..", "../kommun-a/"), (".", "./kommun-a/")])
def test_a_municipalitys_page_searches_its_own_index(base: str, rebased: str) -> None:
    config = f'<script id="__config" type="application/json">{{"base": "{base}", "x": 1}}</script>'
    page = f"<html><head></head><body><p>base: x</p>{config}</body></html>"
    assert search.with_search_base(page, "kommun-a") == page.replace(
        f'"base": "{base}"', f'"base": "{rebased}"'
    )
    assert search.with_search_base("<html><body>ingen sökning</body></html>", "a") == (
        "<html><body>ingen sökning</body></html>"
    )
