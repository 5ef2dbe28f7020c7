"""Postal loans (mượn/trả qua bưu chính): a reader asks, staff pack, post and receive back."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.catalog.models import Record
from thuvien.core.audit import audit_record
from thuvien.core.text import clean
from thuvien.holdings.models import Item
from thuvien.network.settings_registry import setting_get

from ..errors import CirculationError, CirculationErrorCode
from ..models import FeeKind, PostalLine, PostalRequest, PostalStatus
from .fees import fee_create
from .loans import loan_checkout

C = CirculationErrorCode
MAX_LINES = 10


def postal_request_create(
    *, patron: Any, items_or_records: list[Any], address: str, actor: Any
) -> PostalRequest:
    """Queue a request at the reader's home library; nothing is lent until staff send it."""
    address = clean(address or "")
    if len(address) < 10:
        raise CirculationError(C.POSTAL_INVALID, _("Cần ghi đầy đủ địa chỉ nhận."), field="address")
    if not items_or_records or len(items_or_records) > MAX_LINES:
        raise CirculationError(
            C.POSTAL_INVALID,
            _("Chọn từ 1 đến %(n)d tài liệu.") % {"n": MAX_LINES},
            field="items",
        )
    if patron.is_anonymised or patron.blocked_reason:
        raise CirculationError(C.PATRON_BLOCKED)
    lines = []
    for obj in items_or_records:
        if isinstance(obj, Item):
            if obj.library.network_id != patron.network_id:
                raise CirculationError(C.POSTAL_INVALID)
            lines.append((obj.record, obj))
        elif isinstance(obj, Record):
            if obj.network_id != patron.network_id:
                raise CirculationError(C.POSTAL_INVALID)
            lines.append((obj, None))
        else:
            raise CirculationError(C.POSTAL_INVALID)
    with transaction.atomic():
        request = PostalRequest.all_objects.create(
            library=patron.library, patron=patron, address=address[:255], created_at=timezone.now()
        )
        PostalLine.objects.bulk_create(
            [PostalLine(request=request, record=rec, item=item) for rec, item in lines]
        )
        audit_record(
            actor=actor, action="circulation.postal.requested", obj=request, library=patron.library
        )
    return request


def postal_request_send(
    *, request: PostalRequest, items: list[Any], parcel_number: str, staff: Any, library: Any
) -> PostalRequest:
    """Lend the packed copies and record the parcel number; charge the postal fee."""
    parcel_number = clean(parcel_number or "")
    if not parcel_number:
        raise CirculationError(C.POSTAL_INVALID, _("Cần nhập số bưu gửi."), field="parcel_number")
    if request.status not in (PostalStatus.REQUESTED, PostalStatus.PACKED) or not items:
        raise CirculationError(C.POSTAL_INVALID)
    with transaction.atomic():
        lines = list(request.lines.select_related("record"))
        for item in items:
            loan = loan_checkout(item=item, patron=request.patron, library=library, staff=staff)
            line = next(
                (ln for ln in lines if ln.record_id == item.record_id and not ln.loan_id), None
            )
            if line is None:
                line = PostalLine.objects.create(request=request, record=item.record)
            line.item, line.loan = item, loan
            line.save(update_fields=["item", "loan"])
        fee_amount = int(setting_get("circulation.postal_fee", library=library))
        if fee_amount > 0:
            request.fee = fee_create(
                patron=request.patron,
                library=library,
                kind=FeeKind.POSTAL,
                amount=fee_amount,
                staff=staff,
                description=parcel_number,
            )
        request.status = PostalStatus.SENT
        request.parcel_number = parcel_number[:50]
        request.sent_at = timezone.now()
        request.save(update_fields=["status", "parcel_number", "sent_at", "fee"])
        audit_record(actor=staff, action="circulation.postal.sent", obj=request, library=library)
    return request


def postal_request_mark(
    *, request: PostalRequest, status: str, staff: Any, return_parcel_number: str = ""
) -> PostalRequest:
    """Packed, returned (the parcel came back; copies are checked in at the desk) or cancelled."""
    allowed = {
        PostalStatus.PACKED: {PostalStatus.REQUESTED},
        PostalStatus.RETURNED: {PostalStatus.SENT},
        PostalStatus.CANCELLED: {PostalStatus.REQUESTED, PostalStatus.PACKED},
    }
    if status not in allowed or request.status not in allowed[status]:
        raise CirculationError(C.POSTAL_INVALID)
    with transaction.atomic():
        request.status = status
        fields = ["status"]
        if status == PostalStatus.RETURNED:
            request.returned_at = timezone.now()
            request.return_parcel_number = clean(return_parcel_number)[:50]
            fields += ["returned_at", "return_parcel_number"]
        request.save(update_fields=fields)
        audit_record(
            actor=staff, action=f"circulation.postal.{status}", obj=request, library=request.library
        )
    return request
