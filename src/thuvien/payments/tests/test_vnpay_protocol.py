"""VNPay's signature as its integration guide specifies it (HMAC-SHA512 over the sorted,
URL-encoded ``vnp_*`` parameters, hash fields left out, amounts × 100), checked against a
signature computed here by hand from the spec rather than by our own helper."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit

import pytest

from thuvien.payments import vnpay
from thuvien.payments.errors import PaymentsError

SECRET = "sandbox-hash-secret-not-for-production"


def _by_hand(params: dict[str, str]) -> str:
    data = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
    return hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()


def test_signature_is_hmac_sha512_over_sorted_urlencoded_query():
    params = {"vnp_TxnRef": "TV1", "vnp_Amount": "2000000", "vnp_OrderInfo": "Thanh toan TV1",
              "vnp_ReturnUrl": "http://x.test/payments/vnpay/return/"}
    encoded = {"vnp_TxnRef": "TV1", "vnp_Amount": "2000000",
               "vnp_OrderInfo": "Thanh+toan+TV1",
               "vnp_ReturnUrl": "http%3A%2F%2Fx.test%2Fpayments%2Fvnpay%2Freturn%2F"}
    assert vnpay.sign(params, SECRET) == _by_hand(encoded)
    # the hash fields themselves are not part of the signed data
    signed = {**params, "vnp_SecureHash": "x", "vnp_SecureHashType": "HmacSHA512"}
    assert vnpay.sign(signed, SECRET) == _by_hand(encoded)


def test_tampered_or_missing_signature_is_refused():
    params = {"vnp_TxnRef": "TV1", "vnp_Amount": "2000000", "vnp_ResponseCode": "00"}
    good = dict(parse_qsl(vnpay.signed_query(params, SECRET)))
    assert vnpay.signature_valid(good, SECRET)
    assert not vnpay.signature_valid({**good, "vnp_Amount": "100"}, SECRET)
    assert not vnpay.signature_valid({**good, "vnp_SecureHash": ""}, SECRET)
    assert not vnpay.signature_valid(good, "another-secret")


def test_payment_url_carries_amount_times_100_and_vietnam_time(world, settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from thuvien.payments.models import Order

    order = Order(amount=20000, txn_ref="TV261207ABCDE",
                  created_at=datetime(2026, 12, 7, 2, 30, tzinfo=ZoneInfo("UTC")))
    url = vnpay.VnpayGateway.from_settings().checkout_url(
        order=order, return_url="http://x.test/r/", ip="203.0.113.5", locale="vn")
    parts = urlsplit(url)
    assert parts.path == "/sandbox/vnpay/paymentv2/vpcpay.html"
    query = dict(parse_qsl(parts.query))
    assert query["vnp_Amount"] == "2000000"
    assert query["vnp_CurrCode"] == "VND" and query["vnp_Command"] == "pay"
    assert query["vnp_CreateDate"] == "20261207093000"  # 02:30 UTC is 09:30 in Hà Nội
    assert query["vnp_ExpireDate"] == "20261207094500"
    assert vnpay.signature_valid(query, SECRET)
    assert timezone.is_aware(order.created_at)


def test_merchant_api_defaults_to_vnpays_beside_its_payment_page(settings, caplog):
    """Production sets VNPay's payment page and no THUVIEN_VNPAY_API_URL: the worker asks
    VNPay's merchant API beside it (querydr), and says nothing of a missing address."""
    from thuvien.payments.models import Order

    conf = {"tmn_code": "PROD0001", "hash_secret": "s", "ipn_url": "", "api_url": ""}
    for pay_url, api in (
        ("https://pay.vnpay.vn/vpcpay.html",
         "https://merchant.vnpay.vn/merchant_webapi/api/transaction"),
        ("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
         "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"),
    ):
        settings.PAYMENTS_VNPAY = {**conf, "pay_url": pay_url}
        assert vnpay.VnpayGateway.from_settings().api_url == api
    # set, it wins (a proxy in front of VNPay)
    settings.PAYMENTS_VNPAY = {**conf, "pay_url": "https://pay.vnpay.vn/vpcpay.html",
                               "api_url": "https://vnpay-proxy.example.vn/api/transaction"}
    assert (vnpay.VnpayGateway.from_settings().api_url
            == "https://vnpay-proxy.example.vn/api/transaction")
    # another payment page gives no guess: the worker says the address is missing
    settings.PAYMENTS_VNPAY = {**conf, "pay_url": "https://pay.example.vn/vpcpay.html"}
    gateway = vnpay.VnpayGateway.from_settings()
    assert gateway.api_url == ""
    with pytest.raises(PaymentsError):
        gateway.query(order=Order(txn_ref="TV1", amount=1000))
    assert "THUVIEN_VNPAY_API_URL" in caplog.text
