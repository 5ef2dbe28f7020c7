"""Digital objects as OAI-PMH metadata: ``oai_dc`` and qualified Dublin Core (``qdc``: DCMI
terms in the ``http://purl.org/dc/terms/`` namespace inside a ``qualifieddc`` container, the
shape DSpace serves). Each record names the object's page in the portal (identifier), its IIIF
Presentation 3 manifest and its thumbnail (relations), its rights as a rightsstatements.org or
Creative Commons URI, its collections and the catalogue record it digitises."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from lxml import etree

from thuvien.digital.models import DigitalObject, ObjectType, RightsStatus

from .metadata import DC_NS, OAI_DC_NS, XSI, xml_safe

DCTERMS_NS = "http://purl.org/dc/terms/"
QDC_NS = "http://dspace.org/qualifieddc/"
QDC_SCHEMA = "http://www.ukoln.ac.uk/metadata/dcmi/xmlschema/qualifieddc.xsd"
DCMITYPE = "http://purl.org/dc/dcmitype/"

# The DCMI Type of each kind of object, for harvesters that sort by it.
DCMI_TYPES: dict[str, str] = {
    ObjectType.BOOK: "Text",
    ObjectType.MAP: "Image",
    ObjectType.MANUSCRIPT: "Text",
    ObjectType.THESIS: "Text",
    ObjectType.PHOTOS: "StillImage",
    ObjectType.NEWSPAPER: "Text",
    ObjectType.AUDIO: "Sound",
    ObjectType.VIDEO: "MovingImage",
    ObjectType.DOCUMENT: "Text",
}
RIGHTS_URIS: dict[str, str] = {
    RightsStatus.PUBLIC_DOMAIN: "http://creativecommons.org/publicdomain/mark/1.0/",
    RightsStatus.IN_COPYRIGHT_PERMITTED: "http://rightsstatements.org/vocab/InC/1.0/",
    RightsStatus.ORPHAN: "http://rightsstatements.org/vocab/InC-OW-EU/1.0/",
    RightsStatus.UNKNOWN: "http://rightsstatements.org/vocab/UND/1.0/",
}
# DCMI terms that refine one of the fifteen elements: oai_dc writes them as the element.
_REFINES = {
    "spatial": "coverage", "temporal": "coverage", "created": "date", "issued": "date",
    "modified": "date", "abstract": "description", "tableOfContents": "description",
    "alternative": "title", "extent": "format", "medium": "format", "isPartOf": "relation",
    "hasPart": "relation", "isVersionOf": "relation", "hasFormat": "relation",
    "isReferencedBy": "relation", "license": "rights", "accessRights": "rights",
    "bibliographicCitation": "identifier",
}  # fmt: skip
_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip


def rights_uri(obj: DigitalObject) -> str:
    licence = obj.licence or ""
    if licence.startswith(("http://creativecommons.org/", "http://rightsstatements.org/")):
        return licence
    return RIGHTS_URIS.get(obj.rights_status, RIGHTS_URIS[RightsStatus.UNKNOWN])


def links(base: str, obj: DigitalObject) -> dict[str, str]:
    """The object's page, IIIF manifest and thumbnail (a 200 px IIIF image of its first or
    chosen page)."""
    seq = obj.thumbnail_page.seq if obj.thumbnail_page is not None else 1
    out = {
        "page": base + reverse("opac_digital:viewer", args=[obj.pk]),
        "manifest": f"{base}/iiif/3/{obj.pk}/manifest",
        "thumbnail": f"{base}/iiif/3/image/{obj.pk}-{seq}/full/!200,200/0/default.jpg",
    }
    if obj.record_id:
        out["record"] = base + reverse("opac_search:record", args=[obj.record_id])
    return out


def _terms(obj: DigitalObject) -> list[tuple[str, str]]:
    """(DCMI term, value) of the object's own Dublin Core, in a stable order."""
    out: list[tuple[str, str]] = [("title", obj.title)]
    dc = obj.dc if isinstance(obj.dc, dict) else {}
    for key in sorted(dc):
        name = key.split(":", 1)[1] if key.startswith("dcterms:") else key
        if not name.isidentifier() or name == "title":
            continue
        values = dc[key] if isinstance(dc[key], list) else [dc[key]]
        out += [(name, str(v)) for v in values if isinstance(v, str | int) and str(v).strip()]
    return out


def _qdc_terms(obj: DigitalObject, base: str, collections: list[str]) -> list[tuple[str, str]]:
    link = links(base, obj)
    terms = _terms(obj)
    terms += [
        ("type", DCMITYPE + DCMI_TYPES.get(obj.object_type, "Text")),
        ("type", str(ObjectType(obj.object_type).label) if obj.object_type in ObjectType.values
         else obj.object_type),
        ("language", obj.language),
        ("rights", rights_uri(obj)),
        ("accessRights", "open"),
        ("identifier", link["page"]),
        ("isReferencedBy", link["manifest"]),
        ("hasFormat", link["thumbnail"]),
        ("publisher" if not (obj.dc or {}).get("dcterms:publisher") else "provenance",
         obj.library.name_vi),
    ]  # fmt: skip
    if obj.licence:
        terms.append(("license", obj.licence))
    if "record" in link:
        terms.append(("isFormatOf", link["record"]))
    terms += [("isPartOf", title) for title in collections]
    return terms


def qdc(parent: etree._Element, obj: DigitalObject, base: str, collections: list[str]) -> None:
    root = etree.SubElement(
        parent, f"{{{QDC_NS}}}qualifieddc",
        nsmap={"qdc": QDC_NS, "dcterms": DCTERMS_NS, "dc": DC_NS, "xsi": XSI},
    )  # fmt: skip
    root.set(f"{{{XSI}}}schemaLocation", f"{QDC_NS} {QDC_SCHEMA}")
    for name, value in _qdc_terms(obj, base, collections):
        etree.SubElement(root, f"{{{DCTERMS_NS}}}{name}").text = xml_safe(value)


def oai_dc(parent: etree._Element, obj: DigitalObject, base: str, collections: list[str]) -> None:
    """The same terms folded onto the fifteen elements (a refinement becomes its element)."""
    root = etree.SubElement(
        parent, f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI}
    )
    root.set(
        f"{{{XSI}}}schemaLocation", f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    by_element: dict[str, list[str]] = {e: [] for e in _ELEMENTS}
    for name, value in _qdc_terms(obj, base, collections):
        element = name if name in _ELEMENTS else _REFINES.get(name)
        if name == "provenance":
            element = "publisher"
        if element and value not in by_element[element]:
            by_element[element].append(value)
    for element in ("title", "creator", "subject", "description", "publisher", "contributor",
                    "date", "type", "format", "identifier", "source", "language", "relation",
                    "coverage", "rights"):  # fmt: skip
        for value in by_element[element]:
            etree.SubElement(root, f"{{{DC_NS}}}{element}").text = xml_safe(value)


DIGITAL_WRITERS: dict[str, Any] = {"oai_dc": oai_dc, "qdc": qdc}
