"""The library's staff see their own library's online payments and refund one with a reason
(audited): the object closes again for the reader; the receipt says it was refunded. A
circulation librarian may look but not refund; another library's staff see nothing of it."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.core.models import AuditEntry
from thuvien.payments.models import Order
from thuvien.payments.tests.conftest import Paths, pay_at_sandbox

pytestmark = pytest.mark.django_db


def _paid(reader, obj):
    start = reader.post(f"/payments/digital/{obj.pk}/pay/")
    pay_at_sandbox(reader, start["Location"])
    with scopes_disabled():
        return Order.all_objects.get(user=reader.user)


def test_staff_refund_with_reason_closes_the_object_again(world, reader, paid_obj,
                                                          staff_client):
    order = _paid(reader, paid_obj)
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    admin = staff_client(world.users["tinh_library_admin"], world.provincial)
    listing = admin.get("/staff/payments/").content.decode()
    assert order.receipt.number in listing and "20.000" in listing

    admin.post(f"/staff/payments/{order.pk}/refund/", {"reason": ""})
    order.refresh_from_db()
    assert order.status == "paid"
    admin.post(f"/staff/payments/{order.pk}/refund/", {"reason": "Bạn đọc trả nhầm tài liệu"})
    order.refresh_from_db()
    assert order.status == "refunded" and order.refund_reason == "Bạn đọc trả nhầm tài liệu"
    assert reader.get(Paths(paid_obj).tile).status_code == 403
    with scopes_disabled():
        entry = AuditEntry.objects.filter(action="payments.order.refunded").get()
        assert entry.actor_id == world.users["tinh_library_admin"].pk
    receipt = reader.get(f"/payments/receipts/{order.receipt.number}/").content.decode()
    assert "Đã hoàn tiền" in receipt
    # the money left the library's ledger: received 20.000, given back 20.000, kept 0
    ledger = admin.get("/staff/circulation/ledger/").content.decode()
    assert "Đã thu: 20.000 đ" in ledger and "Đã hoàn tiền: 20.000 đ" in ledger
    assert "Thực thu: 0 đ" in ledger and "−20.000 đ" in ledger
    # once only: a second refund is refused and the ledger does not move
    admin.post(f"/staff/payments/{order.pk}/refund/", {"reason": "lần nữa"})
    with scopes_disabled():
        from thuvien.circulation.models import Payment

        assert Payment.all_objects.filter(kind="refund").count() == 1
        refund = Payment.all_objects.get(kind="refund")
        assert refund.refund_of_id == order.ledger_payment_id
        assert refund.note == "Bạn đọc trả nhầm tài liệu"


def test_circulation_librarian_sees_but_cannot_refund(world, reader, paid_obj, staff_client):
    order = _paid(reader, paid_obj)
    desk = staff_client(world.users["tinh_circulation"], world.provincial)
    assert desk.get("/staff/payments/").status_code == 200
    assert desk.post(f"/staff/payments/{order.pk}/refund/",
                     {"reason": "thử"}).status_code == 403
    order.refresh_from_db()
    assert order.status == "paid"


def test_another_librarys_staff_see_nothing(world, reader, paid_obj, staff_client):
    order = _paid(reader, paid_obj)
    other = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    assert order.txn_ref not in other.get("/staff/payments/").content.decode()
    assert other.post(f"/staff/payments/{order.pk}/refund/",
                      {"reason": "x"}).status_code == 404
    assert other.get(f"/staff/payments/receipts/{order.receipt.number}/").status_code == 404
