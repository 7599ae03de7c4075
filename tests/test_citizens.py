"""Citizen-facing pages, open data, the feed and the catalogue, checked on real builds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros import progress
from macros.data.folders import read_dataset
from macros.model import Dataset
from macros.publish import export
from macros.publish.catalogue import NS
from macros.publish.feed import ATOM, SITE_FEED_ENTRIES, all_feeds, atom_feed, entry_id
from macros.site import pages, texts
from macros.staff import generate
from tests.conftest import VALID, Build, article_text, build_site
from tests.invariants import first_words, squeeze


def test_every_activity_has_a_page_with_its_timeline(shipped: tuple[Build, Dataset]) -> None:
    build, dataset = shipped
    for promise in dataset.promises:
        for activity in promise.activities:
            url = pages.activity_url(promise, activity)
            assert url.startswith(f"{promise.key}/{activity.area_id}/")
            text = article_text(build.site, url)
            assert "Vad som lovades" in text
            for year, status in progress.status_history(promise, activity):
                assert f"Status {year}:" in text
                expected = "Ej uppföljd" if status is None else status.value.capitalize()
                assert expected in text
            for year in activity.years:
                follow_up = promise.follow_up(activity.id, year)
                if follow_up is not None:
                    assert first_words(follow_up.text) in squeeze(text)


@pytest.mark.parametrize("which", ["shipped", "example_site"])
def test_places_page_lists_each_place_and_its_activities(
    which: str, request: pytest.FixtureRequest
) -> None:
    build, dataset = request.getfixturevalue(which)
    text = article_text(build.site, pages.PLACES_URL)
    for place, items in progress.places(dataset):
        assert place in text
        for _, activity in items:
            assert activity.title in text


def test_places_are_in_swedish_order(example_site: tuple[Build, Dataset]) -> None:
    _, dataset = example_site
    found = [place for place, _ in progress.places(dataset)]
    assert found[:3] == ["Bygdeå", "Kågeträsk", "Robertsfors"]
    assert found[-2:] == ["Ytterbyn", "Ånäset"]  # å after z


@pytest.mark.parametrize("which", ["shipped", "example_site"])
def test_start_page_shows_latest_approved_follow_ups(
    which: str, request: pytest.FixtureRequest
) -> None:
    build, dataset = request.getfixturevalue(which)
    text = article_text(build.site, "")
    latest = progress.approved_follow_ups(dataset)[:5]
    if latest:
        assert "Senaste återkoppling" in text
    for promise, follow_up, approved in latest:
        assert promise.activity(follow_up.activity_id).title in text
        assert f"godkänd {approved.isoformat()}" in text


def test_latest_approved_follow_up_comes_first(example_site: tuple[Build, Dataset]) -> None:
    _, dataset = example_site
    dates = [approved.isoformat() for _, _, approved in progress.approved_follow_ups(dataset)]
    assert dates[:2] == ["2026-02-17", "2026-02-17"]
    assert dates == sorted(dates, reverse=True)


def test_year_summary_and_ready_texts(fixture_site: tuple[Build, Dataset]) -> None:
    build, dataset = fixture_site
    promise = dataset.promise("testby/2024-2025")
    sentence = texts.year_summary(promise, 2024)
    assert sentence == (
        "Under 2024 genomfördes 1 av 2 aktiviteter i medborgarlöfte 2024–2025 som Polisen i "
        "Testby och Testby kommun följde upp (50 %). Övriga: 1 pågår. "
        "1 aktivitet har inte följts upp."
    )
    text = article_text(build.site, pages.year_url(promise, 2024))
    assert sentence in text
    assert (
        "Så gick det med medborgarlöftet i Testby 2024: 1 av 2 aktiviteter genomfördes "
        "(50 %). Läs hela uppföljningen: /testby/2024-2025/uppfoljning/2024/"
    ) in text
    assert "# Uppföljning av medborgarlöftet i Testby 2024" in text
    assert "- **Trafik**: 1 av 1 aktivitet genomförd (100 %)" in text


def test_charts_are_inline_svg_with_title_description_and_table(
    example_site: tuple[Build, Dataset],
) -> None:
    build, _ = example_site
    html = (build.site / "robertsfors/2023-2025/trafik/index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg viewBox[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 1
    svg = svgs[0]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "2022: 38; 2023: 44; 2024: 51; 2025: 55; Mål 2025: 52" in svg
    assert "style=" not in svg
    promise_html = (build.site / "robertsfors/2023-2025/index.html").read_text(encoding="utf-8")
    assert "Andel genomförda aktiviteter år för år" in promise_html
    assert promise_html.count('role="img"') == 1


def test_open_data_page_describes_every_field(shipped: tuple[Build, Dataset]) -> None:
    build, _ = shipped
    text = article_text(build.site, pages.OPEN_DATA_URL)
    assert "CC0 1.0" in text
    for table in export.TABLES:
        assert f"{table.name}.csv" in text and f"{table.name}.json" in text
        for column in table.columns:
            assert column.name in text and column.description in text


def test_fixture_exports_leave_out_drafts(fixture_site: tuple[Build, Dataset]) -> None:
    build, _ = fixture_site
    for path in build.site.rglob("*"):
        if path.suffix in {".csv", ".json", ".atom", ".rdf"}:
            assert "UTKASTTEXT" not in path.read_text(encoding="utf-8"), path


def test_atom_feed_is_valid_and_stable(fixture_site: tuple[Build, Dataset], tmp_path: Path) -> None:
    build, dataset = fixture_site
    feed = ET.parse(build.site / pages.FEED_PATH).getroot()
    a = f"{{{ATOM}}}"
    assert feed.tag == f"{a}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(a + required) is not None
    rfc3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
    entries = feed.findall(a + "entry")
    promise = dataset.promise("testby/2024-2025")
    approved = [f for f in promise.follow_ups if not f.draft]
    assert len(entries) == len(approved) == 4
    for entry in entries:
        for required in ("id", "title", "updated", "link", "content", "author"):
            assert entry.find(a + required) is not None
        assert rfc3339.match(entry.findtext(a + "updated") or "")
        href = entry.find(a + "link").get("href")  # type: ignore[union-attr]
        assert (build.site / str(href) / "index.html").is_file()
    ids = [e.findtext(a + "id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert entry_id(promise, approved[0]) in ids
    again = build_site(VALID, tmp_path)
    assert again.returncode == 0
    assert (again.site / pages.FEED_PATH).read_text(encoding="utf-8") == (
        build.site / pages.FEED_PATH
    ).read_text(encoding="utf-8")


def test_every_page_links_the_feed(shipped: tuple[Build, Dataset]) -> None:
    build, _ = shipped
    for path in build.site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in html, path


def test_dcat_catalogue_describes_every_file(shipped: tuple[Build, Dataset]) -> None:
    build, _ = shipped
    path = build.site / pages.CATALOGUE_PATH
    root = ET.parse(path).getroot()
    rdf, dcat, dct = (f"{{{NS[p]}}}" for p in ("rdf", "dcat", "dct"))
    catalog = root.find(dcat + "Catalog")
    assert catalog is not None and catalog.find(dct + "publisher") is not None
    datasets = root.findall(dcat + "Dataset")
    assert len(datasets) == len(export.TABLES)
    for item in datasets:
        for required in ("title", "description", "publisher"):
            assert item.find(dct + required) is not None
        assert item.find(dcat + "contactPoint") is not None
    for dist in root.findall(dcat + "Distribution"):
        url = dist.find(dcat + "downloadURL").get(rdf + "resource")  # type: ignore[union-attr]
        assert (path.parent / str(url)).is_file()
        assert dist.find(dct + "license") is not None


@pytest.mark.parametrize("name", ["om", "platser", "oppna-data"])
def test_a_municipality_cannot_take_a_site_address(valid_data: Path, name: str) -> None:
    from tests.conftest import problems_of

    (valid_data / "testby").rename(valid_data / name)
    assert problems_of(valid_data) == [
        f'data/{name}:1: mappnamnet "{name}" används redan av webbplatsen. Ge kommunens mapp '
        "ett annat namn."
    ]


@pytest.mark.parametrize("name", ["platser", "search"])
def test_a_period_cannot_take_an_address_of_its_municipality(valid_data: Path, name: str) -> None:
    """A national site has <kommun>/platser/ (the municipality's places) and <kommun>/search/
    (its search index): a period folder of that name would be overwritten."""
    from tests.conftest import problems_of

    (valid_data / "testby" / "2024-2025").rename(valid_data / "testby" / name)
    assert problems_of(valid_data) == [
        f'data/testby/{name}:1: mappnamnet "{name}" används redan av webbplatsen. Ge '
        "löftesperiodens mapp ett annat namn, till exempel 2023-2025."
    ]


def test_start_page_lists_many_municipalities_in_one_table(tmp_path: Path) -> None:
    from macros.site.render import DETAILED_LIMIT
    from macros.staff import generate

    data = tmp_path / "data"
    generate.write(data, generate.generate(DETAILED_LIMIT + 1, seed=2, county="Västerbottens län"))
    (tmp_path / "work").mkdir()
    build = build_site(data, tmp_path / "work")
    assert build.returncode == 0, build.output
    text = article_text(build.site, "")
    assert "Medborgarlöften per kommun" in text
    assert "Läget i varje fokusområde" not in text  # no per-municipality tables
    for n in range(1, DETAILED_LIMIT + 2):
        assert f"Exempelkommun {n} " in text


def test_feeds_per_municipality_and_per_promise(fixture_site: tuple[Build, Dataset]) -> None:
    build, dataset = fixture_site
    a = f"{{{ATOM}}}"
    approved = progress.approved_follow_ups(dataset)
    for municipality in dataset.municipalities:
        path = pages.municipality_feed_path(municipality.id)
        feed = ET.parse(build.site / path).getroot()
        entries = feed.findall(a + "entry")
        assert len(entries) == sum(p.municipality.id == municipality.id for p, _, _ in approved)
        assert municipality.name in (feed.findtext(a + "title") or "")
        for promise in dataset.promises_of(municipality.id):
            path = pages.promise_feed_path(promise.key)
            feed = ET.parse(build.site / path).getroot()
            entries = feed.findall(a + "entry")
            ids = {entry_id(p, f) for p, f, _ in approved if p.key == promise.key}
            assert {e.findtext(a + "id") for e in entries} == ids
            for entry in entries:
                # Links resolve against the feed's own address.
                href = entry.find(a + "link").get("href")  # type: ignore[union-attr]
                target = (build.site / path).parent / str(href) / "index.html"
                assert target.resolve().is_file(), href
            # Every page of the promise announces both feeds in its head and links them visibly.
            for page in pages.plan(dataset):
                if getattr(page, "promise_key", None) != promise.key:
                    continue
                html = (build.site / page.url / "index.html").read_text(encoding="utf-8")
                own = pages.relative(pages.promise_feed_path(promise.key), page.url)
                town = pages.relative(pages.municipality_feed_path(municipality.id), page.url)
                for href in (own, town):
                    assert re.search(
                        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                        rf'href="{re.escape(href)}">',
                        html,
                    ), (page.url, href)
                text = article_text(build.site, page.url)
                if isinstance(page, pages.EnglishPage):
                    assert "Follow new follow-ups in a feed reader (Atom" in text
                    assert f"all promises in {municipality.name}" in text
                else:
                    assert "Följ nya uppföljningar med en flödesläsare (Atom)" in text
                    assert f"alla löften i {municipality.name}" in text


def test_without_a_site_address_no_empty_sitemap(fixture_site: tuple[Build, Dataset]) -> None:
    build, _ = fixture_site
    assert not (build.site / "sitemap.xml").exists()
    assert not (build.site / "sitemap.xml.gz").exists()


SUB = "https://example.org/medborgarloften/"


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(VALID, tmp_path_factory.mktemp("address"), site_url=SUB)
    assert build.returncode == 0, build.output
    return build


def test_site_url_makes_sitemap_feeds_catalogue_and_texts_absolute(
    addressed_site: Build,
) -> None:
    site = addressed_site.site
    dataset = load_valid()
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(SUB) for loc in locs)
    assert SUB + pages.promise_url(dataset.promises[0]) in locs
    for feed_path in site.rglob("*.atom"):
        hrefs = re.findall(r'<link [^>]*href="([^"]+)"', feed_path.read_text(encoding="utf-8"))
        assert hrefs and all(h.startswith(SUB) for h in hrefs), feed_path
    rdf = (site / pages.CATALOGUE_PATH).read_text(encoding="utf-8")
    iris = re.findall(r'rdf:(?:about|resource)="([^"]+)"', rdf)
    assert all(i.startswith(("http://", "https://", "mailto:")) for i in iris)
    assert f'rdf:about="{SUB}{pages.CATALOGUE_PATH}#katalog"' in rdf
    promise = dataset.promise("testby/2024-2025")
    text = article_text(site, pages.year_url(promise, 2024))
    assert f"Läs hela uppföljningen: {SUB}{pages.year_url(promise, 2024)}" in text


def test_404_page_works_under_a_sub_path(addressed_site: Build) -> None:
    html = (addressed_site.site / "404.html").read_text(encoding="utf-8")
    local = re.findall(r'(?:href|src)="([^"#]+)"', html)
    local = [u for u in local if not u.startswith(("http://", "https://", "data:"))]
    assert local, "404.html links nothing"
    assert all(u.startswith("/medborgarloften/") for u in local), local


def load_valid() -> Dataset:
    from tests.conftest import load

    return load(VALID).without_drafts()


TABLE_OR_CHART = re.compile(r'<table class="ml-(?!fields)|<figure class="ml-chart"')
BOUNDARY = re.compile(r"<h[234][ >]|</section>|</article>|</li>")


def test_every_table_and_chart_has_its_download(example_site: tuple[Build, Dataset]) -> None:
    """After each table or chart, before the next heading, a link fetches exactly that table."""
    build, _ = example_site
    checked = 0
    for path in sorted(build.site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        for match in TABLE_OR_CHART.finditer(html):
            rest = html[match.end() :]
            download = rest.find('class="ml-download"')
            boundary = BOUNDARY.search(rest)
            assert download >= 0, (path, match.group(0))
            if boundary is not None and not rest[: boundary.start()].count("<details"):
                assert download < boundary.start(), (path, match.group(0))
            checked += 1
    assert checked > 20


def test_spreadsheet_csv_is_what_swedish_excel_reads(example_site: tuple[Build, Dataset]) -> None:
    build, dataset = example_site
    promise = dataset.promise("robertsfors/2023-2025")
    raw = (build.site / f"{pages.table_path(promise, 'oversikt-2025')}-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, not Windows-1252
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("kommunkod;kommunnamn;ar;omrade;planerad;")
    assert lines[1] == "2409;Robertsfors kommun;2025;Droger;0;0;3;0;0;0;100;66,7"
    plain = (build.site / f"{pages.table_path(promise, 'oversikt-2025')}.csv").read_text("utf-8")
    assert "2409,Robertsfors kommun,2025,Droger,0,0,3,0,0,0,100,66.7" in plain
    values = (build.site / "oppna-data" / "indikatorvarden-excel.csv").read_bytes()
    header = values.decode("utf-8-sig").split("\r\n")[0]
    assert header == "kommun;kommunkod;kommunnamn;period;indikator;slag;ar;varde;kalla"
    with pytest.raises(ValueError, match="byte order mark"):
        export.read_excel_csv(values.decode("utf-8-sig"))


def test_an_english_page_per_promise_with_hreflang_both_ways(
    fixture_site: tuple[Build, Dataset],
) -> None:
    build, dataset = fixture_site
    promise = dataset.promise("testby/2024-2025")
    english = pages.english_url(promise)
    html = (build.site / english / "index.html").read_text(encoding="utf-8")
    swedish = (build.site / pages.promise_url(promise) / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="en/">' in swedish
    assert '<link rel="alternate" hreflang="sv" href="../">' in html
    assert 'hreflang="en" lang="en">In English' in swedish  # the visible link
    assert '<div class="ml-english" lang="en">' in html
    text = article_text(build.site, english)
    assert "What a citizen promise is" in text
    # An area with titel_en shows it; one without shows its Swedish title marked as Swedish.
    traffic, drugs = promise.area("trafik"), promise.area("droger")
    assert traffic.title_en == "Traffic" and drugs.title_en is None
    assert ">Traffic</a>" in html
    assert f'<span lang="sv">{drugs.title}</span>' in html
    # The share completed per year, the same numbers as the Swedish page.
    for share in progress.followed_up_years(promise):
        count = progress.count_by_status(progress.running(promise, share), promise, share)
        done = count.share_done or 0.0
        assert f"{share} {count.done} {count.followed_up} {round(done * 100)}%" in text


def test_english_title_from_data(example_site: tuple[Build, Dataset]) -> None:
    build, dataset = example_site
    promise = dataset.promise("robertsfors/2023-2025")
    assert promise.title_en == "Citizen promise 2023–2025"
    text = article_text(build.site, pages.english_url(promise))
    assert text.startswith("Robertsfors: Citizen promise 2023–2025 (in English)")


def test_area_page_shows_its_share_completed(example_site: tuple[Build, Dataset]) -> None:
    build, dataset = example_site
    promise = dataset.promise("robertsfors/2023-2025")
    text = article_text(build.site, pages.area_url(promise, "trafik"))
    assert (
        "Läget 2025 Trafik 50 % genomförda (samma andel som 2024) "
        "2 aktiviteter: 1 pågår, 1 genomförd." in text.replace("\u00a0", " ")
    )


def test_the_site_feed_holds_the_newest_follow_ups_and_each_municipality_all_of_its(
    tmp_path: Path,
) -> None:
    """A county's feed is fetched again and again by every reader: it keeps the newest
    SITE_FEED_ENTRIES; the feeds of a municipality and of a promise keep all of theirs."""
    generate.write(tmp_path / "data", generate.generate(8, seed=3))
    dataset = read_dataset(tmp_path / "data")
    approved = progress.approved_follow_ups(dataset)
    assert len(approved) > SITE_FEED_ENTRIES  # the data set is big enough to be cut
    found = all_feeds(dataset, "Medborgarlöften", None)
    a = f"{{{ATOM}}}"

    def ids(path: str) -> list[str | None]:
        root = ET.fromstring(found[path].encode())
        return [e.findtext(a + "id") for e in root.findall(a + "entry")]

    assert ids(pages.FEED_PATH) == [entry_id(p, f) for p, f, _ in approved[:SITE_FEED_ENTRIES]]
    for municipality in dataset.municipalities:
        own = [entry_id(p, f) for p, f, _ in approved if p.municipality.id == municipality.id]
        assert ids(pages.municipality_feed_path(municipality.id)) == own
        for promise in dataset.promises_of(municipality.id):
            own = [entry_id(p, f) for p, f, _ in approved if p.key == promise.key]
            assert ids(pages.promise_feed_path(promise.key)) == own
    # One feed asked for alone is the same as among all of them.
    assert atom_feed(dataset, "Medborgarlöften") == found[pages.FEED_PATH]
