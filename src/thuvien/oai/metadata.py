"""The metadata formats served: ``oai_dc``, ``marc21`` (MARCXML) and ``marc21_withholdings``
(MARCXML with one 852 per copy held in the network). Built with lxml element by element; every
text goes through ``xml_safe`` so a control character in a record can never break a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from thuvien.catalog.crosswalk import marc_to_dc

XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MARC_NS = "http://www.loc.gov/MARC21/slim"

FORMATS: dict[str, tuple[str, str]] = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
    "marc21": ("http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", MARC_NS),
    "marc21_withholdings": (
        "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd",
        MARC_NS,
    ),
}

# Characters XML 1.0 forbids (C0 controls but tab, newline, carriage return; surrogates;
# U+FFFE and U+FFFF). The catalog's own writers have no such helper yet.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: Any) -> str:
    """``text`` as a string XML 1.0 can carry: forbidden characters are dropped."""
    text = text if isinstance(text, str) else str(text)
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


_TAG = re.compile(r"^[0-9A-Za-z]{3}$")
_IND = re.compile(r"^[0-9a-z ]$")


def _indicator(value: Any) -> str:
    value = (value or " ")[:1] if isinstance(value, str) else " "
    return value if _IND.match(value) else " "


def clean_marc(marc: Any) -> dict[str, Any]:
    """A MARC-in-JSON dict that every writer can trust, whatever was stored: strings only,
    XML-safe, tags of three letters or digits, one-character subfield codes, valid indicators.
    Anything else is dropped."""
    if not isinstance(marc, dict):
        return {"leader": " " * 24, "fields": []}
    leader = marc.get("leader")
    leader = xml_safe(leader if isinstance(leader, str) else "").ljust(24)[:24]
    fields: list[dict[str, Any]] = []
    raw_fields = marc.get("fields")
    for fld in raw_fields if isinstance(raw_fields, list) else ():
        if not isinstance(fld, dict):
            continue
        for tag, value in fld.items():
            if not isinstance(tag, str) or not _TAG.match(tag):
                continue
            if isinstance(value, str):
                fields.append({tag: xml_safe(value)})
                continue
            if not isinstance(value, dict):
                continue
            subs = []
            raw_subs = value.get("subfields")
            for sub in raw_subs if isinstance(raw_subs, list) else ():
                if not isinstance(sub, dict):
                    continue
                for code, text in sub.items():
                    code = xml_safe(code)[:1] if isinstance(code, str) else ""
                    if code.strip() and text is not None:
                        subs.append({code: xml_safe(text)})
            fields.append(
                {
                    tag: {
                        "ind1": _indicator(value.get("ind1")),
                        "ind2": _indicator(value.get("ind2")),
                        "subfields": subs,
                    }
                }
            )
    return {"leader": leader, "fields": fields}


_DC_QNAMES: dict[str, str] = {}


def _dc(element: str) -> str:
    name = _DC_QNAMES.get(element)
    if name is None:
        name = _DC_QNAMES[element] = f"{{{DC_NS}}}{element}"
    return name


def oai_dc(parent: etree._Element, marc: dict[str, Any], holdings: Any = None) -> None:
    root = etree.SubElement(
        parent, f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI}
    )
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC_NS} {FORMATS['oai_dc'][0]}")
    for element, values in marc_to_dc(marc).items():
        for value in values:
            etree.SubElement(root, _dc(element)).text = value


_RECORD = f"{{{MARC_NS}}}record"
_LEADER = f"{{{MARC_NS}}}leader"
_CONTROL = f"{{{MARC_NS}}}controlfield"
_DATA = f"{{{MARC_NS}}}datafield"
_SUB = f"{{{MARC_NS}}}subfield"


_TAGS_OK: set[str] = set()
_IND_OK = frozenset("0123456789abcdefghijklmnopqrstuvwxyz ")


def _marc(
    parent: etree._Element, marc: dict[str, Any], extra: list[dict[str, Any]] | None = None
) -> None:
    """Fast path on the stored MARC; lxml refuses control characters and anything not a string
    with ValueError/TypeError, and a bad tag or indicator raises ValueError here: the caller
    then writes ``clean_marc(marc)`` instead."""
    record = etree.SubElement(parent, _RECORD, nsmap={"marc": MARC_NS, "xsi": XSI})
    record.set(f"{{{XSI}}}schemaLocation", f"{MARC_NS} {FORMATS['marc21'][0]}")
    record.set("type", "Bibliographic")
    leader = marc["leader"]
    if len(leader) != 24:
        raise ValueError("leader")
    etree.SubElement(record, _LEADER).text = leader
    fields = marc["fields"]
    if extra is not None:
        fields = [f for f in fields if "852" not in f] + extra
    sub_element = etree.SubElement
    for fld in fields:
        for tag, value in fld.items():
            if tag not in _TAGS_OK:
                if not _TAG.match(tag):
                    raise ValueError("tag")
                _TAGS_OK.add(tag)
            if value.__class__ is str:
                sub_element(record, _CONTROL, tag=tag).text = value
                continue
            ind1, ind2 = value["ind1"], value["ind2"]
            if ind1 not in _IND_OK or ind2 not in _IND_OK:
                raise ValueError("indicator")
            data = sub_element(record, _DATA, tag=tag, ind1=ind1, ind2=ind2)
            for sub in value["subfields"]:
                for code, text in sub.items():
                    if len(code) != 1:
                        raise ValueError("code")
                    sub_element(data, _SUB, code=code).text = text


def marc21(parent: etree._Element, marc: dict[str, Any], holdings: Any = None) -> None:
    _marc(parent, marc)


def marc21_withholdings(
    parent: etree._Element, marc: dict[str, Any], holdings: list[dict[str, Any]] | None = None
) -> None:
    """The record with its own 852s replaced by one 852 per copy the network holds now:
    $a library code, $b library, $c shelving location, $h call number, $p barcode."""
    extra = []
    for copy in holdings or ():
        subs = [{"a": copy["library__code"]}, {"b": copy["library__name_vi"]}]
        if copy.get("location__name_vi"):
            subs.append({"c": copy["location__name_vi"]})
        if copy.get("call_number"):
            subs.append({"h": copy["call_number"]})
        subs.append({"p": copy["barcode"]})
        subs = [{k: xml_safe(v)} for sub in subs for k, v in sub.items()]
        extra.append({"852": {"ind1": " ", "ind2": " ", "subfields": subs}})
    _marc(parent, marc, extra)


def write_metadata(
    parent: etree._Element, prefix: str, marc: Any, holdings: list[dict[str, Any]] | None
) -> None:
    """Append the record in ``prefix`` to ``parent``: straight from the stored MARC when it is
    clean (nearly always), else from ``clean_marc`` of it, so no stored text can make a page
    ill-formed or fail."""
    writer = WRITERS[prefix]
    scratch = etree.Element("scratch")
    try:
        if not isinstance(marc, dict):
            raise TypeError("marc")
        writer(scratch, marc, holdings)  # lxml refuses U+FFFE, U+FFFF, surrogates, C0
    except (ValueError, TypeError, KeyError, AttributeError):
        scratch = etree.Element("scratch")
        writer(scratch, clean_marc(marc), holdings)
    parent.append(scratch[0])


WRITERS: dict[str, Callable[..., None]] = {
    "oai_dc": oai_dc,
    "marc21": marc21,
    "marc21_withholdings": marc21_withholdings,
}
