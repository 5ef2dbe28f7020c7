"""VNPay's payment protocol (version 2.1.0), as its merchant integration guide specifies.

- The payment URL carries ``vnp_*`` parameters; the amount is in đồng × 100; dates are
  yyyyMMddHHmmss in Vietnam's time (GMT+7).
- ``vnp_SecureHash`` is HMAC-SHA512, keyed with the merchant's hash secret, over the
  parameters sorted by name, each ``name=value`` URL-encoded (spaces as ``+``) and joined with
  ``&``; ``vnp_SecureHash`` and ``vnp_SecureHashType`` are left out of the data.
- The return URL and the IPN carry the result signed the same way; the IPN is answered with
  ``{"RspCode": ..., "Message": ...}`` (00 confirmed, 01 order not found, 02 already
  confirmed, 04 invalid amount, 97 invalid signature, 99 other error).
- ``vnp_ResponseCode`` 00 is success, 24 the customer cancelled; the others are failures.
- The transaction query (``vnp_Command=querydr``) is a JSON POST to the merchant API
  (``/merchant_webapi/api/transaction``) asking by ``vnp_TxnRef`` and ``vnp_TransactionDate``
  (the payment's ``vnp_CreateDate``). Its ``vnp_SecureHash`` is HMAC-SHA512 over the values
  joined by ``|`` in a fixed order (``QUERY_REQUEST_FIELDS``); the answer is signed the same
  way over ``QUERY_RESPONSE_FIELDS`` (absent fields signed as empty strings). The answer's
  ``vnp_ResponseCode`` is the query's own (00 answered, 02 unknown merchant, 03 bad format,
  91 no such transaction, 94 duplicate request, 97 bad signature, 99 other error);
  ``vnp_TransactionStatus`` is the payment's (00 paid, 01 not finished, 02 failed, ...).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.error import URLError
from urllib.parse import quote_plus, urlencode, urlsplit
from urllib.request import Request, urlopen
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import PaymentsError, PaymentsErrorCode
from .gateway import GatewayResult, QueryAnswer, QueryState

if TYPE_CHECKING:
    from .models import Order

log = logging.getLogger(__name__)

VERSION = "2.1.0"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SUCCESS = "00"
CANCELLED = "24"

# VNPay's merchant API (querydr, refund) for each host of its payment page, the default of
# THUVIEN_VNPAY_API_URL: the test site's is in VNPay's guide (sandbox.vnpayment.vn/apis/docs/
# truy-van-hoan-tien/querydr&refund.html); production's (beside pay.vnpay.vn) is the one VNPay
# gives merchants at go-live. Another host (a proxy) sets THUVIEN_VNPAY_API_URL itself.
MERCHANT_API_BY_PAY_HOST = {
    "sandbox.vnpayment.vn": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
    "pay.vnpay.vn": "https://merchant.vnpay.vn/merchant_webapi/api/transaction",
}

QUERY_REQUEST_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode",
                        "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr",
                        "vnp_OrderInfo")
QUERY_RESPONSE_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message",
                         "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode",
                         "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType",
                         "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                         "vnp_PromotionAmount")
QUERY_FOUND = "00"
QUERY_NOT_FOUND = "91"
# vnp_TransactionStatus of a querydr answer
TXN_PAID = "00"
TXN_PENDING = "01"
TXN_FAILED = "02"


def timeout_minutes() -> int:
    """The gateway's payment timeout (``vnp_ExpireDate`` - ``vnp_CreateDate``), as set."""
    return int(settings.PAYMENTS_PENDING_TIMEOUT_MINUTES)

# vnp_ResponseCode -> what the reader is told (VNPay's table of response codes).
RESPONSE_MESSAGES = {
    "00": gettext_lazy("Giao dịch thành công."),
    "07": gettext_lazy("Trừ tiền thành công nhưng giao dịch bị nghi ngờ gian lận."),
    "09": gettext_lazy("Thẻ hoặc tài khoản chưa đăng ký dịch vụ ngân hàng trực tuyến."),
    "10": gettext_lazy("Xác thực thông tin thẻ hoặc tài khoản sai quá 3 lần."),
    "11": gettext_lazy("Đã hết hạn chờ thanh toán."),
    "12": gettext_lazy("Thẻ hoặc tài khoản bị khóa."),
    "13": gettext_lazy("Nhập sai mật khẩu xác thực giao dịch (OTP)."),
    "24": gettext_lazy("Bạn đã hủy giao dịch."),
    "51": gettext_lazy("Tài khoản không đủ số dư để thanh toán."),
    "65": gettext_lazy("Tài khoản đã vượt quá hạn mức giao dịch trong ngày."),
    "75": gettext_lazy("Ngân hàng thanh toán đang bảo trì."),
    "79": gettext_lazy("Nhập sai mật khẩu thanh toán quá số lần quy định."),
    "99": gettext_lazy("Lỗi khác của cổng thanh toán."),
}

