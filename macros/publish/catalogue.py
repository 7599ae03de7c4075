"""A DCAT-AP-SE 2.2 catalogue (RDF/XML) of the open-data files, for Sweden's data portal.

One dataset per open-data table, each with its distributions (CSV, CSV for spreadsheets, JSON).
Every mandatory and recommended property of the profile is filled from the model: titles and
descriptions in Swedish and English, a publisher identified by an IRI, a contact point per
municipality that names one (name and e-mail from kommun.yml), the municipalities as places by
kommunkod, the period the promises cover, the dates the follow-ups were approved, annual
updates, the theme, and the licence with a rights statement. tests/shapes/dcat-ap-se.ttl checks
it with SHACL.

IRIs are relative to the catalogue's own address, so the file is right wherever the site is
published; with the site address known (SITE_URL) they are absolute.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from macros.model import Dataset, Municipality
from macros.publish.export import LICENCE, TABLES
from macros.site import pages

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
LICENCE_IRI = "http://creativecommons.org/publicdomain/zero/1.0/"
THEME = f"{EU}data-theme/JUST"
THEME_TAXONOMY = f"{EU}data-theme"
ANNUAL = f"{EU}frequency/ANNUAL"
LANGUAGE = f"{EU}language/SWE"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

# (end of the file name after the table's name, EU file type, media type, names in sv and en)
FORMATS = (
    (".csv", f"{EU}file-type/CSV", "text/csv", "CSV", "CSV"),
    (
        f"{pages.EXCEL_SUFFIX}.csv",
        f"{EU}file-type/CSV",
        "text/csv",
        "CSV för kalkylprogram (semikolon, decimalkomma)",
        "CSV for spreadsheets (semicolon, decimal comma)",
    ),
    (".json", f"{EU}file-type/JSON", "application/json", "JSON", "JSON"),
)

# The portal shows English where a reader asks for it: each table's title and description.
ENGLISH = {
    "loften": ("Citizen promises", "One promise per municipality and period."),
    "omraden": ("Focus areas", "The focus areas of each promise."),
    "aktiviteter": ("Activities", "What the police and the municipality promised to do."),
    "uppfoljningar": (
        "Follow-ups",
        "The yearly follow-up of each activity: status, text and approval dates.",
    ),
    "kallor": ("Sources", "Each source of a promise, once per promise, with the part it plays."),
    "publicerade_uppfoljningar": (
        "Follow-ups published by others",
        "Follow-ups the municipality or the police published themselves, with a link.",
    ),
    "uppfoljningslankar": ("Links in follow-ups", "Links given in the yearly follow-ups."),
    "indikatorer": ("Indicators", "Measures followed year by year, with their desired direction."),
    "indikatorvarden": (
        "Indicator values",
        "Baseline, measured values and target of each indicator.",
    ),
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _dates(dataset: Dataset) -> tuple[dt.date, dt.date]:
    """Issued and modified: the first and the last day a follow-up was approved by both
    parties; without any, the first day of the earliest period."""
    approved = [
        max(f.approval.police, f.approval.municipality)
        for p in dataset.promises
        for f in p.follow_ups
        if f.approval.police is not None and f.approval.municipality is not None
    ]
    if approved:
        return min(approved), max(approved)
    start = dt.date(min((p.start_year for p in dataset.promises), default=2000), 1, 1)
    return start, start


def _location_id(municipality: Municipality) -> str:
    return f"#kommun-{municipality.code}"


def catalogue(dataset: Dataset, title: str, site_url: str | None = None) -> str:
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("rdf:RDF"))
    base = pages.absolute(pages.CATALOGUE_PATH, site_url) if site_url else None

    def iri(reference: str) -> str:
        """Relative to the catalogue's own address; absolute when the site address is known."""
        return urljoin(base, reference) if base else reference

    def add(
        parent: ET.Element,
        name: str,
        text: str | None = None,
        *,
        lang: str | None = None,
        resource: str | None = None,
        about: str | None = None,
        datatype: str | None = None,
    ) -> ET.Element:
        attrs = {}
        if lang is not None:
            attrs["{http://www.w3.org/XML/1998/namespace}lang"] = lang
        if resource is not None:
            attrs[_q("rdf:resource")] = resource
        if about is not None:
            attrs[_q("rdf:about")] = about
        if datatype is not None:
            attrs[_q("rdf:datatype")] = NS["xsd"] + datatype
        element = ET.SubElement(parent, _q(name), attrs)
        element.text = text
        return element

    def both(parent: ET.Element, name: str, swedish: str, english: str) -> None:
        add(parent, name, swedish, lang="sv")
        add(parent, name, english, lang="en")

    municipalities = dataset.municipalities
    names = " och ".join(m.name for m in municipalities) or title
    issued, modified = _dates(dataset)
    start = min((p.start_year for p in dataset.promises), default=issued.year)
    end = max((p.end_year for p in dataset.promises), default=modified.year)

    catalog = add(root, "dcat:Catalog", about=iri("#katalog"))
    both(catalog, "dct:title", f"{title}: öppna data", f"{title}: open data (citizen promises)")
    both(
        catalog,
        "dct:description",
        f"Medborgarlöften från polisen och {names}: fokusområden, aktiviteter, årliga "
        "uppföljningar och indikatorer.",
        f"Citizen promises (medborgarlöften) from the Swedish Police and {names}: focus areas, "
        "activities, yearly follow-ups and indicators.",
    )
    add(catalog, "dct:publisher", resource=iri("#utgivare"))
    add(catalog, "foaf:homepage", resource=iri("../"))
    add(catalog, "dct:license", resource=LICENCE_IRI)
    add(catalog, "dct:language", resource=LANGUAGE)
    add(catalog, "dct:issued", issued.isoformat(), datatype="date")
    add(catalog, "dct:modified", modified.isoformat(), datatype="date")
    add(catalog, "dcat:themeTaxonomy", resource=THEME_TAXONOMY)
    for municipality in municipalities:
        add(catalog, "dct:spatial", resource=iri(_location_id(municipality)))
    for table in TABLES:
        add(catalog, "dcat:dataset", resource=iri(f"#{table.name}"))

    publisher = add(root, "foaf:Agent", about=iri("#utgivare"))
    add(publisher, "foaf:name", f"Polisen och {names}")
    add(publisher, "dct:type", resource=PUBLISHER_TYPE)
    if len(municipalities) == 1:
        add(publisher, "foaf:homepage", resource=municipalities[0].website)

    for municipality in municipalities:
        if municipality.contact is not None:  # none is made up where kommun.yml names none
            contact = add(root, "vcard:Organization", about=iri(f"#kontakt-{municipality.code}"))
            add(contact, "vcard:fn", municipality.contact.name)
            add(contact, "vcard:hasEmail", resource=f"mailto:{municipality.contact.email}")
            add(contact, "vcard:hasURL", resource=municipality.website)
        place = add(root, "dct:Location", about=iri(_location_id(municipality)))
        add(place, "dct:identifier", municipality.code)
        add(place, "skos:prefLabel", municipality.name, lang="sv")
        add(place, "skos:notation", municipality.code)

    period = add(root, "dct:PeriodOfTime", about=iri("#period"))
    add(period, "dcat:startDate", f"{start}-01-01", datatype="date")
    add(period, "dcat:endDate", f"{end}-12-31", datatype="date")

    rights = add(root, "dct:RightsStatement", about=iri("#rattigheter"))
    both(
        rights,
        "rdfs:label",
        f"Fri att använda: {LICENCE}, ingen upphovsrätt förbehålls.",
        f"Free to use: {LICENCE}, no rights reserved.",
    )

    for table in TABLES:
        english_title, english_description = ENGLISH[table.name]
        item = add(root, "dcat:Dataset", about=iri(f"#{table.name}"))
        both(item, "dct:title", table.title, english_title)
        both(item, "dct:description", table.description, english_description)
        add(item, "dct:publisher", resource=iri("#utgivare"))
        for municipality in municipalities:
            if municipality.contact is not None:
                add(item, "dcat:contactPoint", resource=iri(f"#kontakt-{municipality.code}"))
            add(item, "dct:spatial", resource=iri(_location_id(municipality)))
        add(item, "dcat:theme", resource=THEME)
        add(item, "dct:language", resource=LANGUAGE)
        add(item, "dcat:keyword", "medborgarlöfte", lang="sv")
        add(item, "dcat:keyword", "trygghet", lang="sv")
        add(item, "dcat:keyword", "citizen promise", lang="en")
        add(item, "dct:temporal", resource=iri("#period"))
        add(item, "dct:accrualPeriodicity", resource=ANNUAL)
        add(item, "dct:issued", issued.isoformat(), datatype="date")
        add(item, "dct:modified", modified.isoformat(), datatype="date")
        add(item, "dcat:landingPage", resource=iri("./"))
        for ending, file_type, media_type, swedish, english in FORMATS:
            file_name = table.name + ending
            ident = iri(f"#{file_name}")
            add(item, "dcat:distribution", resource=ident)
            dist = add(root, "dcat:Distribution", about=ident)
            both(dist, "dct:title", f"{table.title} ({swedish})", f"{english_title} ({english})")
            both(
                dist,
                "dct:description",
                f"{table.description} Som {swedish}.",
                f"{english_description} As {english}.",
            )
            add(dist, "dcat:accessURL", resource=iri(file_name))
            add(dist, "dcat:downloadURL", resource=iri(file_name))
            add(dist, "dct:format", resource=file_type)
            add(dist, "dcat:mediaType", resource=MEDIA_TYPES + media_type)
            add(dist, "dct:license", resource=LICENCE_IRI)
            add(dist, "dct:rights", resource=iri("#rattigheter"))
            add(dist, "dct:issued", issued.isoformat(), datatype="date")
            add(dist, "dct:modified", modified.isoformat(), datatype="date")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
