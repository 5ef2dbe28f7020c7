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
