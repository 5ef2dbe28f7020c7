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
