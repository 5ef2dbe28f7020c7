"""Circulation's part of a reader's rights and of data minimisation.

A reader's export and erasure live in ``patrons.privacy``; circulation registers what it keeps
about the reader (loans, holds, fees, payments, notices) on that app's hooks from
``CirculationConfig.ready()``. ``loan_history_anonymise`` unlinks old history daily for readers
who did not opt in to keep it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.network.models import Library
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.errors import PatronError, PatronErrorCode
from thuvien.patrons.models import Patron

from .models import ACTIVE_HOLD_STATUSES, Fee, Hold, HoldStatus, Loan, NoticeLog, Payment


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def patron_circulation_export(patron: Patron) -> dict[str, list[dict[str, Any]]]:
    """The reader's loans, holds, fees, payments and notices, for the reader's data export."""
    return {
        "loans": [
            {
                "barcode": ln.item.barcode,
                "title": ln.item.record.title,
                "library": ln.library.code,
                "issued_at": _iso(ln.issued_at),
                "due_on": _iso(ln.due_on),
                "returned_at": _iso(ln.returned_at),
                "renewals": ln.renewals,
            }
            for ln in Loan.all_objects.filter(patron=patron).select_related(
                "item__record", "library"
            )
        ],
        "holds": [
            {
                "title": h.record.title,
                "library": h.library.code,
                "status": h.status,
                "placed_at": _iso(h.placed_at),
            }
            for h in Hold.all_objects.filter(patron=patron).select_related("record", "library")
        ],
        "fees": [
            {
                "kind": f.kind,
                "amount": str(f.amount),
                "outstanding": str(f.outstanding),
                "created_at": _iso(f.created_at),
                "library": f.library.code,
            }
            for f in Fee.all_objects.filter(patron=patron).select_related("library")
        ],
        "payments": [
            {
                "kind": p.kind,
                "amount": str(p.amount),
                "receipt": p.receipt_number,
                "created_at": _iso(p.created_at),
            }
            for p in Payment.all_objects.filter(patron=patron)
        ],
        "notices": [
            {"kind": n.kind, "channel": n.channel, "sent_at": _iso(n.sent_at), "status": n.status}
            for n in NoticeLog.all_objects.filter(patron=patron)
        ],
    }


def patron_erasure_check(patron: Patron) -> None:
    """Copies still on loan must come back before the reader's data can be erased."""
    if Loan.all_objects.filter(patron=patron, returned_at__isnull=True).exists():
        raise PatronError(
            PatronErrorCode.HAS_OPEN_LOANS,
            _("Bạn đọc còn tài liệu đang mượn: cần trả hết trước khi xóa dữ liệu."),
        )


def patron_circulation_erase(patron: Patron, now: dt.datetime) -> None:
    """Cancel the reader's active holds and unlink every loan, hold and fee from the reader."""
    Hold.all_objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES).update(
        status=HoldStatus.CANCELLED, closed_at=now
    )
    Loan.all_objects.filter(patron=patron).update(patron=None, is_anonymised=True)
    Hold.all_objects.filter(patron=patron).update(patron=None)
    Fee.all_objects.filter(patron=patron).update(patron=None)


def loan_history_anonymise(*, now: dt.datetime | None = None) -> int:
    """Unlink returned loans older than each library's retention period from readers who did
    not opt in to keep their history. Runs daily; returns how many loans it unlinked."""
    now = now or timezone.now()
    total = 0
    library_ids = (
        Loan.all_objects.filter(patron__isnull=False, returned_at__isnull=False)
        .values_list("library_id", flat=True)
        .distinct()
    )
    for library in Library.objects.filter(pk__in=list(library_ids)):
        days = int(setting_get("circulation.history_retention_days", library=library))
        cutoff = now - dt.timedelta(days=max(days, 0))
        total += Loan.all_objects.filter(
            library=library,
            patron__isnull=False,
            patron__keep_history=False,
            returned_at__lt=cutoff,
        ).update(patron=None, is_anonymised=True)
    # Closed holds and the notice log say what a reader read too: same retention.
    for library in Library.objects.all().only("pk", "parent_id", "network_id"):
        days = int(setting_get("circulation.history_retention_days", library=library))
        cutoff = now - dt.timedelta(days=max(days, 0))
        Hold.all_objects.filter(
            library=library, patron__isnull=False, patron__keep_history=False, closed_at__lt=cutoff
        ).exclude(status__in=ACTIVE_HOLD_STATUSES).update(patron=None)
        NoticeLog.all_objects.filter(
            library=library, patron__isnull=False, patron__keep_history=False, sent_at__lt=cutoff
        ).update(patron=None)
    return total
