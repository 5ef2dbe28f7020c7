"""Restricted reading (đọc hạn chế, issue 19): a request to read a restricted copy in the
reading room, and the staff's decision recorded with its reason. Audited; nothing is indexed
(the copy's visibility does not change)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.text import clean
from thuvien.holdings.models import Item
from thuvien.holdings.visibility import item_restricted
from thuvien.patrons.models import Patron

from ..errors import CirculationError, CirculationErrorCode
from ..models import ReadingPermission, ReadingPermissionStatus

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library

MAX_TEXT = 500


def _text(value: str, *, field: str, message: str) -> str:
    text = clean(value or "")[:MAX_TEXT].strip()
    if not text:
        raise CirculationError(CirculationErrorCode.REASON_REQUIRED, message, field=field)
    return text


def reading_permission_request(
    *, library: Library, item: Item, patron: Patron, purpose: str, actor: User | None
) -> ReadingPermission:
    """Record a reader's request to read a restricted copy of ``library`` (at its desk)."""
    purpose = _text(purpose, field="purpose", message=_("Hãy ghi mục đích đọc tài liệu."))
    if item.library_id != library.pk:
        raise CirculationError(
            CirculationErrorCode.WRONG_LIBRARY, _("Bản sao không thuộc thư viện này.")
        )
    location = item.location
    if not item_restricted(
        visibility=item.visibility,
        location_visibility=location.visibility if location is not None else "",
    ):
        raise CirculationError(
            CirculationErrorCode.NOT_RESTRICTED,
            _("Bản sao này không thuộc diện đọc hạn chế: bạn đọc mượn, đọc như thường lệ."),
        )
    with transaction.atomic():
        permission = ReadingPermission.objects.create(
            library=library,
            item=item,
            patron=patron,
            purpose=purpose,
            requested_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="circulation.reading_permission.requested",
            obj=permission,
            library=library,
            changes={"item": [None, item.barcode], "patron": [None, str(patron)]},
        )
    return permission


def reading_permission_decide(
    *, permission: ReadingPermission, granted: bool, reason: str, actor: User | None
) -> ReadingPermission:
    """Grant or refuse a request; the reason is required and kept with the decision."""
    reason = _text(reason, field="reason", message=_("Hãy ghi lý do cho phép hoặc từ chối."))
    with transaction.atomic():
        permission = ReadingPermission.all_objects.select_for_update().get(pk=permission.pk)
        if permission.status != ReadingPermissionStatus.REQUESTED:
            raise CirculationError(
                CirculationErrorCode.ALREADY_DECIDED, _("Yêu cầu này đã được xét.")
            )
        status = ReadingPermissionStatus.GRANTED if granted else ReadingPermissionStatus.REFUSED
        permission.status = status
        permission.reason = reason
        permission.decided_at = timezone.now()
        permission.decided_by = actor
        permission.save(update_fields=["status", "reason", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            action=(
                "circulation.reading_permission.granted"
                if granted
                else "circulation.reading_permission.refused"
            ),
            obj=permission,
            library=permission.library,
            changes={"reason": [None, reason]},
        )
    return permission


def reading_room_hand_out(
    *, permission: ReadingPermission, actor: User | None
) -> ReadingPermission:
    """Hand the copy to its reader in the reading room under a granted permission (what the
    desk does instead of lending a restricted copy: it never leaves the library). Once per
    permission; audited."""
    with transaction.atomic():
        permission = ReadingPermission.all_objects.select_for_update().get(pk=permission.pk)
        if (
            permission.status != ReadingPermissionStatus.GRANTED
            or permission.handed_out_at is not None
        ):
            raise CirculationError(CirculationErrorCode.NOT_GRANTED)
        permission.handed_out_at = timezone.now()
        permission.save(update_fields=["handed_out_at"])
        audit_record(
            actor=actor,
            action="circulation.reading_permission.handed_out",
            obj=permission,
            library=permission.library,
            changes={"handed_out_at": [None, permission.handed_out_at.isoformat()]},
        )
    return permission


def reading_room_take_back(
    *, permission: ReadingPermission, actor: User | None
) -> ReadingPermission:
    """The reader gives the copy back at the reading room's desk; audited."""
    with transaction.atomic():
        permission = ReadingPermission.all_objects.select_for_update().get(pk=permission.pk)
        if permission.handed_out_at is None or permission.returned_at is not None:
            raise CirculationError(CirculationErrorCode.NOT_HANDED_OUT)
        permission.returned_at = timezone.now()
        permission.save(update_fields=["returned_at"])
        audit_record(
            actor=actor,
            action="circulation.reading_permission.returned",
            obj=permission,
            library=permission.library,
            changes={"returned_at": [None, permission.returned_at.isoformat()]},
        )
    return permission