IPN_CONFIRMED = {"RspCode": "00", "Message": "Confirm Success"}
IPN_NOT_FOUND = {"RspCode": "01", "Message": "Order not found"}
IPN_ALREADY = {"RspCode": "02", "Message": "Order already confirmed"}
IPN_AMOUNT = {"RspCode": "04", "Message": "Invalid amount"}
IPN_SIGNATURE = {"RspCode": "97", "Message": "Invalid signature"}
IPN_ERROR = {"RspCode": "99", "Message": "Unknown error"}


def response_message(code: str) -> str:
    return str(RESPONSE_MESSAGES.get(code, RESPONSE_MESSAGES["99"]))


def hash_data(params: Mapping[str, str]) -> str:
    """The signed text: ``vnp_*`` parameters but the hash, sorted, URL-encoded, joined."""
    return "&".join(
        f"{quote_plus(key)}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_")
        and key not in ("vnp_SecureHash", "vnp_SecureHashType")
        and str(value) != ""
    )


def sign(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), hash_data(params).encode("utf-8"), hashlib.sha512).hexdigest()


def signature_valid(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", ""))
    return bool(given) and hmac.compare_digest(given.lower(), sign(params, secret))


def pipe_sign(params: Mapping[str, Any], fields: tuple[str, ...], secret: str) -> str:
    """HMAC-SHA512 of the values of ``fields`` joined by ``|`` (absent ones empty)."""
    data = "|".join(str(params.get(name, "") or "") for name in fields)
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def pipe_signature_valid(params: Mapping[str, Any], fields: tuple[str, ...],
                         secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", "") or "")
    return bool(given) and hmac.compare_digest(given.lower(), pipe_sign(params, fields, secret))


def vn_time(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def signed_query(params: Mapping[str, str], secret: str) -> str:
    ordered = sorted((k, str(v)) for k, v in params.items() if str(v) != "")
    return urlencode([*ordered, ("vnp_SecureHash", sign(params, secret))])


def merchant_api_for(pay_url: str) -> str:
    """VNPay's merchant API beside the payment page ``pay_url`` ("" for another host)."""
    host = (urlsplit(pay_url).hostname or "").lower()
    return MERCHANT_API_BY_PAY_HOST.get(host, "")


@dataclass
class VnpayGateway:
    """A merchant's VNPay terminal: its code, hash secret and the payment page's URL."""

    tmn_code: str
    hash_secret: str
    pay_url: str
    api_url: str = ""
    code: str = "vnpay"

    @classmethod
    def from_settings(cls) -> VnpayGateway:
        conf: dict[str, Any] = settings.PAYMENTS_VNPAY
        return cls(tmn_code=conf["tmn_code"], hash_secret=conf["hash_secret"],
                   pay_url=conf["pay_url"],
                   api_url=conf.get("api_url") or merchant_api_for(conf["pay_url"]))

    def _ready(self) -> None:
        if not (self.tmn_code and self.hash_secret and self.pay_url):
            raise PaymentsError(
                PaymentsErrorCode.GATEWAY_OFF,
                _("Thanh toán trực tuyến chưa được cấu hình. Hãy liên hệ thư viện."),
            )

    def checkout_url(self, *, order: Order, return_url: str, ip: str, locale: str) -> str:
        self._ready()
        created = order.created_at
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(order.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.txn_ref,
            # VNPay asks for the order information without accents
            "vnp_OrderInfo": f"Thanh toan {order.txn_ref}",
            "vnp_OrderType": "other",
            "vnp_Locale": "en" if locale == "en" else "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": ip or "127.0.0.1",
            "vnp_CreateDate": vn_time(created),
            "vnp_ExpireDate": vn_time(created + timedelta(minutes=timeout_minutes())),
        }
        return f"{self.pay_url}?{signed_query(params, self.hash_secret)}"

    def result_from(self, params: Mapping[str, str]) -> GatewayResult:
        self._ready()
        if not signature_valid(params, self.hash_secret):
            raise PaymentsError(PaymentsErrorCode.SIGNATURE_INVALID,
                                _("Chữ ký của cổng thanh toán không hợp lệ."))
        try:
            amount_x100 = int(params.get("vnp_Amount", ""))
        except ValueError:
            raise PaymentsError(PaymentsErrorCode.AMOUNT_MISMATCH,
                                _("Số tiền cổng thanh toán báo về không hợp lệ.")) from None
        code = str(params.get("vnp_ResponseCode", ""))
        status = str(params.get("vnp_TransactionStatus", ""))
        return GatewayResult(
            txn_ref=str(params.get("vnp_TxnRef", "")),
            amount=amount_x100 // 100 if amount_x100 % 100 == 0 else -1,
            success=code == SUCCESS and status == SUCCESS,
            cancelled=code == CANCELLED,
            response_code=code[:4],
            transaction_no=str(params.get("vnp_TransactionNo", ""))[:32],
            bank_code=str(params.get("vnp_BankCode", ""))[:20],
        )

    def query(self, *, order: Order) -> QueryAnswer:
        """VNPay's querydr for ``order``, POSTed as JSON to the merchant API."""
        unavailable = PaymentsErrorCode.GATEWAY_UNAVAILABLE
        if not (self.tmn_code and self.hash_secret and self.api_url):
            log.warning("querydr %s: no merchant API configured (THUVIEN_VNPAY_API_URL)",
                        order.txn_ref)
            raise PaymentsError(unavailable, _("Chưa cấu hình địa chỉ tra cứu giao dịch của cổng "
                                               "thanh toán."))
        now = timezone.now()
        request = {
            "vnp_RequestId": timezone.localtime(now, VIETNAM).strftime("%H%M%S")
            + secrets.token_hex(8).upper(),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": order.txn_ref,
            "vnp_OrderInfo": f"Tra cuu {order.txn_ref}",
            "vnp_TransactionDate": vn_time(order.created_at),
            "vnp_CreateDate": vn_time(now),
            "vnp_IpAddr": "127.0.0.1",
        }
        request["vnp_SecureHash"] = pipe_sign(request, QUERY_REQUEST_FIELDS, self.hash_secret)
        if not self.api_url.startswith(("https://", "http://")):
            log.warning("querydr %s: THUVIEN_VNPAY_API_URL is not an http(s) URL", order.txn_ref)
            raise PaymentsError(unavailable, _("Chưa cấu hình địa chỉ tra cứu giao dịch của cổng "
                                               "thanh toán."))
        post = Request(  # noqa: S310 - http(s) only, checked above
            self.api_url, data=json.dumps(request).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        wait = float(settings.PAYMENTS_QUERY_TIMEOUT_SECONDS)
        try:
            with urlopen(post, timeout=wait) as response:  # noqa: S310 - http(s) checked above
                answer = json.loads(response.read())
        except (URLError, OSError, ValueError) as exc:
            log.warning("querydr %s: no answer from the gateway: %s", order.txn_ref, exc)
            raise PaymentsError(unavailable, _("Cổng thanh toán không trả lời.")) from None
        if not isinstance(answer, dict) or not pipe_signature_valid(
                answer, QUERY_RESPONSE_FIELDS, self.hash_secret):
            log.warning("querydr %s: the answer's signature is not valid", order.txn_ref)
            raise PaymentsError(unavailable, _("Chữ ký của cổng thanh toán không hợp lệ."))
        code = str(answer.get("vnp_ResponseCode", ""))
        if code == QUERY_NOT_FOUND:
            return QueryAnswer(state=QueryState.NOT_FOUND)
        if code != QUERY_FOUND or str(answer.get("vnp_TxnRef", "")) != order.txn_ref:
            log.warning("querydr %s: the gateway answered %s %s", order.txn_ref, code,
                        answer.get("vnp_Message", ""))
            raise PaymentsError(unavailable, _("Cổng thanh toán không trả lời được."))
        status = str(answer.get("vnp_TransactionStatus", ""))
        if status not in (TXN_PAID, TXN_FAILED):
            # 01 not finished; 07 held as suspected fraud; anything else: ask again later
            return QueryAnswer(state=QueryState.PENDING)
        try:
            amount_x100 = int(str(answer.get("vnp_Amount", "")))
        except ValueError:
            amount_x100 = -1
        result = GatewayResult(
            txn_ref=order.txn_ref,
            amount=amount_x100 // 100 if amount_x100 >= 0 and amount_x100 % 100 == 0 else -1,
            success=status == TXN_PAID,
            cancelled=False,
            # querydr gives the payment's status, not its response code
            response_code=SUCCESS if status == TXN_PAID else "",
            transaction_no=str(answer.get("vnp_TransactionNo", ""))[:32],
            bank_code=str(answer.get("vnp_BankCode", ""))[:20],
        )
        return QueryAnswer(state=QueryState.PAID if result.success else QueryState.FAILED,
                           result=result)
