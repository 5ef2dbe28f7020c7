"""Postal loans (mượn/trả qua bưu chính): a reader asks, staff pack, post and receive back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.catalog.models import Record
from thuvien.core.audit import audit_record
from thuvien.core.text import clean
from thuvien.holdings.models import Item
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.models import Patron

from ..errors import CirculationError, CirculationErrorCode
from ..models import FeeKind, PostalLine, PostalRequest, PostalStatus
from .fees import fee_create
from .loans import loan_checkout

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

C = CirculationErrorCode
MAX_LINES = 10
ADDRESS_MIN_LENGTH = 10
ADDRESS_MAX_LENGTH = 255  # PostalRequest.address
TOKEN_MAX_LENGTH = 64  # PostalRequest.client_token
OPEN_STATUSES = (PostalStatus.REQUESTED, PostalStatus.PACKED)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _check_address(address: str) -> str:
    """The address as it will be written on the parcel; refused, never cut, when it is not
    one (the form's own limit is the same, so only a hand-made request meets the length)."""
    address = clean(address or "").strip()
    if len(address) < ADDRESS_MIN_LENGTH:
        raise CirculationError(
            C.POSTAL_INVALID,
            _("Cần ghi đầy đủ địa chỉ nhận: số nhà, đường hoặc thôn, xã hoặc phường, tỉnh."),
            field="address",
        )
    if len(address) > ADDRESS_MAX_LENGTH:
        raise CirculationError(
            C.POSTAL_INVALID,
            _(
                "Địa chỉ nhận dài %(n)s ký tự, quá mức %(max)s ký tự. Hãy ghi gọn: số nhà, "
                "đường hoặc thôn, xã hoặc phường, tỉnh."
            )
            % {"n": _number(len(address)), "max": ADDRESS_MAX_LENGTH},
            field="address",
        )
    return address


def _lines(patron: Patron, items_or_records: list[Any]) -> list[tuple[Record, Item | None]]:
    if not items_or_records:
        raise CirculationError(
            C.POSTAL_INVALID,
            _("Hãy đánh dấu ít nhất một tài liệu muốn mượn."),
            field="items",
        )
    if len(items_or_records) > MAX_LINES:
        raise CirculationError(
            C.POSTAL_INVALID,
            _("Mỗi yêu cầu mượn được từ 1 đến %(n)d tài liệu.") % {"n": MAX_LINES},
            field="items",
        )
    lines: list[tuple[Record, Item | None]] = []
    for obj in items_or_records:
        if isinstance(obj, Item):
            if obj.library.network_id != patron.network_id:
                raise CirculationError(C.POSTAL_INVALID, field="items")
            lines.append((obj.record, obj))
        elif isinstance(obj, Record):
            if obj.network_id != patron.network_id:
                raise CirculationError(C.POSTAL_INVALID, field="items")
            lines.append((obj, None))
        else:
            raise CirculationError(C.POSTAL_INVALID, field="items")
    seen: set[int] = set()
    unique = []
    for record, item in lines:  # the same book ticked twice is one line
        if record.pk not in seen:
            seen.add(record.pk)
            unique.append((record, item))
    return unique


def postal_request_create(
    *,
    patron: Patron,
    items_or_records: list[Any],
    address: str,
    actor: User | None,
    token: str = "",
) -> PostalRequest:
    """Queue a request at the reader's home library; nothing is lent until staff send it.

    ``token`` is the one-time token of the reader's form: the same form sent again (a double
    click, a reload after a slow answer) returns the request it made the first time. A book
    that is already in one of the reader's open requests (asked for, being packed) is refused
    with the date of that request: the library would otherwise post it twice.
    """
    lines = _lines(patron, items_or_records)
    address = _check_address(address)
    token = (token or "").strip()[:TOKEN_MAX_LENGTH]
    if patron.is_anonymised or patron.blocked_reason:
        raise CirculationError(C.PATRON_BLOCKED)
    with transaction.atomic():
        # One request at a time per reader: the checks below and the insert see the same
        # rows (PostgreSQL row lock; SQLite's IMMEDIATE transactions already serialise).
        Patron.all_objects.select_for_update().filter(pk=patron.pk).first()
        if token:
            done = PostalRequest.all_objects.filter(patron=patron, client_token=token).first()
            if done is not None:
                if {line.record_id for line in done.lines.all()} != {r.pk for r, _i in lines}:
                    # the form came back (the browser's Back) with other books ticked
                    raise CirculationError(
                        C.POSTAL_DUPLICATE,
                        _("Biểu mẫu này đã được gửi. Hãy mở lại trang để gửi yêu cầu mới."),
                        field="items",
                    )
                return done
        wanted = {record.pk: record for record, _item in lines}
        taken = (
            PostalLine.objects.filter(
                request__patron=patron,
                request__status__in=OPEN_STATUSES,
                record_id__in=list(wanted),
            )
            .select_related("request")
            .order_by("request__created_at", "pk")
            .first()
        )
        if taken is not None:
            when = timezone.localtime(taken.request.created_at)
            raise CirculationError(
                C.POSTAL_DUPLICATE,
                _(
                    "Bạn đã gửi yêu cầu mượn “%(title)s” qua bưu chính lúc %(time)s ngày "
                    "%(date)s và thư viện đang xử lý. Xem trạng thái trong danh sách yêu cầu "
                    "của bạn."
                )
                % {
                    "title": wanted[taken.record_id].title,
                    "time": when.strftime("%H:%M"),
                    "date": when.strftime("%d/%m/%Y"),
                },
                field="items",
            )
        request = PostalRequest.all_objects.create(
            library=patron.library,
            patron=patron,
            address=address,
            created_at=timezone.now(),
            client_token=token,
        )
        PostalLine.objects.bulk_create(
            [PostalLine(request=request, record=rec, item=item) for rec, item in lines]
        )
        audit_record(
            actor=actor, action="circulation.postal.requested", obj=request, library=patron.library
        )
    return request


def postal_request_send(
    *, request: PostalRequest, items: list[Any], parcel_number: str, staff: User, library: Library
) -> PostalRequest:
    """Lend the packed copies and record the parcel number; charge the postal fee."""
    parcel_number = clean(parcel_number or "")
    if not parcel_number:
        raise CirculationError(C.POSTAL_INVALID, _("Cần nhập số bưu gửi."), field="parcel_number")
    if request.status not in (PostalStatus.REQUESTED, PostalStatus.PACKED) or not items:
        raise CirculationError(C.POSTAL_INVALID)
    patron = request.patron
    if patron is None:  # the reader's data were deleted meanwhile
        raise CirculationError(C.POSTAL_INVALID)
    with transaction.atomic():
        lines = list(request.lines.select_related("record"))
        for item in items:
            loan = loan_checkout(item=item, patron=patron, library=library, staff=staff)
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
                patron=patron,
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
    *, request: PostalRequest, status: str, staff: User, return_parcel_number: str = ""
) -> PostalRequest:
    """Packed, returned (the parcel came back; copies are checked in at the desk) or cancelled."""
    allowed: dict[str, set[str]] = {
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
