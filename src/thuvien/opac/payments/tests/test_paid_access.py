"""A reader pays for a paid digital object through the sandbox gateway, as their browser does:
the object refuses its tiles, manifest and PDF before; the page shows the price and a pay
button; the sandbox's page takes the payment; the signed return opens the object on every path,
with a receipt numbered for the library and year and the money in the library's ledger. A
cancelled or failed payment leaves it closed and says why. The IPN is idempotent and refuses
tampered signatures, wrong amounts and unknown orders, in VNPay's words."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.payments import vnpay
from thuvien.payments.models import Order, Receipt
from thuvien.payments.tests.conftest import Paths, make_object, make_reader, pay_at_sandbox

pytestmark = pytest.mark.django_db


def _start(reader, obj):
    response = reader.post(f"/payments/digital/{obj.pk}/pay/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sandbox/vnpay/paymentv2/vpcpay.html?")
    return response["Location"]


def test_paid_object_asks_for_payment_then_opens(world, reader, paid_obj):
    paths = Paths(paid_obj)
    others = [f"/iiif/3/image/{paid_obj.pk}-1/info.json", f"/iiif/3/{paid_obj.pk}/search?q=Trang"]
    for path in (paths.tile, paths.manifest, paths.pdf, *others):
        assert reader.get(path).status_code == 403, path
    page = reader.get(paths.viewer)
    assert page.status_code == 403
    text = page.content.decode()
    assert "20.000 đồng" in text and "Thanh toán trực tuyến" in text

    checkout = _start(reader, paid_obj)
    sandbox = reader.get(checkout)
    assert "20.000 đ" in sandbox.content.decode()
    done = pay_at_sandbox(reader, checkout)
    assert done.status_code == 200
    assert "Thanh toán thành công." in done.content.decode()

    tile = reader.get(paths.tile)
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"
    assert reader.get(paths.manifest).status_code == 200
    for path in others:
        assert reader.get(path).status_code == 200, path
    pdf = reader.get(paths.pdf)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")

    with scopes_disabled():
        order = Order.all_objects.get(user=reader.user)
        assert order.status == "paid" and order.amount == 20000
        receipt = Receipt.all_objects.get(order=order)
        year = timezone.localtime(receipt.issued_at).year  # numbered by the library's year
        assert receipt.number == f"BL-HY-TINH-{year}-000001"
        # the ledger of the library: a fee and its payment, nothing left owing
        assert order.fee.amount == 20000 and order.fee.outstanding == 0
        assert order.ledger_payment.amount == 20000
        from thuvien.digital.models import AccessGrant, UsageCount

        grant = AccessGrant.all_objects.get(obj=paid_obj, user=reader.user)
        # a grant runs 30 days from the reader's (Vietnam's) day, which begins at 17:00 UTC
        assert (grant.until - timezone.localdate(grant.created_at)).days == 30
        assert UsageCount.all_objects.get(obj=paid_obj).paid_uses == 1
    mine = reader.get("/payments/").content.decode()
    assert receipt.number in mine
    shown = reader.get(f"/payments/receipts/{receipt.number}/").content.decode()
    assert "BIÊN LAI THU TIỀN" in shown and "20.000 đ" in shown
    printed = reader.get(f"/payments/receipts/{receipt.number}/pdf")
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")


@pytest.mark.parametrize(("choice", "status", "why"), [
    ({"cancel": True}, "cancelled", "Bạn đã hủy giao dịch."),
    ({"card": "ncb-balance"}, "failed", "Tài khoản không đủ số dư để thanh toán."),
    ({"card": "ncb-locked"}, "failed", "Thẻ hoặc tài khoản bị khóa."),
])
def test_cancelled_or_failed_payment_leaves_it_closed_and_says_why(world, reader, paid_obj,
                                                                     choice, status, why):
    done = pay_at_sandbox(reader, _start(reader, paid_obj), **choice)
    text = done.content.decode()
    assert "chưa được mở" in text and why in text
    assert reader.get(Paths(paid_obj).tile).status_code == 403
    with scopes_disabled():
        order = Order.all_objects.get(user=reader.user)
        assert order.status == status and order.fee is None
        assert not Receipt.all_objects.exists()


def _result(order, code="00", amount=None):
    params = {"vnp_Amount": str((amount or order.amount) * 100), "vnp_TxnRef": order.txn_ref,
              "vnp_ResponseCode": code, "vnp_TransactionStatus": "00" if code == "00" else "02",
              "vnp_TransactionNo": "14226112", "vnp_BankCode": "NCB",
              "vnp_TmnCode": settings.PAYMENTS_VNPAY["tmn_code"]}
    return dict(parse_qsl(vnpay.signed_query(params, settings.PAYMENTS_VNPAY["hash_secret"])))


def test_ipn_is_idempotent_and_refuses_forgeries(world, reader, paid_obj):
    _start(reader, paid_obj)
    with scopes_disabled():
        order = Order.all_objects.get(user=reader.user)
    gateway = Client()  # VNPay's server: no session, no cookies
    good = _result(order)
    forged = {**good, "vnp_Amount": "100"}
    assert gateway.get("/payments/vnpay/ipn/?" + urlencode(forged)).json()["RspCode"] == "97"
    wrong = _result(order, amount=1000)
    assert gateway.get("/payments/vnpay/ipn/?" + urlencode(wrong)).json()["RspCode"] == "04"
    unknown = _result(order) | {"vnp_TxnRef": "TVNOPE"}
    unknown = _result(Order(amount=order.amount, txn_ref="TVNOPE"))
    assert gateway.get("/payments/vnpay/ipn/?" + urlencode(unknown)).json()["RspCode"] == "01"
    with scopes_disabled():
        order.refresh_from_db()
        assert order.status == "pending"

    first = gateway.get("/payments/vnpay/ipn/?" + urlencode(good)).json()
    again = gateway.get("/payments/vnpay/ipn/?" + urlencode(good)).json()
    assert first == {"RspCode": "00", "Message": "Confirm Success"}
    assert again == {"RspCode": "02", "Message": "Order already confirmed"}
    # the browser's return after the IPN changes nothing either
    reader.get("/payments/vnpay/return/?" + urlencode(good))
    with scopes_disabled():
        assert Receipt.all_objects.count() == 1
        from thuvien.circulation.models import Fee

        assert Fee.all_objects.count() == 1
    assert reader.get(Paths(paid_obj).tile).status_code == 200


def test_tampered_return_is_refused_and_opens_nothing(world, reader, paid_obj):
    _start(reader, paid_obj)
    with scopes_disabled():
        order = Order.all_objects.get(user=reader.user)
    forged = {**_result(order), "vnp_ResponseCode": "00", "vnp_SecureHash": "0" * 128}
    answer = reader.get("/payments/vnpay/return/?" + urlencode(forged))
    assert answer.status_code == 400
    assert "Chữ ký của cổng thanh toán không hợp lệ" in answer.content.decode()
    assert reader.get(Paths(paid_obj).tile).status_code == 403


def test_sandbox_refuses_a_tampered_payment_url(world, reader, paid_obj):
    checkout = _start(reader, paid_obj)
    tampered = checkout.replace("vnp_Amount=2000000", "vnp_Amount=100")
    page = reader.get(tampered)
    assert page.status_code == 400 and "Sai chữ ký." in page.content.decode()


def test_anonymous_visitor_is_asked_to_log_in_and_cannot_pay(world, paid_obj):
    visitor = Client()
    page = visitor.get(Paths(paid_obj).viewer)
    assert page.status_code == 401 and "Hãy đăng nhập để thanh toán" in page.content.decode()
    assert visitor.get(Paths(paid_obj).tile).status_code == 401
    response = visitor.post(f"/payments/digital/{paid_obj.pk}/pay/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    with scopes_disabled():
        assert not Order.all_objects.exists()


def test_receipts_are_numbered_per_library_and_year(world, tmp_path):
    other = make_object(world, tmp_path, title="Sách Hán Nôm", price=5000)
    school = make_object(world, tmp_path, title="Kỷ yếu trường", price=3000,
                         library=world.school)
    numbers = []
    for n, obj in enumerate([other, school, make_object(world, tmp_path, title="Bản đồ cổ")]):
        client = Client()
        client.force_login(make_reader(world, f"doc_gia_{n}"))
        pay_at_sandbox(client, _start(client, obj))
        with scopes_disabled():
            numbers.append(Receipt.all_objects.get(order__subject_id=obj.pk).number)
    year = numbers[0].split("-")[-2]
    assert numbers == [f"BL-HY-TINH-{year}-000001", f"BL-HY-THPT-{year}-000001",
                       f"BL-HY-TINH-{year}-000002"]


def test_someone_elses_receipt_and_order_are_not_found(world, reader, paid_obj):
    pay_at_sandbox(reader, _start(reader, paid_obj))
    with scopes_disabled():
        order = Order.all_objects.get(user=reader.user)
        number = order.receipt.number
    stranger = Client()
    stranger.force_login(make_reader(world, "nguoi_la"))
    assert stranger.get(f"/payments/receipts/{number}/").status_code == 404
    assert stranger.get(f"/payments/receipts/{number}/pdf").status_code == 404
    assert stranger.get(f"/payments/orders/{order.txn_ref}/").status_code == 404


def test_in_english_the_price_and_the_reason_are_english(world, reader, paid_obj):
    reader.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = reader.get(Paths(paid_obj).viewer).content.decode()
    assert "This document has a fee for use: 20,000 dong" in page and "Pay online" in page
    done = pay_at_sandbox(reader, _start(reader, paid_obj), cancel=True)
    text = done.content.decode()
    assert "The payment was cancelled; the document has not been opened." in text
    assert "You cancelled the transaction." in text


def test_sandbox_refuses_a_javascript_return_url_even_when_signed(world, reader):
    params = {"vnp_Version": "2.1.0", "vnp_Command": "pay",
              "vnp_TmnCode": settings.PAYMENTS_VNPAY["tmn_code"], "vnp_Amount": "2000000",
              "vnp_CurrCode": "VND", "vnp_TxnRef": "TVJS", "vnp_OrderInfo": "x",
              "vnp_ReturnUrl": "javascript:alert(document.cookie)", "vnp_IpAddr": "127.0.0.1",
              "vnp_CreateDate": "20990101000000", "vnp_ExpireDate": "20990101001500"}
    query = vnpay.signed_query(params, settings.PAYMENTS_VNPAY["hash_secret"])
    page = reader.get("/sandbox/vnpay/paymentv2/vpcpay.html?" + query)
    assert page.status_code == 400 and "Địa chỉ trả về không hợp lệ." in page.content.decode()
    back = reader.post("/sandbox/vnpay/paymentv2/submit", {"query": query, "card": "ncb-ok"})
    assert back.status_code == 400


def test_sandbox_is_off_when_switched_off(world, reader, paid_obj, settings):
    checkout = _start(reader, paid_obj)
    settings.PAYMENTS_SANDBOX_ENABLED = False
    assert reader.get(checkout).status_code == 404


def _pdf_text(content: bytes, tmp_path) -> str:
    import subprocess

    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(content)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_the_printed_receipt_speaks_the_readers_language(world, reader, paid_obj, tmp_path):
    pay_at_sandbox(reader, _start(reader, paid_obj))
    with scopes_disabled():
        number = Receipt.all_objects.get(order__user=reader.user).number
    vietnamese = _pdf_text(reader.get(f"/payments/receipts/{number}/pdf").content, tmp_path)
    assert "BIÊN LAI THU TIỀN" in vietnamese and "Số tiền:" in vietnamese
    assert "20.000 đồng" in vietnamese and "Amount" not in vietnamese
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _pdf_text(reader.get(f"/payments/receipts/{number}/pdf").content, tmp_path)
    # the legal title stays in Vietnamese above its English one; every label is English
    assert "BIÊN LAI THU TIỀN" in english and "RECEIPT" in english
    labels = ("Amount:", "Date received:", "Reader (card number):", "Online payment through VNPay")
    for label in labels:
        assert label in english, english
    for vietnamese_label in ("Số tiền", "Ngày thu", "Nội dung", "không cần chữ ký"):
        assert vietnamese_label not in english, english
