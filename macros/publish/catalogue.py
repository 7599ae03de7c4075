"""A DCAT-AP-SE catalogue (RDF/XML) of the open-data files, for the Swedish data portal.

IRIs are relative and resolve against the catalogue's own address, so the file is right
wherever the site is published.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from macros.model import Dataset
from macros.publish.export import LICENCE, TABLES
from macros.site import pages

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
LICENCE_IRI = "http://creativecommons.org/publicdomain/zero/1.0/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/JUST"
FORMATS = {
    "csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "text/csv"),
    "json": ("http://publications.europa.eu/resource/authority/file-type/JSON", "application/json"),
}
LANGUAGE = "http://publications.europa.eu/resource/authority/language/SWE"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


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
        lang: bool = False,
        resource: str | None = None,
        about: str | None = None,
    ) -> ET.Element:
        attrs = {}
        if lang:
            attrs["{http://www.w3.org/XML/1998/namespace}lang"] = "sv"
        if resource is not None:
            attrs[_q("rdf:resource")] = resource
        if about is not None:
            attrs[_q("rdf:about")] = about
        element = ET.SubElement(parent, _q(name), attrs)
        element.text = text
        return element

    names = [m.name for m in dataset.municipalities]
    catalog = add(root, "dcat:Catalog", about=iri("#katalog"))
    add(catalog, "dct:title", f"{title}: öppna data", lang=True)
    add(
        catalog,
        "dct:description",
        "Medborgarlöften från polisen och "
        + ", ".join(names)
        + ": fokusområden, aktiviteter, årliga uppföljningar och indikatorer.",
        lang=True,
    )
    add(catalog, "dct:publisher", resource=iri("#utgivare"))
    add(catalog, "dct:license", resource=LICENCE_IRI)
    add(catalog, "dct:language", resource=LANGUAGE)
    for table in TABLES:
        add(catalog, "dcat:dataset", resource=iri(f"#{table.name}"))

    publisher = add(root, "foaf:Agent", about=iri("#utgivare"))
    add(publisher, "foaf:name", " och ".join(names) if names else title)
    add(publisher, "dct:type", resource="http://purl.org/adms/publishertype/LocalAuthority")

    contact = add(root, "vcard:Organization", about=iri("#kontakt"))
    add(contact, "vcard:fn", names[0] if names else title)
    if dataset.municipalities:
        add(contact, "vcard:hasURL", resource=dataset.municipalities[0].website)

    for table in TABLES:
        item = add(root, "dcat:Dataset", about=iri(f"#{table.name}"))
        add(item, "dct:title", table.title, lang=True)
        add(item, "dct:description", table.description, lang=True)
        add(item, "dct:publisher", resource=iri("#utgivare"))
        add(item, "dcat:contactPoint", resource=iri("#kontakt"))
        add(item, "dcat:theme", resource=THEME)
        add(item, "dct:language", resource=LANGUAGE)
        add(item, "dcat:keyword", "medborgarlöfte", lang=True)
        add(item, "dcat:landingPage", resource=iri("./"))
        for extension, (file_type, media_type) in FORMATS.items():
            add(item, "dcat:distribution", resource=iri(f"#{table.name}-{extension}"))
            dist = add(root, "dcat:Distribution", about=iri(f"#{table.name}-{extension}"))
            add(dist, "dct:title", f"{table.title} ({extension.upper()})", lang=True)
            add(dist, "dcat:accessURL", resource=iri(f"{table.name}.{extension}"))
            add(dist, "dcat:downloadURL", resource=iri(f"{table.name}.{extension}"))
            add(dist, "dct:format", resource=file_type)
            add(
                dist,
                "dcat:mediaType",
                resource=f"https://www.iana.org/assignments/media-types/{media_type}",
            )
            add(dist, "dct:license", resource=LICENCE_IRI)
            add(dist, "dct:rights", f"Licens: {LICENCE}", lang=True)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
