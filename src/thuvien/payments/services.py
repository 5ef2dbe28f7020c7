"""Writes of online payment: start an order, apply the gateway's signed answer, refund.

The gateway's answer arrives twice, by the browser's return and by its server-to-server IPN, in
either order and possibly more than once: applying it is idempotent (the order row is locked
and only a pending order changes). A paid order writes the fee and its payment to the
library's ledger (circulation), numbers a receipt for the library and year, and calls the hook
of the app that sold the service, all in one transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.circulation.models import FeeKind, Payment
from thuvien.circulation.services.fees import fee_create, fee_pay, payment_refund
from thuvien.core.audit import audit_record

from .errors import PaymentsError, PaymentsErrorCode
from .gateway import gateway_get
from .hooks import order_paid_hooks, order_refunded_hooks
from .models import Order, OrderStatus, Purpose, Receipt, ReceiptCounter

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

E = PaymentsErrorCode
MAX_AMOUNT = 1_000_000_000
FEE_KINDS = {Purpose.DIGITAL_ACCESS: FeeKind.OTHER, Purpose.COPY: FeeKind.COPYING}


def _txn_ref() -> str:
    return "TV" + timezone.now().strftime("%y%m%d") + secrets.token_hex(5).upper()


def order_create(*, user: Any, patron: Patron, library: Library, purpose: str, subject_id: int,
                 amount: int, description: str) -> Order:
    """A pending order of ``amount`` đồng for one service."""
    if purpose not in Purpose.values:
        raise PaymentsError(E.AMOUNT_INVALID, _("Dịch vụ thanh toán không hợp lệ."))
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise PaymentsError(E.AMOUNT_INVALID, _("Số tiền không hợp lệ."), field="amount")
    if patron is None:
        raise PaymentsError(E.NO_CARD, _("Bạn cần có thẻ bạn đọc để thanh toán."))
    gateway = gateway_get()
    with transaction.atomic():
        order = Order.all_objects.create(
            library=library, user=user, patron=patron, purpose=purpose, subject_id=subject_id,
            description=description[:255], amount=amount, txn_ref=_txn_ref(),
            gateway=gateway.code, created_at=timezone.now(),
        )
        audit_record(actor=user, action="payments.order.created", obj=order, library=library,
                     changes={"amount": amount, "purpose": purpose, "txn_ref": order.txn_ref})
    return order


def order_checkout_url(*, order: Order, return_url: str, ip: str, locale: str) -> str:
    return gateway_get(order.gateway).checkout_url(order=order, return_url=return_url, ip=ip,
                                                   locale=locale)


@dataclass
class ResultOutcome:
    order: Order | None
    applied: bool  # False when the order had already been confirmed (a repeated notice)
    error: str = ""  # an ``E`` code when refused


def _receipt_issue(order: Order) -> Receipt:
    now = timezone.now()
    year = timezone.localtime(now).year
    counter, _new = ReceiptCounter.objects.get_or_create(library=order.library, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return Receipt.all_objects.create(
        library=order.library, order=order, year=year, seq=counter.last,
        number=f"BL-{order.library.code}-{year}-{counter.last:06d}", amount=order.amount,
        issued_at=now,
    )


def order_result_apply(*, params: Mapping[str, str], gateway: str | None = None,
                       source: str) -> ResultOutcome:
    """Apply the gateway's signed answer (``source``: "return" or "ipn").

    Refused (``error`` set, nothing written): a bad signature, an unknown order, an amount that
    is not the order's. An order already confirmed is left as it is (``applied`` False)."""
    try:
        result = gateway_get(gateway).result_from(params)
    except PaymentsError as exc:
        return ResultOutcome(order=None, applied=False, error=exc.code)
    with transaction.atomic():
        order = Order.all_objects.select_for_update().filter(txn_ref=result.txn_ref).first()
        if order is None:
            return ResultOutcome(order=None, applied=False, error=E.ORDER_UNKNOWN)
        if result.amount != order.amount:
            return ResultOutcome(order=order, applied=False, error=E.AMOUNT_MISMATCH)
        if order.status != OrderStatus.PENDING:
            return ResultOutcome(order=order, applied=False)
        order.response_code = result.response_code
        order.gateway_txn_no = result.transaction_no
        order.bank_code = result.bank_code
        fields = ["response_code", "gateway_txn_no", "bank_code", "status"]
        if result.success:
            order.status = OrderStatus.PAID
            order.paid_at = timezone.now()
            fee = fee_create(patron=order.patron, library=order.library,
                             kind=FEE_KINDS[Purpose(order.purpose)], amount=order.amount,
                             staff=None, description=order.description)
            order.fee = fee
            order.ledger_payment = fee_pay(patron=order.patron, library=order.library,
                                           amount=order.amount, staff=None,
                                           method=Payment.Method.TRANSFER, fees=[fee])
            fields += ["paid_at", "fee", "ledger_payment"]
        elif result.cancelled:
            order.status = OrderStatus.CANCELLED
        else:
            order.status = OrderStatus.FAILED
        order.save(update_fields=fields)
        if order.status == OrderStatus.PAID:
            receipt = _receipt_issue(order)
            for hook in order_paid_hooks:
                hook(order)
            changes: dict[str, Any] = {"receipt": receipt.number, "source": source}
        else:
            changes = {"response_code": result.response_code, "source": source}
        audit_record(actor=None, action=f"payments.order.{order.status}", obj=order,
                     library=order.library, changes=changes)
    return ResultOutcome(order=order, applied=True)


def order_refund(*, order: Order, staff: User | None, reason: str) -> Order:
    """Record that a paid order's money went back to the reader (through the gateway's merchant
    portal): the library's ledger gives the payment back (``payment_refund``), the service it
    bought is withdrawn by its app's hook; audited with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise PaymentsError(E.REASON_REQUIRED, _("Cần ghi rõ lý do hoàn tiền."), field="reason")
    with transaction.atomic():
        locked = Order.all_objects.select_for_update().get(pk=order.pk)
        if locked.status != OrderStatus.PAID:
            raise PaymentsError(E.NOT_REFUNDABLE, _("Chỉ hoàn tiền được giao dịch đã thanh toán."))
        if locked.ledger_payment is not None:  # the money leaves the library's ledger too
            payment_refund(payment=locked.ledger_payment, staff=staff, reason=reason)
        locked.status = OrderStatus.REFUNDED
        locked.refunded_at = timezone.now()
        locked.refunded_by = staff
        locked.refund_reason = reason[:255]
        locked.save(update_fields=["status", "refunded_at", "refunded_by", "refund_reason"])
        for hook in order_refunded_hooks:
            hook(locked)
        audit_record(actor=staff, action="payments.order.refunded", obj=locked,
                     library=locked.library,
                     changes={"amount": locked.amount, "reason": reason[:255]})
    return locked
