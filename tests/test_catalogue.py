"""The DCAT-AP-SE catalogue checked against SHACL shapes for the profile's mandatory and
recommended properties (tests/shapes/dcat-ap-se.ttl), with pyshacl, on real builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef

from macros.model import Dataset
from macros.publish import catalogue, export
from macros.site import pages
from tests.conftest import Build

SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-se.ttl"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
BASE = "https://example.org/medborgarloften/oppna-data/katalog.rdf"


def graph_of(site: Path) -> Graph:
    graph = Graph()
    graph.parse(site / pages.CATALOGUE_PATH, format="xml", publicID=BASE)
    return graph


def report(graph: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)


@pytest.mark.parametrize("which", ["fixture_site", "example_site", "shipped"])
def test_catalogue_conforms_to_dcat_ap_se(which: str, request: pytest.FixtureRequest) -> None:
    build, _ = request.getfixturevalue(which)
    conforms, text = report(graph_of(build.site))
    assert conforms, text


def test_contact_point_and_place_come_from_kommun_yml(
    fixture_site: tuple[Build, Dataset],
) -> None:
    build, dataset = fixture_site
    graph = graph_of(build.site)
    (municipality,) = dataset.municipalities
    assert municipality.contact is not None
    emails = set(graph.objects(None, VCARD.hasEmail))
    assert emails == {URIRef(f"mailto:{municipality.contact.email}")}
    assert Literal(municipality.contact.name) in set(graph.objects(None, VCARD.fn))
    assert Literal(municipality.code) in set(graph.objects(None, DCT.identifier))
    frequencies = set(graph.objects(None, DCT.accrualPeriodicity))
    assert frequencies == {URIRef(catalogue.ANNUAL)}
    assert len(set(graph.subjects(None, DCAT.Dataset))) == len(export.TABLES)


def test_every_table_has_an_english_title() -> None:
    assert set(catalogue.ENGLISH) == {t.name for t in export.TABLES}


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("no e-mail", "e-mail address"),
        ("rights as text", "RightsStatement"),
        ("no English title", "English title"),
        ("no frequency", "update frequency"),
        ("publisher as text", "publisher"),
    ],
)
def test_the_shapes_catch_what_the_issue_found(
    fixture_site: tuple[Build, Dataset], breakage: str, message: str
) -> None:
    build, _ = fixture_site
    graph = graph_of(build.site)
    if breakage == "no e-mail":
        graph.remove((None, VCARD.hasEmail, None))
    elif breakage == "rights as text":
        for dist, _, _ in list(graph.triples((None, DCT.rights, None))):
            graph.remove((dist, DCT.rights, None))
            graph.add((dist, DCT.rights, Literal("Licens: CC0 1.0", lang="sv")))
    elif breakage == "no English title":
        for subject, _, title in list(graph.triples((None, DCT.title, None))):
            if isinstance(title, Literal) and title.language == "en":
                graph.remove((subject, DCT.title, title))
    elif breakage == "no frequency":
        graph.remove((None, DCT.accrualPeriodicity, None))
    elif breakage == "publisher as text":
        for subject, _, _ in list(graph.triples((None, DCT.publisher, None))):
            graph.remove((subject, DCT.publisher, None))
            graph.add((subject, DCT.publisher, Literal("Polisen")))
    conforms, text = report(graph)
    assert not conforms
    assert message in text
