"""Every audit code a service writes is declared with words for people (core.audit_actions),
so the audit log never shows a bare code such as ``circulation.loan.checked_out``."""

from __future__ import annotations

import re
from pathlib import Path

from thuvien.core.audit_actions import AUDIT_ACTIONS

SRC = Path(__file__).resolve().parents[2]
APPS = "accounts|network|catalog|holdings|patrons|circulation|digital|search|oversight|core"
CODE = re.compile(rf'"((?:{APPS})\.[a-z_]+\.[a-z_]+)"')
# Codes built with an f-string, and every value they can take.
BUILT = [
    "circulation.fee.paid",
    "circulation.fee.waived",
    "circulation.loan.declared_lost",
    "circulation.loan.declared_damaged",
    *(f"circulation.postal.{s}" for s in ("packed", "sent", "returned", "cancelled")),
    "oversight.evaluation.self_saved",
    "oversight.evaluation.self_submitted",
]


def _written_codes() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "audit_actions.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "audit_record" not in text:
            continue
        found.update(CODE.findall(text))
    return found


def test_every_written_code_is_declared():
    written = _written_codes()
    assert len(written) > 50  # the scan finds the services' codes
    missing = sorted((written | set(BUILT)) - set(AUDIT_ACTIONS))
    assert not missing, f"declare these in thuvien/core/audit_actions.py: {missing}"


def test_labels_are_words_not_codes():
    for code, label in AUDIT_ACTIONS.items():
        assert "." not in str(label) and "_" not in str(label), code


def _entry(object_type: str, changes: dict) -> object:
    from thuvien.core.models import AuditEntry

    return AuditEntry(action=object_type + ".updated", object_type=object_type, changes=changes)


def test_every_coded_value_of_every_audited_model_reads_as_words():
    """A copy's status changing read "Trạng thái: on_loan → on_hold_shelf": every choice of
    every audited model's fields is shown by its label, in Vietnamese and in English."""
    from django.apps import apps
    from django.utils import translation

    from thuvien.core.audit_actions import AUDIT_OBJECTS, audit_change_rows

    checked = 0
    for object_type in AUDIT_OBJECTS:
        model = apps.get_model(*object_type.split("."))
        for field in model._meta.get_fields():
            choices = getattr(field, "flatchoices", None)
            if not choices or not getattr(field, "concrete", False):
                continue
            codes = [
                code
                for code, label in choices
                if code not in (None, "") and str(label) != str(code)
            ]
            for code in codes:
                for language in ("vi", "en"):
                    with translation.override(language):
                        [(name, text)] = audit_change_rows(
                            _entry(object_type, {field.name: [code, None]})
                        )
                        label = dict(choices)[code]
                        assert text == f"{label} → —", (object_type, field.name, code, text)
                        assert name != field.name or " " in name, (object_type, field.name)
                checked += 1
    assert checked > 20  # statuses of copies, loans, holds, fees, readers ...


def test_empty_values_and_related_rows_are_not_codes():
    from thuvien.core.audit_actions import audit_change_rows

    rows = dict(
        audit_change_rows(
            _entry(
                "holdings.item",
                {"barcode": None, "record": 186, "status": ["on_loan", "available"]},
            )
        )
    )
    assert "None" not in "".join(rows.values())
    assert "record" not in rows and "status" not in rows
    assert "#186" in rows.values()
    assert "—" in rows.values()


# Keys written under a computed name, and every name they can take (oversight.library_unit.set
# writes the era, "old" or "new").
BUILT_KEYS = {"old", "new"}


def _dict_keys(node) -> set[str]:
    import ast

    if isinstance(node, ast.IfExp):
        return _dict_keys(node.body) | _dict_keys(node.orelse)
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Dict):
            found |= {k.value for k in sub.keys if isinstance(k, ast.Constant)
                      and isinstance(k.value, str)}  # fmt: skip
    return found


def _written_keys() -> dict[str, set[str]]:
    """Every literal key of the ``changes`` a service writes: in the dict given to
    ``audit_record(changes=...)``, or in the dict held by the name given there (assigned,
    ``changes["key"] = ...`` or ``changes.update({...})`` in the same function)."""
    import ast

    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "audit_record(" not in text:
            continue
        where = str(path.relative_to(SRC))
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            names = set()
            for call in ast.walk(fn):
                func = getattr(call, "func", None)
                if getattr(func, "id", getattr(func, "attr", None)) != "audit_record":
                    continue
                for kw in call.keywords:
                    if kw.arg == "changes":
                        for key in _dict_keys(kw.value):
                            found.setdefault(key, set()).add(where)
                        if isinstance(kw.value, ast.Name):
                            names.add(kw.value.id)
            for node in ast.walk(fn):
                keys: set[str] = set()
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        if isinstance(target, ast.Name) and target.id in names:
                            keys |= _dict_keys(node.value)
                        if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                                and target.value.id in names
                                and isinstance(target.slice, ast.Constant)):  # fmt: skip
                            keys.add(target.slice.value)
                elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr == "update" and isinstance(node.func.value, ast.Name)
                      and node.func.value.id in names):  # fmt: skip
                    for arg in node.args:
                        keys |= _dict_keys(arg)
                for key in keys:
                    found.setdefault(key, set()).add(where)
    return found


def test_every_details_key_a_service_writes_has_words():
    """The audit log showed "file: test__marc8.dat", "created: 1", "override:": every key a
    service writes into an entry's details is named, in Vietnamese and in English."""
    from django.utils import translation

    from thuvien.core.audit_actions import AUDIT_FIELDS, audit_field_label

    written = _written_keys()
    assert {"file", "created", "records", "override", "due_on", "role"} <= set(written)
    assert len(written) > 80  # the scan finds the services' keys
    missing = sorted(f"{k} ({', '.join(sorted(written[k]))})"
                     for k in set(written) | BUILT_KEYS if k not in AUDIT_FIELDS)  # fmt: skip
    assert not missing, f"name these in AUDIT_FIELDS (core/audit_actions.py): {missing}"
    for language in ("vi", "en"):
        with translation.override(language):
            for key in set(written) | BUILT_KEYS:
                label = audit_field_label(key)
                assert label != key and "_" not in label, (language, key, label)


def test_values_read_as_people_write_them():
    """A role by its name, a date as dd/mm/yyyy, money as money, nothing as "—"."""
    from django.utils import translation

    from thuvien.core.audit_actions import audit_change_rows

    entry = _entry("circulation.loan", {
        "due_on": "2026-12-22", "amount": "20000.00", "override": [], "note": "",
        "handed_out_at": "2026-12-08T01:05:00+00:00", "by": [None, "operator"],
    })  # fmt: skip
    with translation.override("vi"):
        rows = dict(audit_change_rows(entry))
        assert rows == {"Hạn trả": "22/12/2026", "Số tiền": "20.000 đ",
                        "Quy định được bỏ qua": "—", "Ghi chú": "—",
                        "Giao đọc lúc": "08/12/2026 08:05",
                        "Người thực hiện": "— → người vận hành hệ thống"}  # fmt: skip
    with translation.override("en"):
        rows = dict(audit_change_rows(entry))
        assert rows["Amount"] == "20,000 đ" and "22/12/2026" in rows.values()
