"""A reader's rights over their data: export (JSON), deletion by anonymisation, and the
periodic unlinking of loan history for readers who did not opt in to keep it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record

from .errors import PatronError, PatronErrorCode
from .models import DeletionRequest, Patron

E = PatronErrorCode
ANONYMOUS_NAME = "Bạn đọc đã ẩn danh"


def patron_export_data(*, patron: Patron) -> dict[str, Any]:
    """Everything the system holds about the reader, as JSON-ready data."""
    from thuvien.circulation.models import Fee, Hold, Loan, NoticeLog, Payment

    def d(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value

    fields = (
        "card_number", "full_name", "birth_date", "gender", "id_number", "email", "phone",
        "address", "guardian_name", "guardian_phone", "registered_on", "expires_on",
        "blocked_reason", "language", "keep_history", "notify_email", "notify_sms",
    )  # fmt: skip
    return {
        "exported_at": timezone.now().isoformat(),
        "patron": {
            **{name: d(getattr(patron, name)) for name in fields},
            "category": patron.category.code,
            "home_library": patron.library.code,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "given_at": d(c.given_at),
                "withdrawn_at": d(c.withdrawn_at),
                "given_by_guardian": c.given_by_guardian,
                "guardian_name": c.guardian_name,
            }
            for c in patron.consents.all()
        ],
        "loans": [
            {
                "barcode": ln.item.barcode,
                "title": ln.item.record.title,
                "library": ln.library.code,
                "issued_at": d(ln.issued_at),
                "due_on": d(ln.due_on),
                "returned_at": d(ln.returned_at),
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
                "placed_at": d(h.placed_at),
            }
            for h in Hold.all_objects.filter(patron=patron).select_related("record", "library")
        ],  # fmt: skip
        "fees": [
            {
                "kind": f.kind,
                "amount": str(f.amount),
                "outstanding": str(f.outstanding),
                "created_at": d(f.created_at),
                "library": f.library.code,
            }
            for f in Fee.all_objects.filter(patron=patron).select_related("library")
        ],  # fmt: skip
        "payments": [
            {
                "kind": p.kind,
                "amount": str(p.amount),
                "receipt": p.receipt_number,
                "created_at": d(p.created_at),
            }
            for p in Payment.all_objects.filter(patron=patron)
        ],  # fmt: skip
        "notices": [
            {"kind": n.kind, "channel": n.channel, "sent_at": d(n.sent_at), "status": n.status}
            for n in NoticeLog.all_objects.filter(patron=patron)
        ],
    }


def deletion_request_create(*, patron: Patron, actor: Any) -> DeletionRequest:
    if patron.is_anonymised:
        raise PatronError(E.ALREADY_ANONYMISED, _("Dữ liệu của bạn đọc này đã được xóa."))
    existing = DeletionRequest.all_objects.filter(
        patron=patron, status=DeletionRequest.Status.PENDING
    ).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        request = DeletionRequest.all_objects.create(
            library=patron.library, patron=patron, requested_at=timezone.now()
        )
        audit_record(actor=actor, action="patrons.deletion.requested", obj=patron)
    return request


def patron_anonymise(*, patron: Patron, actor: Any) -> Patron:
    """Erase the personal data; keep category, home library and year of birth for statistics.

    Refused while the reader still has copies on loan (they must come back first).
    """
    from thuvien.circulation.models import ACTIVE_HOLD_STATUSES, Fee, Hold, HoldStatus, Loan

    if patron.is_anonymised:
        raise PatronError(E.ALREADY_ANONYMISED, _("Dữ liệu của bạn đọc này đã được xóa."))
    if Loan.all_objects.filter(patron=patron, returned_at__isnull=True).exists():
        raise PatronError(
            E.HAS_OPEN_LOANS,
            _("Bạn đọc còn tài liệu đang mượn: cần trả hết trước khi xóa dữ liệu."),
        )
    now = timezone.now()
    with transaction.atomic():
        Hold.all_objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES).update(
            status=HoldStatus.CANCELLED, closed_at=now
        )
        Loan.all_objects.filter(patron=patron).update(patron=None, is_anonymised=True)
        Hold.all_objects.filter(patron=patron).update(patron=None)
        Fee.all_objects.filter(patron=patron).update(patron=None)
        if patron.photo:
            patron.photo.delete(save=False)
        user = patron.user
        patron.full_name = ANONYMOUS_NAME
        patron.name_folded = ""
        patron.card_number = f"ANON-{patron.pk}"
        patron.birth_date = None
        for name in ("gender", "id_number", "email", "phone", "address", "guardian_name",
                     "guardian_phone", "photo"):  # fmt: skip
            setattr(patron, name, "")
        patron.user = None
        patron.is_anonymised = True
        patron.keep_history = False
        patron.notify_email = patron.notify_sms = False
        patron.blocked_reason = "anonymised"
        patron.save()
        patron.consents.update(withdrawn_at=now)
        if user is not None:
            user.is_active = False
            user.email = ""
            user.full_name = ""
            user.username = f"anon-{user.pk}"
            user.set_unusable_password()
            user.save(update_fields=["is_active", "email", "full_name", "username", "password"])
        audit_record(actor=actor, action="patrons.patron.anonymised", obj=patron)
    return patron


def deletion_request_process(
    *, request: DeletionRequest, actor: Any, approve: bool, note: str = ""
) -> DeletionRequest:
    if request.status != DeletionRequest.Status.PENDING:
        raise PatronError(E.INVALID, _("Yêu cầu này đã được xử lý."))
    with transaction.atomic():
        if approve:
            patron_anonymise(patron=request.patron, actor=actor)
        request.status = DeletionRequest.Status.DONE if approve else DeletionRequest.Status.REFUSED
        request.processed_at = timezone.now()
        request.processed_by = actor if getattr(actor, "is_authenticated", False) else None
        request.note = note[:255]
        request.save(update_fields=["status", "processed_at", "processed_by", "note"])
    return request


def loan_history_anonymise(*, now: dt.datetime | None = None) -> int:
    """Unlink returned loans older than each library's retention period from readers who did
    not opt in to keep their history. Runs daily; returns how many loans it unlinked."""
    from thuvien.circulation.models import Loan
    from thuvien.network.models import Library
    from thuvien.network.settings_registry import setting_get

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
    from thuvien.circulation.models import ACTIVE_HOLD_STATUSES, Hold, NoticeLog

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
