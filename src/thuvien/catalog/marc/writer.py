"""Writing MARC-in-JSON dicts as UTF-8 ISO 2709, MARCXML and MARC-in-JSON, record by record.

The writers build the bytes straight from the dicts (no pymarc objects), keeping fields,
indicators and subfields in stored order; only the leader's record length, base address and
character coding (09 = "a") are recomputed, as ISO 2709 requires.
"""

from __future__ import annotations

import json
from typing import IO, Any

from thuvien.core.xmltext import xml_attr, xml_text

from .mij import MarcDict
from .slim import RecordUnwritable, slim_record

FT, SF, RT = b"\x1e", b"\x1f", b"\x1d"
MARCXML_NS = "http://www.loc.gov/MARC21/slim"


class RecordTooLong(ValueError):
    """The record exceeds the 99,999 bytes ISO 2709 allows."""


__all__ = ["MARCXML_NS", "MarcWriter", "RecordTooLong", "RecordUnwritable", "to_iso2709",
           "to_marcxml"]  # fmt: skip


def to_iso2709(marc: MarcDict) -> bytes:
    """The record as ISO 2709: as stored, or, when parts of it are not MARC (a field that is a
    list, a subfield text that is a number), what ``slim.slim_record`` keeps of it.
    ``RecordUnwritable`` when the stored value is not a record at all."""
    try:
        return _iso2709(marc)
    except (AttributeError, TypeError):
        return _iso2709(slim_record(marc)[0])  # raises RecordUnwritable for a list, a number


def _iso2709(marc: MarcDict) -> bytes:
    directory = bytearray()
    body = bytearray()
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if isinstance(value, str):
                data = value.encode("utf-8") + FT
            else:
                parts = [(value.get("ind1") or " ") + (value.get("ind2") or " ")]
                for sub in value.get("subfields", ()):
                    for code, text in sub.items():
                        parts.append("\x1f" + code + text)
                data = "".join(parts).encode("utf-8") + FT
            directory += f"{tag[:3]:>3}{len(data):04d}{len(body):05d}".encode("ascii")
            body += data
    base = 24 + len(directory) + 1
    length = base + len(body) + 1
    if length > 99999 or len(body) > 99999:
        raise RecordTooLong(f"record of {length} bytes")
    leader = (marc.get("leader") or "").ljust(24)[:24]
    leader = f"{length:05d}{leader[5:9]}a{leader[10:12]}{base:05d}{leader[17:]}"
    return leader.encode("ascii", "replace") + bytes(directory) + FT + bytes(body) + RT


def to_marcxml(marc: MarcDict, *, namespace: bool = False) -> str:
    """One ``record`` element that MARC21slim.xsd accepts (``slim.slim_record``: control fields
    first, what the schema refuses repaired or left out); every text and attribute goes through
    ``core.xmltext``, so no stored value (an ESC left by an old import, a NUL) can make the
    document ill-formed. ``RecordUnwritable`` when the stored value is not a record."""
    return marcxml_of(slim_record(marc)[0], namespace=namespace)


def marcxml_of(slim: MarcDict, *, namespace: bool = False) -> str:
    """The ``record`` element of a record ``slim_record`` has already made schema-valid."""
    ns = f' xmlns="{MARCXML_NS}"' if namespace else ""
    out = [f"<record{ns}><leader>{xml_text(slim['leader'])}</leader>"]
    for field in slim["fields"]:
        for tag, value in field.items():
            if isinstance(value, str):
                out.append(f"<controlfield tag={xml_attr(tag)}>{xml_text(value)}</controlfield>")
                continue
            out.append(
                f"<datafield tag={xml_attr(tag)} ind1={xml_attr(value['ind1'])}"
                f" ind2={xml_attr(value['ind2'])}>"
            )
            for sub in value["subfields"]:
                for code, text in sub.items():
                    out.append(f"<subfield code={xml_attr(code)}>{xml_text(text)}</subfield>")
            out.append("</datafield>")
    out.append("</record>")
    return "".join(out)


class MarcWriter:
    """Write records one by one to a binary stream in ``fmt``; ``close()`` ends the document."""

    def __init__(self, out: IO[bytes], fmt: str) -> None:
        if fmt not in ("iso2709", "marcxml", "json"):
            raise ValueError(fmt)
        self.out, self.fmt, self.count = out, fmt, 0
        if fmt == "marcxml":
            head = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{MARCXML_NS}">\n'
            out.write(head.encode())
        elif fmt == "json":
            out.write(b"[\n")

    def write(self, marc: dict[str, Any]) -> None:
        if self.fmt == "iso2709":
            self.out.write(to_iso2709(marc))
        elif self.fmt == "marcxml":
            self.out.write((to_marcxml(marc) + "\n").encode("utf-8"))
        else:
            if not isinstance(marc, dict):
                raise RecordUnwritable("not a MARC record")
            prefix = b",\n" if self.count else b""
            self.out.write(prefix + json.dumps(marc, ensure_ascii=False).encode("utf-8"))
        self.count += 1

    def write_json_text(self, text: str) -> None:
        """A record already serialised as MARC-in-JSON (as stored), written as it is; a stored
        value that is not an object (a list, a string, a number) is ``RecordUnwritable``."""
        if not text.lstrip().startswith("{"):
            raise RecordUnwritable("not a MARC record")
        prefix = ",\n" if self.count else ""
        self.out.write((prefix + text).encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        if self.fmt == "marcxml":
            self.out.write(b"</collection>\n")
        elif self.fmt == "json":
            self.out.write(b"\n]\n")
