"""A copy the reader lost or damaged: declare it (close the loan, mark the copy, charge its
price) and undo that the same day when the book turns up or the desk pressed the wrong row.

The desk confirms the amount first (``selectors.lost_fee_quote``); the service charges only
that amount, so a price edited in between is refused (``lost_fee_changed``) instead of
charging the reader something nobody saw.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from thuvien.core.audit import audit_record
from thuvien.holdings.item_sql import item_lock
from thuvien.holdings.models import ItemStatus

from ..errors import CirculationError, CirculationErrorCode
from ..items import item_set_status
from ..models import Fee, FeeKind, Loan
from ..selectors import lost_fee_quote, lost_undo_refusal
from .fees import fee_create

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library

C = CirculationErrorCode


def item_declare_lost(
    *, loan: Loan, staff: User, damaged: bool = False, expected_amount: Any = None
) -> Fee:
    """The reader lost (or damaged) the copy: close the loan, mark the copy, charge its price.

    ``expected_amount`` is the amount the desk confirmed; a different price now is refused."""
    with transaction.atomic():
        item = item_lock(pk=loan.item_id)
        loan = Loan.all_objects.select_related("patron", "library").get(pk=loan.pk)
        if loan.returned_at is not None or loan.patron is None:
            raise CirculationError(C.ITEM_NOT_ON_LOAN)
        loan.item = item
        price = lost_fee_quote(loan=loan)
        if expected_amount is not None:
            try:
                expected = Decimal(str(expected_amount)).quantize(Decimal(1))
            except ArithmeticError:
                expected = None
            if expected != price:
                raise CirculationError(C.LOST_FEE_CHANGED, amount=str(price))
        loan.returned_at = timezone.now()
        loan.returned_library = loan.library
        loan.save(update_fields=["returned_at", "returned_library"])
        item_set_status(
            item=item, status=ItemStatus.DAMAGED if damaged else ItemStatus.LOST, actor=staff
        )
        fee = fee_create(
            patron=loan.patron,
            library=loan.library,
            kind=FeeKind.DAMAGED if damaged else FeeKind.LOST,
            amount=price,
            staff=staff,
            description=item.barcode,
            loan=loan,
        )
        audit_record(
            actor=staff,
            action=f"circulation.loan.declared_{'damaged' if damaged else 'lost'}",
            obj=loan,
            library=loan.library,
            changes={"item": item.barcode, "amount": str(price)},
        )
    return fee


def item_lost_undo(*, fee: Fee, library: Library, staff: User) -> Loan:
    """Undo a lost/damaged declaration the same day: the loan is open again with its due date,
    the copy is back on loan, and the unpaid fee is removed (the audit keeps its amount)."""
    with transaction.atomic():
        # Lock the fee row alone (PostgreSQL refuses FOR UPDATE across the nullable joins).
        locked = (
            Fee.all_objects.select_for_update(of=("self",))
            .select_related("loan", "patron")
            .filter(pk=fee.pk, library=library)
            .first()
        )
        loan = locked.loan if locked is not None else None
        if locked is None or loan is None:
            raise CirculationError(C.LOST_UNDO_NOT_POSSIBLE)
        fee = locked
        item = item_lock(pk=loan.item_id)
        loan.item = item
        refusal = lost_undo_refusal(fee=fee)
        if refusal is not None:
            raise CirculationError(refusal)
        loan.returned_at = None
        loan.returned_library = None
        loan.save(update_fields=["returned_at", "returned_library"])
        item_set_status(item=item, status=ItemStatus.ON_LOAN, actor=staff)
        audit_record(
            actor=staff,
            action="circulation.loan.lost_undone",
            obj=loan,
            library=library,
            changes={"item": item.barcode, "amount": str(fee.amount), "kind": fee.kind},
        )
        fee.delete()
    return loan
