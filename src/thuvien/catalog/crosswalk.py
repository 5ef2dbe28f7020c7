"""MARC21 to Dublin Core, after the Library of Congress "MARC to Dublin Core Crosswalk"
(https://www.loc.gov/marc/marc2dc.html, unqualified DC), with 264 read like 260 for RDA records.

Used by OAI-PMH (``oai_dc``), the portal's metadata and open-data exports.
"""

from __future__ import annotations

from typing import Any

from thuvien.core.xmltext import xml_text

from .marc.extract import strip_punct
from .marc.mij import MarcDict

DC_ELEMENTS = (
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
)  # fmt: skip

_TYPE_BY_LEADER = {
    "a": "Text", "c": "Text", "d": "Text", "t": "Text", "e": "Image", "f": "Image",
    "g": "Image", "k": "Image", "i": "Sound", "j": "Sound", "m": "Software, multimedia",
    "o": "Collection", "p": "Collection", "r": "Physical Object",
}  # fmt: skip

# tag -> (DC element, subfield codes or None for all alphabetic subfields)
_MAP: dict[str, tuple[str, str | None]] = {
    "100": ("creator", "abcdq"), "110": ("creator", "abcdn"), "111": ("creator", "acdn"),
    "700": ("creator", "abcdq"), "710": ("creator", "abcdn"), "711": ("creator", "acdn"),
    "720": ("creator", "a"),
    "600": ("subject", None), "610": ("subject", None), "611": ("subject", None),
    "630": ("subject", None), "650": ("subject", None), "653": ("subject", None),
    "050": ("subject", "ab"), "060": ("subject", "ab"), "080": ("subject", "ab"),
    "082": ("subject", "a"),
    "651": ("coverage", None), "662": ("coverage", None), "751": ("coverage", None),
    "752": ("coverage", None),
    "506": ("rights", None), "540": ("rights", None),
    "530": ("relation", None),
    "546": ("language", "a"),
    "655": ("type", None),
    "856": ("identifier", "u"),
    "020": ("identifier", "a"), "022": ("identifier", "a"), "024": ("identifier", "a"),
    "534": ("source", "t"), "786": ("source", "ot"),
    "300": ("format", None), "340": ("format", None), "533": ("format", None),
}  # fmt: skip
_RELATION_TAGS = {str(t) for t in range(760, 788)} - {"786"}


def _join(value: dict[str, Any], codes: str | None) -> str:
    parts = [
        t
        for s in value.get("subfields", ())
        for c, t in s.items()
        if (codes is None and c.isalpha()) or (codes is not None and c in codes)
    ]
    return strip_punct(" ".join(p.strip() for p in parts if p.strip()))


def marc_to_dc(marc: MarcDict) -> dict[str, list[str]]:
    """``{element: [values...]}`` in record order; empty elements left out."""
    dc: dict[str, list[str]] = {e: [] for e in DC_ELEMENTS}

    def add(element: str, text: str) -> None:
        if text and text not in dc[element]:
            dc[element].append(text)

    leader = marc.get("leader") or ""
    f008 = ""
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if isinstance(value, str):
                if tag == "008":
                    f008 = value
                continue
            if tag == "245":
                add("title", _join(value, "abfgknps"))
            elif tag in ("260", "264"):
                if tag == "264" and value.get("ind2") not in ("1", " "):
                    if value.get("ind2") == "4":
                        add("date", _join(value, "c"))
                    continue
                add("publisher", _join(value, "ab"))
                add("date", _join(value, "cg"))
            elif tag[0] == "5" and tag not in ("506", "530", "540", "546", "533", "534"):
                add("description", _join(value, "a"))
            elif tag == "041":
                for s in value.get("subfields", ()):
                    if "a" in s:
                        add("language", s["a"])
            elif tag in _RELATION_TAGS:
                add("relation", _join(value, "ot"))
            elif tag in _MAP:
                element, codes = _MAP[tag]
                if element == "subject" and codes is None:
                    parts = [
                        strip_punct(t) for s in value.get("subfields", ()) for c, t in s.items()
                        if c.isalpha()
                    ]  # fmt: skip
                    add(element, " -- ".join(p for p in parts if p))
                else:
                    add(element, _join(value, codes))
    kind = _TYPE_BY_LEADER.get(leader[6:7])
    if kind:
        dc["type"].insert(0, kind)
    if len(f008) >= 38 and f008[35:38].strip().isalpha():
        dc["language"].insert(0, f008[35:38])
    dc["language"] = list(dict.fromkeys(dc["language"]))
    return {k: v for k, v in dc.items() if v}


def dc_to_xml(dc: dict[str, list[str]]) -> str:
    """The ``oai_dc:dc`` element of an OAI-PMH response."""
    out = [
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
        'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">'
    ]
    for element in DC_ELEMENTS:
        for value in dc.get(element, ()):
            out.append(f"<dc:{element}>{xml_text(value)}</dc:{element}>")
    out.append("</oai_dc:dc>")
    return "".join(out)
