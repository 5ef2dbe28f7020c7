"""A record's XML for harvesters (OAI-PMH): ``oai_dc``, ``marc21`` (MARCXML) and
``marc21_withholdings`` (MARCXML with one 852 per copy held in the network). Built with lxml
element by element; every text goes through ``xml_safe`` so a control character in a record can
never break a page. ``fragment`` gives the serialised ``oai_dc`` or ``marc21`` of a record, which
``catalog.HarvestXml`` keeps per record (``services.harvest_xml``) so that a harvest page copies
text instead of building it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from thuvien.catalog.crosswalk import marc_to_dc
from thuvien.core.xmltext import strip_controls

from .marc import slim

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
    # qualified Dublin Core: digital objects only (``oai.digital``)
    "qdc": (
        "http://www.ukoln.ac.uk/metadata/dcmi/xmlschema/qualifieddc.xsd",
        "http://dspace.org/qualifieddc/",
    ),
}
RECORD_FORMATS = ("oai_dc", "marc21", "marc21_withholdings")


def xml_safe(text: Any) -> str:
    """``text`` as a string XML 1.0 can carry: forbidden characters are dropped (the one rule
    every writer follows, ``core.xmltext``)."""
    return strip_controls(text if isinstance(text, str) else str(text))


# The MARC21 slim schema's patterns, whole values only (``fullmatch``: a "$" would let a final
# line feed through)
_CONTROL_TAG = slim.CONTROL_TAG
_DATA_TAG = slim.DATA_TAG
_LEADER_OK = slim.LEADER
# subfield codes: MARC21slim.xsd 1.2 (2009) added upper-case letters, so a local $A is kept
_CODES_OK = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?{}_^`~[]\\"
)
_IND = slim.INDICATOR


def _leader(value: str) -> str:
    """A leader the schema accepts, keeping every position that is valid as it stands."""
    value = value.ljust(24)[:24]
    if _LEADER_OK.fullmatch(value):
        return value

    def keep(start: int, end: int, pattern: str, default: str) -> str:
        part = value[start:end]
        return part if re.fullmatch(pattern, part) else default

    return (
        keep(0, 5, r"[\d ]{5}", "00000") + keep(5, 6, r"[\dA-Za-z ]", "n")
        + keep(6, 7, r"[\dA-Za-z]", "a") + keep(7, 10, r"[\dA-Za-z ]{3}", "m  ")
        + "22" + keep(12, 17, r"[\d ]{5}", "00000") + keep(17, 20, r"[\dA-Za-z ]{3}", "   ")
        + "4500"
    )  # fmt: skip


def _indicator(value: Any) -> str:
    value = (value or " ")[:1] if isinstance(value, str) else " "
    return value if _IND.fullmatch(value) else " "


def clean_marc(marc: Any) -> dict[str, Any]:
    """A MARC-in-JSON dict that every writer can trust, whatever was stored: strings only,
    XML-safe, tags of three letters or digits, one-character subfield codes, valid indicators.
    Anything else is dropped."""
    if not isinstance(marc, dict):  # a list, a string, a number: nothing to keep but a leader
        return {"leader": _leader(""), "fields": []}
    leader = marc.get("leader")
    leader = _leader(xml_safe(leader if isinstance(leader, str) else ""))
    fields: list[dict[str, Any]] = []
    raw_fields = marc.get("fields")
    for fld in raw_fields if isinstance(raw_fields, list) else ():
        if not isinstance(fld, dict):
            continue
        for tag, value in fld.items():
            if not isinstance(tag, str):
                continue
            if isinstance(value, str):
                if _CONTROL_TAG.fullmatch(tag):
                    fields.append({tag: xml_safe(value)})
                continue
            if not isinstance(value, dict) or not _DATA_TAG.fullmatch(tag):
                continue
            subs = []
            raw_subs = value.get("subfields")
            for sub in raw_subs if isinstance(raw_subs, list) else ():
                if not isinstance(sub, dict):
                    continue
                for code, text in sub.items():
                    if code in _CODES_OK and text is not None:
                        subs.append({code: xml_safe(text)})
            if not subs:
                continue
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


_CONTROL_OK: set[str] = set()
_DATA_OK: set[str] = set()
_IND_OK = frozenset("0123456789abcdefghijklmnopqrstuvwxyz ")


def _marc(
    parent: etree._Element, marc: dict[str, Any], extra: list[dict[str, Any]] | None = None
) -> None:
    """Fast path on the stored MARC. lxml refuses control characters and anything not a string
    with ValueError/TypeError, and whatever the MARC21 slim schema would refuse (a bad leader,
    tag, indicator or subfield code, a data field without subfields) raises ValueError here:
    the caller then writes ``clean_marc(marc)`` instead. Control fields go before data fields,
    as the schema wants."""
    record = etree.SubElement(parent, _RECORD, nsmap={"marc": MARC_NS, "xsi": XSI})
    record.set(f"{{{XSI}}}schemaLocation", f"{MARC_NS} {FORMATS['marc21'][0]}")
    record.set("type", "Bibliographic")
    leader = marc["leader"]
    if not _LEADER_OK.fullmatch(leader):
        raise ValueError("leader")
    etree.SubElement(record, _LEADER).text = leader
    fields = marc["fields"]
    if extra is not None:
        fields = [f for f in fields if "852" not in f] + extra
    sub_element = etree.SubElement
    data_fields = []
    for fld in fields:
        for tag, value in fld.items():
            if value.__class__ is str:
                if tag not in _CONTROL_OK:
                    if not _CONTROL_TAG.fullmatch(tag):
                        raise ValueError("tag")
                    _CONTROL_OK.add(tag)
                sub_element(record, _CONTROL, tag=tag).text = value
            else:
                data_fields.append((tag, value))
    for tag, value in data_fields:
        if tag not in _DATA_OK:
            if not _DATA_TAG.fullmatch(tag):
                raise ValueError("tag")
            _DATA_OK.add(tag)
        ind1, ind2 = value["ind1"], value["ind2"]
        if ind1 not in _IND_OK or ind2 not in _IND_OK or not value["subfields"]:
            raise ValueError("indicator")
        data = sub_element(record, _DATA, tag=tag, ind1=ind1, ind2=ind2)
        for sub in value["subfields"]:
            for code, text in sub.items():
                if code not in _CODES_OK:
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
# the formats kept serialised per record (``HarvestXml``): those that need nothing but the MARC
CACHED_FORMATS = ("marc21", "oai_dc")


def fragment(prefix: str, marc: Any) -> str:
    """The record in ``prefix`` (one of ``CACHED_FORMATS``) as XML text, its namespaces declared
    on its root, ready to be copied into a response."""
    scratch = etree.Element("scratch")
    write_metadata(scratch, prefix, marc, None)
    return etree.tostring(scratch[0], encoding="unicode")
