"""Writes of online payment: start an order, apply the gateway's signed answer, refund.

The gateway's answer arrives twice, by the browser's return and by its server-to-server IPN, in
either order and possibly more than once: applying it is idempotent (the order row is locked
and only a pending order changes). A paid order writes the fee and its payment to the
library's ledger (circulation), numbers a receipt for the library and year, and calls the hook
of the app that sold the service, all in one transaction.

A reader who leaves the gateway's page leaves a pending order. Past the gateway's payment
timeout the worker asks the gateway about it (``orders_pending_check``, VNPay's querydr): an
answer of paid goes through the same locked, idempotent path as the return and the IPN; failed
closes it as failed; unknown to the gateway, or still unfinished a grace period later, closes it
as expired so the reader can pay again. No answer leaves it pending for the next run. A success
that arrives after expiry still credits the order (the money was taken) and is audited apart.

Paid twice: a success for an order whose reader had another order for the same thing paid
meanwhile (their first payment arrived late, after they had paid again) charges nothing more.
The order is marked paid as a duplicate of the other (``duplicate_of``; no fee, ledger payment,
receipt or hook), audited as ``payments.order.paid_twice``, and shown on the desk's list as
money to give back; the desk refunds it by hand and records it with ``order_refund``, which
leaves the service the other order paid for.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.circulation.models import FeeKind, Payment
from thuvien.circulation.services.fees import fee_create, fee_pay, payment_refund
from thuvien.core.audit import audit_record
from thuvien.patrons.models import Patron

from .errors import PaymentsError, PaymentsErrorCode
from .gateway import GatewayResult, QueryState, gateway_get
from .hooks import order_paid_hooks, order_refunded_hooks
from .models import Order, OrderStatus, Purpose, Receipt, ReceiptCounter

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library

log = logging.getLogger(__name__)
E = PaymentsErrorCode
MAX_AMOUNT = 1_000_000_000
GATEWAY_SILENT_STOP = 3  # unanswered queries in a row that end a run of the pending check
FEE_KINDS = {Purpose.DIGITAL_ACCESS: FeeKind.OTHER, Purpose.COPY: FeeKind.COPYING}


def _txn_ref() -> str:
    # the local date, as VNPay's vnp_CreateDate beside it (06:30 on 08/12 is not 07/12)
    day = timezone.localtime(timezone.now()).strftime("%y%m%d")
    return "TV" + day + secrets.token_hex(5).upper()


def order_create(*, user: Any, patron: Patron, library: Library, purpose: str, subject_id: int,
                 amount: int, description: str) -> Order:
    """A pending order of ``amount`` đồng for one service, or the reader's order for it that the
    gateway still takes (get-or-create under the lock of the reader's card)."""
    if purpose not in Purpose.values:
        raise PaymentsError(E.AMOUNT_INVALID, _("Dịch vụ thanh toán không hợp lệ."))
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise PaymentsError(E.AMOUNT_INVALID, _("Số tiền không hợp lệ."), field="amount")
    if patron is None:
        raise PaymentsError(E.NO_CARD, _("Bạn cần có thẻ bạn đọc để thanh toán."))
    gateway = gateway_get()
    with transaction.atomic():
        # One pay click at a time per reader's card: two at once (a double tap on a slow line,
        # two tabs) queue on the card's row, and the second finds the first's order below
        # (PostgreSQL's row lock; SQLite's IMMEDIATE transactions already serialise).
        Patron.all_objects.select_for_update().filter(pk=patron.pk).first()
        # An order for the same thing still inside the gateway's timeout is the one to pay: its
        # payment URL is still good, and a second order could take the money twice.
        open_order = (Order.all_objects.filter(
            user=user, purpose=purpose, subject_id=subject_id, amount=amount,
            gateway=gateway.code, status=OrderStatus.PENDING,
            created_at__gt=timezone.now() - _timeout(),
        ).order_by("-created_at").first())
        if open_order is not None:
            return open_order
        order = Order.all_objects.create(
            library=library, user=user, patron=patron, purpose=purpose, subject_id=subject_id,
            description=description[:255], amount=amount, txn_ref=_txn_ref(),
            gateway=gateway.code, created_at=timezone.now(),
        )
        audit_record(actor=user, action="payments.order.created", obj=order, library=library,
                     changes={"amount": amount, "purpose": purpose, "txn_ref": order.txn_ref})
    return order


def _timeout() -> timedelta:
    return timedelta(minutes=int(settings.PAYMENTS_PENDING_TIMEOUT_MINUTES))


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
    return _result_record(result=result, source=source)


def _result_record(*, result: GatewayResult, source: str) -> ResultOutcome:
    """Write a verified result once, whoever brought it (return, IPN, the worker's query)."""
    with transaction.atomic():
        order = Order.all_objects.select_for_update().filter(txn_ref=result.txn_ref).first()
        if order is None:
            return ResultOutcome(order=None, applied=False, error=E.ORDER_UNKNOWN)
        if result.amount != order.amount:
            return ResultOutcome(order=order, applied=False, error=E.AMOUNT_MISMATCH)
        late = order.status == OrderStatus.EXPIRED and result.success
        if order.status != OrderStatus.PENDING and not late:
            return ResultOutcome(order=order, applied=False)
        order.response_code = result.response_code
        order.gateway_txn_no = result.transaction_no
        order.bank_code = result.bank_code
        fields = ["response_code", "gateway_txn_no", "bank_code", "status"]
        first: Order | None = None
        if result.success:
            order.status = OrderStatus.PAID
            order.paid_at = timezone.now()
            fields.append("paid_at")
            first = _paid_first(order)
        if first is not None:
            # paid twice for one thing: the money is the reader's, owed back to them; the
            # service was charged and given by ``first`` (no second fee, receipt or hook)
            order.duplicate_of = first
            fields.append("duplicate_of")
        elif result.success:
            fee = fee_create(patron=order.patron, library=order.library,
                             kind=FEE_KINDS[Purpose(order.purpose)], amount=order.amount,
                             staff=None, description=order.description)
            order.fee = fee
            # one payment, one number: the ledger records it under the reader's receipt
            receipt = _receipt_issue(order)
            order.ledger_payment = fee_pay(patron=order.patron, library=order.library,
                                           amount=order.amount, staff=None,
                                           method=Payment.Method.TRANSFER, fees=[fee],
                                           receipt_number=receipt.number)
            fields += ["fee", "ledger_payment"]
        elif result.cancelled:
            order.status = OrderStatus.CANCELLED
        else:
            order.status = OrderStatus.FAILED
        order.save(update_fields=fields)
        changes: dict[str, Any] = {"source": source}
        action = f"payments.order.{order.status}"
        if first is not None:
            action = "payments.order.paid_twice"
            changes["first_paid"] = first.txn_ref
            log.warning("order %s paid twice: %s was paid first (%s); refund it", order.txn_ref,
                        first.txn_ref, source)
        elif order.status == OrderStatus.PAID:
            for hook in order_paid_hooks:
                hook(order)
            changes["receipt"] = receipt.number
        else:
            changes["response_code"] = result.response_code
        if late and first is None:
            # the gateway took the money after we had closed the order: it is the reader's
            # payment all the same; the desk sees it apart
            action = "payments.order.paid_after_expiry"
            changes["expired_at"] = order.expired_at.isoformat() if order.expired_at else ""
            log.warning("order %s paid after it expired (%s)", order.txn_ref, source)
        audit_record(actor=None, action=action, obj=order, library=order.library,
                     changes=changes)
    return ResultOutcome(order=order, applied=True)


def _paid_first(order: Order) -> Order | None:
    """The reader's other order for the same thing paid while ``order`` was open: paid after
    ``order`` was made (the reader paid again after it expired, or it went through while the
    other was open). None for a new purchase after an earlier one (paid before this order)."""
    # the reader's card is locked first: two of their payments arriving at once see each other
    Patron.all_objects.select_for_update().filter(pk=order.patron_id).first()
    return (Order.all_objects.filter(
        user_id=order.user_id, purpose=order.purpose, subject_id=order.subject_id,
        status=OrderStatus.PAID, duplicate_of__isnull=True, paid_at__gte=order.created_at,
    ).exclude(pk=order.pk).order_by("paid_at", "id").first())


def order_expire(*, order: Order, reason: str) -> bool:
    """Close a pending order the gateway has no payment for (``reason``: "not_found" or
    "unfinished"), so the reader can pay again. False when it was no longer pending."""
    with transaction.atomic():
        locked = Order.all_objects.select_for_update().get(pk=order.pk)
        if locked.status != OrderStatus.PENDING:
            return False
        locked.status = OrderStatus.EXPIRED
        locked.expired_at = timezone.now()
        locked.save(update_fields=["status", "expired_at"])
        audit_record(actor=None, action="payments.order.expired", obj=locked,
                     library=locked.library, changes={"reason": reason, "source": "querydr"})
    order.status, order.expired_at = locked.status, locked.expired_at
    return True


@dataclass
class CheckReport:
    asked: int = 0
    paid: int = 0
    failed: int = 0
    expired: int = 0
    pending: int = 0  # the gateway still has them open
    unanswered: list[str] = field(default_factory=list)  # txn refs to ask again next run
    stopped: bool = False  # the gateway stopped answering: the rest wait for the next run

    def as_dict(self) -> dict[str, Any]:
        return {"asked": self.asked, "paid": self.paid, "failed": self.failed,
                "expired": self.expired, "pending": self.pending,
                "unanswered": len(self.unanswered), "stopped": self.stopped}


def orders_pending_check(*, limit: int | None = None) -> CheckReport:
    """Ask the gateway about every order pending longer than its payment timeout (the oldest
    first, at most ``limit``) and act on each answer. The gateway is asked outside any
    transaction; each answer is then written under the order's lock, so a return or an IPN
    arriving meanwhile is applied once, whichever comes first."""
    now = timezone.now()
    grace = timedelta(minutes=int(settings.PAYMENTS_PENDING_GRACE_MINUTES))
    due = (Order.all_objects.filter(status=OrderStatus.PENDING,
                                    created_at__lte=now - _timeout())
           .select_related("library").order_by("created_at", "id"))
    report = CheckReport()
    silent = 0
    for order in due[: limit or int(settings.PAYMENTS_CHECK_BATCH)]:
        if silent >= GATEWAY_SILENT_STOP:
            report.stopped = True  # down or unreachable: no point waiting on every order
            break
        report.asked += 1
        try:
            answer = gateway_get(order.gateway).query(order=order)
        except PaymentsError:
            report.unanswered.append(order.txn_ref)
            silent += 1
            continue
        silent = 0
        if answer.state in (QueryState.PAID, QueryState.FAILED) and answer.result is not None:
            outcome = _result_record(result=answer.result, source="querydr")
            if outcome.error:
                log.warning("querydr %s not recorded: %s", order.txn_ref, outcome.error)
                report.unanswered.append(order.txn_ref)
            elif outcome.applied and answer.state is QueryState.PAID:
                report.paid += 1
            elif outcome.applied:
                report.failed += 1
        elif answer.state is QueryState.NOT_FOUND:
            report.expired += order_expire(order=order, reason="not_found")
        elif order.created_at <= now - _timeout() - grace:
            report.expired += order_expire(order=order, reason="unfinished")
        else:
            report.pending += 1
    return report


def order_refund(*, order: Order, staff: User | None, reason: str) -> Order:
    """Record that a paid order's money went back to the reader (through the gateway's merchant
    portal): the library's ledger gives the payment back (``payment_refund``), the service it
    bought is withdrawn by its app's hook; audited with the reason. An order paid twice
    (``duplicate_of``) bought nothing: its refund leaves the service, paid by the other."""
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
        changes: dict[str, Any] = {"amount": locked.amount, "reason": reason[:255]}
        if locked.duplicate_of_id is None:
            for hook in order_refunded_hooks:
                hook(locked)
        else:  # paid twice: what was bought stays, paid by the first order
            changes["paid_twice"] = True
        audit_record(actor=staff, action="payments.order.refunded", obj=locked,
                     library=locked.library, changes=changes)
    return locked
