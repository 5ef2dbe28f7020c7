"""What a harvested record becomes: MARC-in-JSON from MARCXML (pymarc) or from oai_dc.

oai_dc is mapped back along the catalogue's own MARC → DC crosswalk
(``catalog.crosswalk.marc_to_dc``, after the Library of Congress crosswalk), so that a record
harvested as DC and served again as DC says what the partner said: title → 245, creator → 100
and 700, subject → 653, description → 520, publisher and date → 260, type → 655, format →
300, identifier → 020 (an ISBN), 856 (a URL) or 024, language → 546 (and 008 when it is a
MARC code), source → 786, relation → 787, coverage → 651, rights → 540.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pymarc
from lxml import etree

from thuvien.catalog.marc.isbn import normalize_isbn
from thuvien.catalog.marc.languages import is_marc_language
from thuvien.catalog.marc.mij import MarcDict, build, from_pymarc

DC_NS = "http://purl.org/dc/elements/1.1/"
MARC_NS = "http://www.loc.gov/MARC21/slim"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_URL = re.compile(r"^https?://", re.I)
_TYPE_TO_LEADER = {
    "text": "a", "image": "k", "stillimage": "k", "sound": "i", "software": "m",
    "collection": "p", "physical object": "r", "physicalobject": "r", "movingimage": "g",
    "dataset": "m", "interactiveresource": "m",
}  # fmt: skip


class MappingError(ValueError):
    """The metadata cannot become a MARC record (the reason is for the run's report)."""


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split()))


def dc_values(metadata: Any) -> dict[str, list[str]]:
    """The DC elements of an ``oai_dc:dc`` element, each a list of non-empty texts."""
    out: dict[str, list[str]] = {}
    for child in metadata.iter(f"{{{DC_NS}}}*"):
        name = etree.QName(child).localname
        text = _text(child.text or "")
        if text:
            out.setdefault(name, []).append(text)
    return out


def dc_to_marc(dc: dict[str, list[str]]) -> MarcDict:
    titles = dc.get("title") or []
    if not titles:
        raise MappingError("oai_dc without dc:title")
    kind = "a"
    for value in dc.get("type", []):
        kind = _TYPE_TO_LEADER.get(value.lower().replace("_", " "), kind)
        if kind != "a":
            break
    leader = f"00000n{kind}m a2200000 a 4500"
    dates = dc.get("date") or []
    year = next((m.group(1) for d in dates for m in [_YEAR.search(d)] if m), "")
    languages = dc.get("language") or []
    lang = next((v.lower() for v in languages if is_marc_language(v.lower())), "")
    f008 = "000000s" + (year or "    ") + "    " + "xx " + " " * 17 + (lang or "   ") + " d"
    fields: list[tuple] = [("008", f008[:40].ljust(40))]
    for value in dc.get("identifier", []):
        isbn = normalize_isbn(value) if not _URL.match(value) else None
        if isbn:
            fields.append(("020", " ", " ", [("a", isbn)]))
    creators = dc.get("creator") or []
    if creators:
        fields.append(("100", "1", " ", [("a", creators[0])]))
    fields.append(("245", "1" if creators else "0", "0", [("a", titles[0])]))
    fields += [("246", "3", " ", [("a", t)]) for t in titles[1:]]
    publisher = dc.get("publisher") or []
    if publisher or dates:
        subs = [("b", publisher[0])] if publisher else []
        subs += [("c", dates[0])] if dates else []
        fields.append(("260", " ", " ", subs))
    fields += [("300", " ", " ", [("a", v)]) for v in dc.get("format", [])]
    fields += [("520", " ", " ", [("a", v)]) for v in dc.get("description", [])]
    fields += [("540", " ", " ", [("a", v)]) for v in dc.get("rights", [])]
    fields += [("546", " ", " ", [("a", v)]) for v in languages]
    fields += [("651", " ", "4", [("a", v)]) for v in dc.get("coverage", [])]
    fields += [("653", " ", " ", [("a", v)]) for v in dc.get("subject", [])]
    fields += [("655", " ", "4", [("a", v)]) for v in dc.get("type", [])]
    fields += [("700", "1", " ", [("a", v)]) for v in creators[1:]]
    fields += [("700", "1", " ", [("a", v), ("e", "contributor")]) for v in dc.get(
        "contributor", []
    )]  # fmt: skip
    fields += [("786", "0", " ", [("t", v)]) for v in dc.get("source", [])]
    fields += [("787", "0", " ", [("t", v)]) for v in dc.get("relation", [])]
    for value in dc.get("identifier", []):
        if _URL.match(value):
            fields.append(("856", "4", "0", [("u", value)]))
        elif not normalize_isbn(value):
            fields.append(("024", "8", " ", [("a", value)]))
    fields.sort(key=lambda f: f[0])
    return build(leader, fields)


def marcxml_to_marc(metadata: Any) -> MarcDict:
    """The one MARC record in a ``metadata`` element (``marc:record``, namespaced or not)."""
    record = metadata.find(f".//{{{MARC_NS}}}record")
    if record is None:
        record = metadata.find(".//record")
    if record is None:
        raise MappingError("no MARCXML record in the metadata")
    data = etree.tostring(record)
    if record.tag == "record":  # MARCXML without its namespace: give it the namespace
        data = data.replace(b"<record", f'<record xmlns="{MARC_NS}"'.encode(), 1)
    records = [r for r in pymarc.parse_xml_to_array(io.BytesIO(data)) if r is not None]
    if not records:
        raise MappingError("the MARCXML record could not be read")
    return from_pymarc(records[0])


def add_provenance(marc: MarcDict, *, identifier: str, partner_name: str, partner: bool) -> None:
    """Mark where the record came from: 035 with the OAI identifier, and for a partner
    collection 850 (holding institution) naming the partner, so the portal can say that no
    library of this network holds it."""
    fields = marc["fields"]
    fields.append({"035": {"ind1": " ", "ind2": " ", "subfields": [{"a": f"(OAI){identifier}"}]}})
    if partner:
        fields.append({"850": {"ind1": " ", "ind2": " ", "subfields": [{"a": partner_name}]}})
    fields.sort(key=lambda f: next(iter(f)))
