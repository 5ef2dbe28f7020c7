"""Small helpers over MARC-in-JSON dicts, and conversion to and from pymarc records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pymarc

MarcDict = dict[str, Any]


def iter_fields(marc: MarcDict, *tags: str) -> Iterator[tuple[str, Any]]:
    """(tag, value) of each field whose tag is in ``tags`` (all fields when none given)."""
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if not tags or tag in tags:
                yield tag, value


def control_value(marc: MarcDict, tag: str) -> str:
    for _tag, value in iter_fields(marc, tag):
        if isinstance(value, str):
            return value
    return ""


def subfield_values(value: Any, codes: str | None = None) -> list[str]:
    """Values of the subfields of a data field (``codes`` limits them, in record order)."""
    if not isinstance(value, dict):
        return []
    out = []
    for sub in value.get("subfields", ()):
        for code, text in sub.items():
            if codes is None or code in codes:
                out.append(text if isinstance(text, str) else str(text))
    return out


def first_subfield(value: Any, code: str) -> str:
    for sub in value.get("subfields", ()) if isinstance(value, dict) else ():
        if code in sub:
            return sub[code]
    return ""


def to_pymarc(marc: MarcDict) -> pymarc.Record:
    """A pymarc Record with the same leader, fields, indicators and subfields, in order."""
    record = pymarc.Record(force_utf8=True)
    record.leader = pymarc.Leader(marc.get("leader") or " " * 24)
    fields = []
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if isinstance(value, str):
                fields.append(pymarc.Field(tag=tag, data=value))
            else:
                subfields = [
                    pymarc.Subfield(code=code, value=text)
                    for sub in value.get("subfields", ())
                    for code, text in sub.items()
                ]
                fields.append(
                    pymarc.Field(
                        tag=tag,
                        indicators=pymarc.Indicators(
                            value.get("ind1", " ") or " ", value.get("ind2", " ") or " "
                        ),
                        subfields=subfields,
                    )
                )
    record.fields = fields
    return record


def from_pymarc(record: pymarc.Record) -> MarcDict:
    """MARC-in-JSON of a pymarc record (text NFC-normalised by the caller's reader)."""
    fields: list[dict[str, Any]] = []
    for field in record.fields:
        if field.is_control_field():
            fields.append({field.tag: field.data or ""})
        else:
            fields.append(
                {
                    field.tag: {
                        "ind1": field.indicator1 or " ",
                        "ind2": field.indicator2 or " ",
                        "subfields": [{sf.code: sf.value} for sf in field.subfields],
                    }
                }
            )
    return {"leader": str(record.leader), "fields": fields}


def build(leader: str, fields: list[tuple]) -> MarcDict:
    """Build MARC-in-JSON from ``(tag, data)`` control and ``(tag, i1, i2, [(code, value)])``."""
    out: list[dict[str, Any]] = []
    for spec in fields:
        if len(spec) == 2:
            out.append({spec[0]: spec[1]})
        else:
            tag, ind1, ind2, subs = spec
            out.append({tag: {"ind1": ind1, "ind2": ind2, "subfields": [{c: v} for c, v in subs]}})
    return {"leader": leader, "fields": out}
