"""One online payment, one receipt number: the reader's receipt, the desk's list of online
payments and the library's ledger (circulation) name it alike. The audit found the ledger
giving the same payment another number, dated by UTC (BL-HY-TINH-20261207-… for a payment made
at 06:58 on 08/12 in Hà Nội)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Payment
from thuvien.payments.models import Receipt

from .conftest import pay_at_sandbox

pytestmark = pytest.mark.django_db


def test_the_ledger_names_an_online_payment_by_its_receipt(world, reader, paid_obj,
                                                           staff_client):
    start = reader.post(f"/payments/digital/{paid_obj.pk}/pay/")
    assert start.status_code == 302
    assert "Thanh toán thành công." in pay_at_sandbox(reader, start["Location"]).content.decode()
    with scopes_disabled():
        receipt = Receipt.all_objects.get(order__user=reader.user)
        ledger = Payment.all_objects.get(patron__user=reader.user, kind="payment")
    assert ledger.receipt_number == receipt.number
    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    assert receipt.number in desk.get("/staff/payments/").content.decode()
    assert receipt.number in desk.get("/staff/circulation/ledger/").content.decode()


def test_numbers_carry_the_local_date(world, monkeypatch):
    """At 06:30 on 08/12 in Hà Nội (23:30 UTC on 07/12) a transaction reference and a desk
    receipt carry 08/12."""
    from thuvien.circulation.services.fees import fee_create, fee_pay
    from thuvien.circulation.tests.factories import make_patron
    from thuvien.payments.services import _txn_ref

    late = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert _txn_ref().startswith("TV261208")
    patron = make_patron(world.provincial)
    with scopes_disabled():
        fee = fee_create(patron=patron, library=world.provincial, kind="card", amount=20000,
                         staff=None, description="Phí cấp lại thẻ")
        payment = fee_pay(patron=patron, library=world.provincial, amount=20000, staff=None,
                          fees=[fee])
    assert "-20261208-" in payment.receipt_number
