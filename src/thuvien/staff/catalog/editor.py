"""The full MARC editor's form: POST data <-> ``EditorRecord``, and the row actions.

Every row action (add, move up/down, delete a field or subfield) is a plain submit button, so
the editor works without JavaScript: the server applies the action and shows the form again
without saving. ``catalog-editor.js`` does the same moves in the page when scripts run and
renumbers the inputs before submitting, so the server reads both the same way.

Input names: ``leader``; ``f-<i>-tag``, ``f-<i>-ind1``, ``f-<i>-ind2``, ``f-<i>-value`` (control
fields) and ``f-<i>-s-<j>-code`` / ``f-<i>-s-<j>-value``; rows are read in numeric order.
"""

from __future__ import annotations

import re
from typing import Any

import pymarc

from thuvien.catalog.marc.validation import (
    EditorField,
    EditorRecord,
    editor_from_pymarc,
)
from thuvien.core.text import nfc

_FIELD_KEY = re.compile(r"^f-(\d+)-(tag|ind1|ind2|value)$")
_SUB_KEY = re.compile(r"^f-(\d+)-s-(\d+)-(code|value)$")
BLANK_INPUTS = {"", "#", "_", "\\"}


def _indicator(raw: str | None) -> str:
    if raw is None or raw in BLANK_INPUTS or raw == " ":
        return " "
    # More than one character is kept as typed so that validation names the mistake.
    return raw if len(raw) == 1 else (raw.strip() or " ")


def parse_editor_post(data: Any) -> EditorRecord:
    """Read the editor's inputs; empty rows (no tag and no text) are dropped."""
    rows: dict[int, dict[str, Any]] = {}
    for key in data:
        if m := _FIELD_KEY.match(key):
            rows.setdefault(int(m[1]), {"subs": {}})[m[2]] = data.get(key)
        elif m := _SUB_KEY.match(key):
            row = rows.setdefault(int(m[1]), {"subs": {}})
            row["subs"].setdefault(int(m[2]), {})[m[3]] = data.get(key)
    fields: list[EditorField] = []
    for i in sorted(rows):
        row = rows[i]
        tag = (row.get("tag") or "").strip()
        subs = []
        for j in sorted(row["subs"]):
            code = (row["subs"][j].get("code") or "").strip()
            if len(code) > 1 and code.startswith("$"):  # "$a" typed for "a"; a lone "$" stays
                code = code[1:]
            value = nfc(row["subs"][j].get("value") or "")
            if code or value:
                subs.append((code, value))
        value = row.get("value")
        if not tag and not subs and not (value or "").strip():
            continue
        f = EditorField(tag=tag, ind1=_indicator(row.get("ind1")), ind2=_indicator(row.get("ind2")))
        if f.is_control:
            # Control fields keep their spaces: positions in 008 matter.
            f.value = (value if value is not None else "").replace("#", " ")
            if tag == "001":
                f.value = f.value.strip()
        else:
            f.subfields = subs
        fields.append(f)
    leader = (data.get("leader") or "").replace("#", " ")
    return EditorRecord(leader=leader, fields=fields)


def apply_action(record: EditorRecord, action: str) -> EditorRecord:
    """Apply one row action (``up:3``, ``delete_sub:4:1`` ...) to the 0-based rows."""
    name, _, args = action.partition(":")
    try:
        nums = [int(x) for x in args.split(":") if x != ""]
    except ValueError:
        return record
    fields = record.fields
    i = nums[0] if nums else -1
    if name == "add_field":
        fields.insert(
            i + 1 if 0 <= i < len(fields) else len(fields), EditorField("", subfields=[("a", "")])
        )
    elif not 0 <= i < len(fields):
        return record
    elif name == "delete_field":
        del fields[i]
    elif name == "up" and i > 0:
        fields[i - 1], fields[i] = fields[i], fields[i - 1]
    elif name == "down" and i < len(fields) - 1:
        fields[i + 1], fields[i] = fields[i], fields[i + 1]
    elif name == "add_sub":
        fields[i].subfields.append(("", ""))
    elif name == "delete_sub" and len(nums) > 1 and 0 <= nums[1] < len(fields[i].subfields):
        del fields[i].subfields[nums[1]]
    return record


def record_to_pymarc(marc_json: dict) -> pymarc.Record:
    """The pymarc record of a stored MARC-in-JSON value."""
    from thuvien.catalog.marc.mij import to_pymarc

    return to_pymarc(marc_json)


def record_editor(marc_json: dict) -> EditorRecord:
    return editor_from_pymarc(record_to_pymarc(marc_json))


def rows_for_template(record: EditorRecord) -> list[dict[str, Any]]:
    """Rows as dicts for the template (blank indicators shown as '#')."""
    rows = []
    for f in record.fields:
        rows.append(
            {
                "tag": f.tag,
                "ind1": "#" if f.ind1 == " " else f.ind1,
                "ind2": "#" if f.ind2 == " " else f.ind2,
                "is_control": f.is_control,
                "value": f.value or "",
                "subfields": [{"code": c, "value": v} for c, v in f.subfields]
                or [{"code": "a", "value": ""}],
            }
        )
    return rows


def marc_lines(record: pymarc.Record) -> list[str]:
    """Mnemonic lines (``=245  10$aTitle``) for the read-only MARC view."""
    lines = [f"=LDR  {record.leader}"]
    for f in record.fields:
        if f.is_control_field():
            lines.append(f"={f.tag}  {f.data.replace(' ', '#') if f.tag == '008' else f.data}")
        else:
            ind = "".join(
                "#" if c == " " else c for c in (f.indicator1 or " ", f.indicator2 or " ")
            )
            subs = "".join(f"${s.code}{s.value}" for s in f.subfields)
            lines.append(f"={f.tag}  {ind}{subs}")
    return lines
