"""The DCAT-AP 3 catalogue of the open data, built with rdflib from the manifest: one
dcat:Catalog, a dcat:Dataset per dataset and a dcat:Distribution per file (download URL, media
type, EU file type, size, SHA-256 checksum, CC0 licence, dates), so that a CKAN portal with
ckanext-dcat (the national open-data portal among them) can harvest it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

SPDX = Namespace("http://spdx.org/rdf/terms#")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
LANG = "http://publications.europa.eu/resource/authority/language/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/DAILY"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/RegionalAuthority"


def catalogue_graph(manifest: dict[str, Any], *, base: str) -> Graph:
    """``base``: the absolute URL of the open-data page (ends with /)."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("spdx", SPDX)):
        g.bind(prefix, ns)
    catalog = URIRef(base + "catalog")
    publisher = URIRef(base + "#publisher")
    licence = URIRef(manifest["license"])
    built = Literal(manifest["built_at"], datatype=XSD.dateTime)
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(settings.OAI_REPOSITORY_NAME, lang="vi")))
    g.add((catalog, DCTERMS.title, Literal("Library network open data", lang="en")))
    g.add((catalog, DCTERMS.description, Literal(
        "Dữ liệu mở của mạng lưới thư viện: mục lục liên hợp, danh bạ thư viện, số liệu.",
        lang="vi")))  # fmt: skip
    g.add((catalog, DCTERMS.description, Literal(
        "Open data of the library network: union catalogue, library registry, figures.",
        lang="en")))  # fmt: skip
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.modified, built))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCTERMS.language, URIRef(LANG + "VIE")))
    g.add((URIRef(LANG + "VIE"), RDF.type, DCTERMS.LinguisticSystem))
    # the controlled vocabularies' terms, typed as DCAT-AP's range shapes expect
    for term, label in (
        (PUBLISHER_TYPE, "Regional authority"),
        (THEME + "EDUC", "Education, culture and sport"),
    ):
        g.add((URIRef(term), RDF.type, SKOS.Concept))
        g.add((URIRef(term), SKOS.prefLabel, Literal(label, lang="en")))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(settings.OAI_REPOSITORY_NAME, lang="vi")))
    g.add((publisher, DCTERMS.type, URIRef(PUBLISHER_TYPE)))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for data in manifest["datasets"]:
        dataset = URIRef(base + "#" + data["key"])
        g.add((catalog, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.title, Literal(data["title_vi"], lang="vi")))
        g.add((dataset, DCTERMS.title, Literal(data["title_en"], lang="en")))
        g.add((dataset, DCTERMS.description, Literal(data["description_vi"], lang="vi")))
        g.add((dataset, DCTERMS.description, Literal(data["description_en"], lang="en")))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCTERMS.modified, built))
        g.add((dataset, DCTERMS.identifier, Literal(base + "#" + data["key"])))
        g.add((dataset, DCTERMS.accrualPeriodicity, URIRef(FREQUENCY)))
        g.add((URIRef(FREQUENCY), RDF.type, DCTERMS.Frequency))
        g.add((dataset, DCAT.theme, URIRef(THEME + "EDUC")))
        g.add((dataset, DCAT.keyword, Literal("thư viện", lang="vi")))
        g.add((dataset, DCAT.keyword, Literal("library", lang="en")))
        g.add((dataset, DCAT.landingPage, URIRef(base)))
        g.add((URIRef(base), RDF.type, FOAF.Document))
        for dist in data["distributions"]:
            node = URIRef(base + "files/" + dist["file"])
            checksum = BNode()
            g.add((dataset, DCAT.distribution, node))
            g.add((node, RDF.type, DCAT.Distribution))
            g.add(
                (node, DCTERMS.title, Literal(f"{data['title_en']} — {dist['title']}", lang="en"))
            )
            g.add((node, DCAT.accessURL, URIRef(base)))
            g.add((node, DCAT.downloadURL, node))
            media = URIRef(IANA + dist["media_type"])
            g.add((node, DCAT.mediaType, media))
            g.add((media, RDF.type, DCTERMS.MediaType))
            gzip_type = URIRef(IANA + "application/gzip")
            g.add((node, DCAT.compressFormat, gzip_type))
            g.add((gzip_type, RDF.type, DCTERMS.MediaType))
            file_type = URIRef(FILE_TYPE + dist["format"])
            g.add((node, DCTERMS.format, file_type))
            g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
            g.add((node, DCAT.byteSize, Literal(dist["bytes"], datatype=XSD.nonNegativeInteger)))
            g.add((node, DCTERMS.license, URIRef(data["license"])))
            g.add((node, DCTERMS.modified, built))
            g.add((node, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(dist["sha256"], datatype=XSD.hexBinary)))
    return g
