"""A reader's rights over their data: export (JSON) and deletion by anonymisation, covering
what higher apps keep about the reader through the hooks they register (circulation's part,
and the periodic unlinking of loan history, live in ``circulation.privacy``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.hooks import Hook

from .errors import PatronError, PatronErrorCode
from .models import DeletionRequest, Patron

E = PatronErrorCode
ANONYMOUS_NAME = "Bạn đọc đã ẩn danh"


# Apps above patrons that keep data about a reader (circulation: loans, holds, fees, payments,
# notices) register three functions, so a reader's rights cover it without patrons importing
# them: ``export(patron) -> {section: [rows]}``; ``check(patron)`` raises PatronError while the
# data may not be erased yet; ``erase(patron, now)`` unlinks it, inside the erasure's transaction.
patron_data_exporters: Hook[Callable[[Patron], dict[str, list[dict[str, Any]]]]] = Hook(
    "patrons.data_export"
)
patron_erasure_checks: Hook[Callable[[Patron], None]] = Hook("patrons.erasure_check")
patron_erasers: Hook[Callable[[Patron, dt.datetime], None]] = Hook("patrons.erase")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def patron_export_data(*, patron: Patron) -> dict[str, Any]:
    """Everything the system holds about the reader, as JSON-ready data."""
    fields = (
        "card_number", "full_name", "birth_date", "gender", "id_number", "email", "phone",
        "address", "guardian_name", "guardian_phone", "registered_on", "expires_on",
        "blocked_reason", "language", "keep_history", "notify_email", "notify_sms",
    )  # fmt: skip
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "patron": {
            **{name: _iso(getattr(patron, name)) for name in fields},
            "category": patron.category.code,
            "home_library": patron.library.code,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "given_at": _iso(c.given_at),
                "withdrawn_at": _iso(c.withdrawn_at),
                "given_by_guardian": c.given_by_guardian,
                "guardian_name": c.guardian_name,
            }
            for c in patron.consents.all()
        ],
    }
    for export in patron_data_exporters:
        data.update(export(patron))
    return data


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

    Refused while a registered check says no (circulation: copies still on loan must come
    back first).
    """
    if patron.is_anonymised:
        raise PatronError(E.ALREADY_ANONYMISED, _("Dữ liệu của bạn đọc này đã được xóa."))
    for check in patron_erasure_checks:
        check(patron)
    now = timezone.now()
    with transaction.atomic():
        for erase in patron_erasers:
            erase(patron, now)
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
