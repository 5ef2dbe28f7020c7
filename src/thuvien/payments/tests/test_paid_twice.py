"""A reader pays twice for one thing: their first payment, begun on the gateway's page and
closed by the worker as expired while the bank was slow, goes through after they had paid again
(or while their second order is open). The money was taken twice; the service is charged once:
one fee and one payment in the library's ledger, one receipt. The second payment to arrive is
recorded as paid twice, named on the desk's list with the order that paid first, and refunded by
hand at the desk, which leaves the reader what they paid for.

The sandbox gateway answers over HTTP on the live server (its IPN reaches the library as
VNPay's does), as in opac/payments/tests/test_pending_expiry.py."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from django_scopes import scopes_disabled

from thuvien.core.models import AuditEntry
from thuvien.payments.models import Order, Receipt
from thuvien.payments.services import orders_pending_check

from .conftest import Paths, local, minutes_pass, pay_at_sandbox

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gateway(settings, live_server):
    settings.PAYMENTS_VNPAY = {
        **settings.PAYMENTS_VNPAY,
        "api_url": f"{live_server.url}/sandbox/vnpay/merchant_webapi/api/transaction",
        "ipn_url": f"{live_server.url}/payments/vnpay/ipn/",
    }
    return live_server


def _start(reader, obj) -> str:
    response = reader.post(f"/payments/digital/{obj.pk}/pay/")
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def _ref(checkout: str) -> str:
    return dict(parse_qsl(urlsplit(checkout).query))["vnp_TxnRef"]


def _order(ref: str) -> Order:
    with scopes_disabled():
        return Order.all_objects.get(txn_ref=ref)


def _pay_on_open_page(reader, page) -> str:
    """The payment on a gateway page the reader opened earlier goes through now."""
    back = reader.post("/sandbox/vnpay/paymentv2/submit",
                       {"query": page.context["query"], "card": "ncb-ok", "pay": "1"})
    assert back.status_code == 302
    return back["Location"]


def _ledger(reader) -> tuple[int, int, int]:
    from thuvien.circulation.models import Fee, Payment

    with scopes_disabled():
        patron = _patron(reader)
        return (Fee.all_objects.filter(patron=patron).count(),
                Payment.all_objects.filter(patron=patron, kind="payment").count(),
                Receipt.all_objects.filter(order__user=reader.user).count())


def _patron(reader):
    from thuvien.patrons.models import Patron

    return Patron.all_objects.get(user=reader.user)


def _expire_while_on_the_page(reader, obj):
    """The reader reaches the gateway's page and the bank is slow: the worker, asking the
    gateway past the timeout and grace, closes the order as expired."""
    checkout = _start(reader, obj)
    page = reader.get(local(checkout))
    assert page.status_code == 200
    minutes_pass(_ref(checkout), 31)
    assert orders_pending_check().expired == 1
    return _ref(checkout), page


def test_first_payment_arriving_after_the_second_is_set_apart_for_refund(
        world, reader, paid_obj, gateway, staff_client):
    first, first_page = _expire_while_on_the_page(reader, paid_obj)
    assert "Bạn có thể thanh toán lại." in reader.get(f"/payments/orders/{first}/").content.decode()

    again = _start(reader, paid_obj)
    second = _ref(again)
    assert second != first
    assert "Thanh toán thành công." in pay_at_sandbox(reader, again).content.decode()
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    assert _ledger(reader) == (1, 1, 1)

    # the first payment goes through at last: its IPN arrives, then the browser's return
    late_return = _pay_on_open_page(reader, first_page)
    reader.get(local(late_return))
    assert _order(first).status == "paid" and _order(second).status == "paid"
    # the money was taken twice, the document is charged once
    assert _ledger(reader) == (1, 1, 1)
    with scopes_disabled():
        [twice] = AuditEntry.objects.filter(action="payments.order.paid_twice")
        assert AuditEntry.objects.filter(action="payments.order.paid_after_expiry").count() == 0
    assert twice.changes["first_paid"] == second and twice.changes["source"] == "ipn"
    shown = reader.get(f"/payments/orders/{first}/").content.decode()
    assert "Bạn đã thanh toán hai lần cho cùng một nội dung" in shown
    assert f"giao dịch {second}" in shown

    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    listing = desk.get("/staff/payments/").content.decode()
    assert (f"Trả hai lần: bạn đọc đã thanh toán nội dung này ở giao dịch {second}. "
            "Cần hoàn lại khoản này cho bạn đọc.") in listing
    assert listing.count("Trả hai lần") == 1  # on the second payment's row only

    # refunded by hand (through VNPay's merchant portal), then recorded at the desk
    desk.post(f"/staff/payments/{_order(first).pk}/refund/",
              {"reason": "Trả hai lần; đã hoàn qua cổng VNPay"})
    assert _order(first).status == "refunded" and _order(second).status == "paid"
    assert reader.get(Paths(paid_obj).tile).status_code == 200  # what was paid for stays
    assert _ledger(reader) == (1, 1, 1)
    listing = desk.get("/staff/payments/").content.decode()
    assert "Cần hoàn lại khoản này" not in listing


def test_second_payment_arriving_after_the_late_first_is_set_apart_for_refund(
        world, reader, paid_obj, gateway, staff_client):
    first, first_page = _expire_while_on_the_page(reader, paid_obj)
    again = _start(reader, paid_obj)
    second = _ref(again)
    second_page = reader.get(local(again))  # the reader is on the gateway's page again

    _pay_on_open_page(reader, first_page)  # the first goes through meanwhile: credited
    assert _order(first).status == "paid"
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="payments.order.paid_after_expiry").count() == 1

    _pay_on_open_page(reader, second_page)  # and the reader pays the second too
    assert _order(second).status == "paid"
    assert _ledger(reader) == (1, 1, 1)
    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    listing = desk.get("/staff/payments/").content.decode()
    assert f"bạn đọc đã thanh toán nội dung này ở giao dịch {first}." in listing


def test_paying_again_after_the_access_ran_out_is_no_double_payment(
        world, reader, paid_obj, gateway):
    """A reader whose paid access ended pays again for the same document: a new purchase."""
    from datetime import timedelta

    from django.utils import timezone

    from thuvien.digital.models import AccessGrant

    pay_at_sandbox(reader, _start(reader, paid_obj))
    with scopes_disabled():
        AccessGrant.all_objects.filter(user=reader.user).update(
            until=timezone.localdate() - timedelta(days=1))
        Order.all_objects.filter(user=reader.user).update(
            created_at=timezone.now() - timedelta(days=31),
            paid_at=timezone.now() - timedelta(days=31))
    assert reader.get(Paths(paid_obj).tile).status_code == 403

    pay_at_sandbox(reader, _start(reader, paid_obj))
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    assert _ledger(reader) == (2, 2, 2)
    with scopes_disabled():
        assert not AuditEntry.objects.filter(action="payments.order.paid_twice").exists()
