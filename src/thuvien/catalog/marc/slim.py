"""What the Library of Congress's MARC21slim.xsd (1.2) accepts, and a stored record made to fit.

Every MARCXML file the project writes (the staff and command-line export, the open-data dumps)
goes through ``slim_record``, so a record stored before the clean-ups, or imported from another
library's odd file, can never make the file invalid. What carries no information is repaired
silently: control fields are put before the data fields, the leader's structural positions
(lengths, 10-11 "22", 20-23 "4500") are set as MARC 21 fixes them. A leader position or an
indicator the schema refuses (a fill character ``|``, ``#`` for a blank, an upper-case letter)
becomes a blank; a field whose tag the schema refuses, a subfield whose code it refuses and a
data field left without subfields are left out. ``slim_record`` says what it changed; a value
that is not a record at all cannot be written (``RecordUnwritable``), and the export skips and
reports it.
"""

from __future__ import annotations

import re
from typing import Any

from thuvien.core.xmltext import strip_controls

# the schema's patterns (controltagDataType, tagDataType, indicatorDataType, subfieldcodeDataType)
CONTROL_TAG = re.compile(r"00[1-9A-Za-z]")
DATA_TAG = re.compile(
    r"0[1-9A-Z][0-9A-Z]|0[1-9a-z][0-9a-z]|[1-9A-Z][0-9A-Z]{2}|[1-9a-z][0-9a-z]{2}"
)
INDICATOR = re.compile(r"[0-9a-z ]")
CODE = re.compile(r"[0-9A-Za-z!\"#$%&'()*+,\-./:;<=>?{}_^`~\[\]\\]")
LEADER = re.compile(
    r"[0-9 ]{5}[0-9A-Za-z ][0-9A-Za-z][0-9A-Za-z ]{3}[2 ][2 ][0-9 ]{5}[0-9A-Za-z ]{3}(?:4500| {4})"
)
_CONTENT = re.compile(r"[0-9A-Za-z ]")


class RecordUnwritable(ValueError):
    """The stored value is not a MARC record (a list, a string, fields that are not fields)."""


def slim_leader(value: Any) -> tuple[str, bool]:
    """A leader the schema accepts and whether a coded position (05-09, 17-19) was changed."""
    text = strip_controls(value if isinstance(value, str) else "")
    text = (text + " " * 24)[:24]
    if LEADER.fullmatch(text):
        return text, False
    chars = list(text)
    changed = False
    for start, end in ((0, 5), (12, 17)):  # record length, base address: recomputed anyway
        if not re.fullmatch(r"[0-9 ]{5}", text[start:end]):
            chars[start:end] = "00000"
    chars[10:12] = "22"
    if text[20:24] not in ("4500", "    "):
        chars[20:24] = "4500"
    for position in (5, 7, 8, 9, 17, 18, 19):
        if not _CONTENT.fullmatch(chars[position]):
            chars[position] = " "
            changed = True
    if not _CONTENT.fullmatch(chars[6]) or chars[6] == " ":  # type of record: never blank
        chars[6] = "a"
        changed = True
    return "".join(chars), changed


def slim_record(marc: Any) -> tuple[dict[str, Any], list[str]]:
    """``marc`` as MARC21slim.xsd accepts it (XML-safe strings, control fields first), and
    what was changed beyond the silent repairs ("LDR", "650 ind2", "1$x", "245 $ä" ...).
    Raises ``RecordUnwritable`` when ``marc`` is not a record."""
    if not isinstance(marc, dict) or not isinstance(marc.get("fields", []), list):
        raise RecordUnwritable("not a MARC record")
    changes: list[str] = []
    leader, changed = slim_leader(marc.get("leader"))
    if changed:
        changes.append("LDR")
    controls: list[dict[str, Any]] = []
    data: list[dict[str, Any]] = []
    for field in marc.get("fields") or ():
        if not isinstance(field, dict):
            changes.append("?")
            continue
        for tag, value in field.items():
            tag = tag if isinstance(tag, str) else str(tag)
            if isinstance(value, str):
                if CONTROL_TAG.fullmatch(tag):
                    controls.append({tag: strip_controls(value)})
                else:
                    changes.append(strip_controls(tag))
                continue
            if not isinstance(value, dict) or not DATA_TAG.fullmatch(tag):
                changes.append(strip_controls(tag))
                continue
            indicators = {}
            for key in ("ind1", "ind2"):
                ind = value.get(key)
                ind = " " if ind is None or ind == "" else ind
                if isinstance(ind, str) and INDICATOR.fullmatch(ind):
                    indicators[key] = ind
                else:
                    indicators[key] = " "
                    changes.append(f"{tag} {key}")
            subfields = []
            raw = value.get("subfields")
            for sub in raw if isinstance(raw, list) else ():
                if not isinstance(sub, dict):
                    changes.append(f"{tag} $?")
                    continue
                for code, text in sub.items():
                    if isinstance(code, str) and CODE.fullmatch(code) and text is not None:
                        subfields.append({code: strip_controls(str(text))})
                    else:
                        changes.append(f"{tag} ${strip_controls(str(code))}")
            if not subfields:
                changes.append(tag)
                continue
            data.append({tag: {**indicators, "subfields": subfields}})
    return {"leader": leader, "fields": controls + data}, changes
