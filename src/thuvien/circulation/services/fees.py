"""Fees, payments and waivers: a ledger per reader and per library.

A fee belongs to the library that charged it; a payment at a desk settles that library's fees
only (oldest first, or the ones chosen), so each library's cash book balances on its own.
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.settings_registry import setting_get

from ..errors import CirculationError, CirculationErrorCode
from ..models import Fee, FeeKind, Loan, Payment, PaymentAllocation

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

C = CirculationErrorCode


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal(1))
    except (InvalidOperation, ValueError, TypeError):
        raise CirculationError(C.AMOUNT_INVALID, field="amount") from None
    if amount <= 0 or amount > Decimal("1000000000"):
        raise CirculationError(C.AMOUNT_INVALID, field="amount")
    return amount


def _staff(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def fee_create(
    *,
    patron: Patron,
    library: Library,
    kind: str,
    amount: Any,
    staff: User | None,
    description: str = "",
    loan: Loan | None = None,
) -> Fee:
    """Charge a fee (lost or damaged copy, postal loan, remote copying, card replacement...)."""
    if kind not in FeeKind.values:
        raise CirculationError(C.AMOUNT_INVALID, _("Loại phí không hợp lệ."), field="kind")
    value = _amount(amount)
    with transaction.atomic():
        fee = Fee.all_objects.create(
            library=library,
            patron=patron,
            loan=loan,
            kind=kind,
            amount=value,
            outstanding=value,
            description=description[:255],
            created_at=timezone.now(),
            created_by=_staff(staff),
        )
        audit_record(
            actor=staff,
            action="circulation.fee.created",
            obj=fee,
            library=library,
            changes={"kind": kind, "amount": str(value), "patron": patron.card_number},
        )
        fee_id = fee.pk
        transaction.on_commit(lambda: _enqueue_fee_notice(fee_id))
    return fee


def _enqueue_fee_notice(fee_id: int) -> None:
    from ..tasks import fee_notice_task

    fee_notice_task(fee_id)


def _settle(
    *,
    patron: Patron,
    library: Library,
    amount: Any,
    staff: User | None,
    kind: str,
    method: str,
    fees: list[Fee] | None,
    note: str = "",
    receipt_number: str = "",
) -> Payment:
    value = _amount(amount)
    with transaction.atomic():
        qs = Fee.all_objects.select_for_update().filter(
            patron=patron, library=library, outstanding__gt=0
        )
        if fees is not None:
            qs = qs.filter(pk__in=[f.pk for f in fees])
        open_fees = list(qs.order_by("created_at", "id"))
        owed = sum((f.outstanding for f in open_fees), Decimal(0))
        if owed <= 0:
            raise CirculationError(C.NOTHING_TO_PAY)
        if value > owed:
            raise CirculationError(
                C.AMOUNT_INVALID,
                _("Số tiền lớn hơn số còn nợ (%(owed)s đồng).") % {"owed": f"{owed:,.0f}"},
                field="amount",
            )
        now = timezone.now()
        payment = Payment.all_objects.create(
            library=library,
            patron=patron,
            kind=kind,
            method=method if method in Payment.Method.values else Payment.Method.OTHER,
            amount=value,
            # the local date: a payment at 06:30 on 08/12 in Hà Nội is not of 07/12 (UTC)
            receipt_number=receipt_number
            or f"BL-{library.code}-{timezone.localtime(now):%Y%m%d}-{uuid.uuid4().hex[:8].upper()}",
            note=note[:255],
            created_at=now,
            staff=_staff(staff),
        )
        left = value
        for fee in open_fees:
            if left <= 0:
                break
            part = min(left, fee.outstanding)
            fee.outstanding -= part
            fee.save(update_fields=["outstanding"])
            PaymentAllocation.objects.create(payment=payment, fee=fee, amount=part)
            left -= part
        audit_record(
            actor=staff,
            action=f"circulation.fee.{'paid' if kind == Payment.Kind.PAYMENT else 'waived'}",
            obj=payment,
            library=library,
            changes={"amount": str(value), "patron": patron.card_number, "note": note[:255]},
        )
    return payment


def fee_pay(
    *,
    patron: Patron,
    library: Library,
    amount: Any,
    staff: User | None,
    method: str = "cash",
    fees: list[Fee] | None = None,
    receipt_number: str = "",
) -> Payment:
    """Record money received; it settles the library's oldest open fees first (``staff``
    None: paid online through a payment gateway, no one at a desk). ``receipt_number``: the
    number a receipt already gave this payment (online payments); else the ledger numbers it."""
    return _settle(
        patron=patron,
        library=library,
        amount=amount,
        staff=staff,
        kind=Payment.Kind.PAYMENT,
        method=method,
        fees=fees,
        receipt_number=receipt_number,
    )


def fee_waive(
    *,
    patron: Patron,
    library: Library,
    amount: Any,
    staff: User,
    reason: str,
    fees: list[Fee] | None = None,
) -> Payment:
    """Forgive a debt, with the reason recorded (a waiver is a payment of kind ``waiver``)."""
    if not reason.strip():
        raise CirculationError(C.AMOUNT_INVALID, _("Cần ghi rõ lý do miễn giảm."), field="reason")
    return _settle(
        patron=patron,
        library=library,
        amount=amount,
        staff=staff,
        kind=Payment.Kind.WAIVER,
        method=Payment.Method.OTHER,
        fees=fees,
        note=reason.strip(),
    )


def payment_refund(*, payment: Payment, staff: User | None, reason: str) -> Payment:
    """Record that a payment's money went back to the reader (an online payment refunded
    through its gateway): a ``refund`` row of the same amount and method, its own receipt
    number, which the ledger takes off what was received. The fees it settled stay settled:
    their charge is not owed again. Once per payment; audited with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise CirculationError(C.AMOUNT_INVALID, _("Cần ghi rõ lý do hoàn tiền."), field="reason")
    with transaction.atomic():
        locked = Payment.all_objects.select_for_update().get(pk=payment.pk)
        if locked.kind != Payment.Kind.PAYMENT or Payment.all_objects.filter(
            refund_of=locked
        ).exists():
            raise CirculationError(
                C.NOTHING_TO_PAY, _("Khoản thu này không hoàn tiền được (đã hoàn hoặc không phải"
                                    " khoản thu).")
            )
        refund = Payment.all_objects.create(
            library=locked.library, patron=locked.patron, kind=Payment.Kind.REFUND,
            method=locked.method, amount=locked.amount,
            receipt_number=f"{locked.receipt_number}-HT"[:40], note=reason[:255],
            created_at=timezone.now(), staff=_staff(staff), refund_of=locked,
        )
        audit_record(
            actor=staff, action="circulation.fee.refunded", obj=refund, library=locked.library,
            changes={"amount": str(locked.amount), "payment": locked.receipt_number,
                     "reason": reason[:255]},
        )
    return refund


def fee_for_copying(
    *, patron: Patron, library: Library, pages: int, staff: User, note: str = ""
) -> Fee:
    """Remote copying (sao chụp từ xa): pages x the library's price per page."""
    if not isinstance(pages, int) or pages <= 0 or pages > 10000:
        raise CirculationError(C.AMOUNT_INVALID, _("Số trang không hợp lệ."), field="pages")
    price = int(setting_get("circulation.copy_fee_per_page", library=library))
    return fee_create(
        patron=patron,
        library=library,
        kind=FeeKind.COPYING,
        amount=pages * max(price, 1),
        staff=staff,
        description=(
            _("Sao chụp %(pages)d trang") % {"pages": pages} + (f": {note}" if note else "")
        )[:255],
    )
