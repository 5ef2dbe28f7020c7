"""Declaring a copy lost charges only the amount the desk confirmed; the same day it can be
undone (loan open again, copy on loan, fee gone, audited); later, or once paid, it cannot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.circulation.errors import CirculationError
from thuvien.circulation.models import Fee, Loan
from thuvien.circulation.selectors import lost_fee_quote, lost_fees_undoable
from thuvien.circulation.services import fee_pay, item_declare_lost, item_lost_undo, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.core.models import AuditEntry
from thuvien.holdings.models import ItemStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def lent(world):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial, price=85000)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)
    return world, patron, item, loan


def test_quote_is_what_is_charged_and_a_changed_price_is_refused(lent):
    world, patron, item, loan = lent
    assert lost_fee_quote(loan=loan) == 85000
    item.price = 90000
    item.save(update_fields=["price"])
    with pytest.raises(CirculationError) as exc:
        item_declare_lost(loan=loan, staff=None, expected_amount="85000")
    assert exc.value.code == "lost_fee_changed"
    assert Fee.all_objects.count() == 0
    assert Loan.all_objects.get(pk=loan.pk).returned_at is None
    fee = item_declare_lost(loan=loan, staff=None, expected_amount="90000")
    assert fee.amount == 90000


def test_undo_the_same_day_restores_loan_item_and_removes_fee(lent, settings):
    world, patron, item, loan = lent
    user = world.users["tinh_circulation"]
    fee = item_declare_lost(loan=loan, staff=user, expected_amount=85000)
    assert lost_fees_undoable(patron=patron, library=world.provincial) == [fee]
    item_lost_undo(fee=fee, library=world.provincial, staff=user)
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.returned_at is None and item.status == ItemStatus.ON_LOAN
    assert not Fee.all_objects.filter(pk=fee.pk).exists()
    entry = AuditEntry.objects.get(action="circulation.loan.lost_undone")
    assert entry.actor == user and entry.changes["amount"] == "85000"
    assert AuditEntry.objects.filter(action="circulation.loan.declared_lost").exists()


def test_undo_refused_after_the_day_after_payment_and_elsewhere(lent):
    world, patron, item, loan = lent
    fee = item_declare_lost(loan=loan, staff=None)
    with pytest.raises(CirculationError) as exc:
        item_lost_undo(fee=fee, library=world.commune_a, staff=None)  # another library's fee
    assert exc.value.code == "lost_undo_not_possible"
    Fee.all_objects.filter(pk=fee.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(CirculationError) as exc:
        item_lost_undo(fee=fee, library=world.provincial, staff=None)
    assert exc.value.code == "lost_undo_too_late"
    Fee.all_objects.filter(pk=fee.pk).update(created_at=timezone.now())
    fee_pay(patron=patron, library=world.provincial, amount=1000, staff=None)
    with pytest.raises(CirculationError) as exc:
        item_lost_undo(fee=fee, library=world.provincial, staff=None)
    assert exc.value.code == "lost_undo_fee_settled"
    assert lost_fees_undoable(patron=patron, library=world.provincial) == []
    item.refresh_from_db()
    assert item.status == ItemStatus.LOST
