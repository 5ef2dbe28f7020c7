"""The record schemas SRU serves: MARCXML (MARC21 slim) and SRW Dublin Core.

Written element by element with lxml from the stored MARC-in-JSON. Every text goes through
``core.xmltext.strip_controls`` and whatever the MARC21 slim schema would refuse (a bad tag,
indicator or subfield code, a field without subfields) is left out, so no stored record can
make a response ill-formed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lxml import etree

from thuvien.catalog.crosswalk import marc_to_dc
from thuvien.catalog.marc import slim
from thuvien.core.xmltext import strip_controls

MARC_NS = "http://www.loc.gov/MARC21/slim"
SRW_DC_NS = "info:srw/schema/1/dc-schema"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Schema:
    name: str  # the short name the explain record gives
    identifier: str  # the schema's URI
    location: str
    title: str


MARCXML = Schema(
    "marcxml",
    "info:srw/schema/1/marcxml-v1.1",
    "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd",
    "MARC21 slim (MARCXML)",
)
DC = Schema(
    "dc",
    "info:srw/schema/1/dc-v1.1",
    "http://www.loc.gov/standards/sru/recordSchemas/dc-schema.xsd",
    "Dublin Core (SRW DC)",
)
SCHEMAS = (MARCXML, DC)
# every name a client may send for each (lower case)
_NAMES = {
    "marcxml": MARCXML, "marc21": MARCXML, "marc21xml": MARCXML, "marc": MARCXML,
    "info:srw/schema/1/marcxml-v1.1": MARCXML, "info:srw/schema/1/marcxml-v1.1-light": MARCXML,
    MARC_NS.lower(): MARCXML,
    "dc": DC, "srw_dc": DC, "oai_dc": DC, "info:srw/schema/1/dc-v1.1": DC,
    "info:srw/schema/1/dc-schema": DC, DC_NS: DC,
}  # fmt: skip


def schema_for(name: str | None) -> Schema | None:
    """The schema a ``recordSchema`` value names (MARCXML when none); None when unknown."""
    if not name:
        return MARCXML
    return _NAMES.get(name.strip().lower())


# the patterns of MARC21slim.xsd 1.2: a data field's tag is all upper or all lower case (one
# of mixed case is left out), a subfield code may be an upper-case letter (local data)
# whole values only (``fullmatch``: a "$" would let a final line feed through)
_CONTROL_TAG = slim.CONTROL_TAG
_DATA_TAG = slim.DATA_TAG
_INDICATOR = slim.INDICATOR
_CODE = slim.CODE
_LEADER = slim.LEADER


def _text(value: Any) -> str:
    return strip_controls(value if isinstance(value, str) else str(value))


_HORN = re.compile("([OoUu])\u031b")


def marc8_ready(text: str) -> str:
    """``text`` decomposed the way MARC-8 writes Vietnamese: the horned letters (ơ, ư) are
    letters of their own in MARC-8 and keep their horn; every other mark is combining. Perl's
    MARC::Charset (which the Z39.50 server uses for MARC-8) decomposes only some of them
    right, and gives up on "ữ" written as one character."""
    decomposed = unicodedata.normalize("NFD", text)
    return _HORN.sub(lambda m: unicodedata.normalize("NFC", m.group(0)), decomposed)


def _leader(value: Any) -> str:
    text = _text(value or "").ljust(24)[:24]
    text = text[:9] + "a" + text[10:]  # MARCXML is Unicode whatever the record came in
    if _LEADER.fullmatch(text):
        return text
    return "00000nam a2200000   4500"


def _indicator(value: Any) -> str:
    return value if isinstance(value, str) and _INDICATOR.fullmatch(value) else " "


def marcxml(parent: etree._Element, marc: Any, *, decompose: bool = False) -> None:
    """``decompose``: texts as ``marc8_ready`` makes them (the Z39.50 server's MARC-8)."""
    text_of = (lambda v: marc8_ready(_text(v))) if decompose else _text
    record = etree.SubElement(parent, f"{{{MARC_NS}}}record", nsmap={None: MARC_NS})
    record.set("type", "Bibliographic")
    marc = marc if isinstance(marc, dict) else {}
    etree.SubElement(record, f"{{{MARC_NS}}}leader").text = _leader(marc.get("leader"))
    fields = marc.get("fields") if isinstance(marc.get("fields"), list) else []
    data: list[tuple[str, dict[str, Any]]] = []
    for fld in fields:
        if not isinstance(fld, dict):
            continue
        for tag, value in fld.items():
            if not isinstance(tag, str):
                continue
            if isinstance(value, str):
                if _CONTROL_TAG.fullmatch(tag):
                    node = etree.SubElement(record, f"{{{MARC_NS}}}controlfield", tag=tag)
                    node.text = text_of(value)
            elif isinstance(value, dict) and _DATA_TAG.fullmatch(tag):
                data.append((tag, value))
    for tag, value in data:  # the schema wants control fields first
        subs = value.get("subfields") if isinstance(value.get("subfields"), list) else []
        pairs = [
            (code, text)
            for sub in subs
            if isinstance(sub, dict)
            for code, text in sub.items()
            if isinstance(code, str) and _CODE.fullmatch(code) and text is not None
        ]
        if not pairs:
            continue
        node = etree.SubElement(
            record,
            f"{{{MARC_NS}}}datafield",
            tag=tag,
            ind1=_indicator(value.get("ind1")),
            ind2=_indicator(value.get("ind2")),
        )
        for code, text in pairs:
            etree.SubElement(node, f"{{{MARC_NS}}}subfield", code=code).text = text_of(text)


def dublin_core(parent: etree._Element, marc: Any) -> None:
    root = etree.SubElement(parent, f"{{{SRW_DC_NS}}}dc", nsmap={"srw_dc": SRW_DC_NS, "dc": DC_NS})
    try:
        elements = marc_to_dc(marc if isinstance(marc, dict) else {})
    except (AttributeError, TypeError, KeyError, ValueError):  # a record too broken to read
        elements = {}
    for element, values in elements.items():
        for value in values:
            etree.SubElement(root, f"{{{DC_NS}}}{element}").text = _text(value)


def write(parent: etree._Element, schema: Schema, marc: Any, *, decompose: bool = False) -> None:
    if schema is MARCXML:
        marcxml(parent, marc, decompose=decompose)
    else:
        dublin_core(parent, marc)
