"""A sandbox payment gateway that behaves like VNPay's test site (sandbox.vnpayment.vn), so the
whole payment flow runs on this machine with no outside service.

It is the *other side* of the protocol: it checks the merchant's signed payment URL (terminal
code, HMAC-SHA512 signature, expiry), shows the order on its own page, lets the tester pick one
of VNPay's published test cards (or cancel), then signs the result with the same secret, sends
the IPN to the merchant's registered IPN URL (server to server) and redirects the browser to the
signed return URL. It asks for no card number and keeps none. Like VNPay it remembers a
transaction from the moment its page is shown, and answers the merchant's signed transaction
query (querydr, a JSON POST to /merchant_webapi/api/transaction): not found (91) for a reference
it never saw, else the payment's status (00 paid, 01 not finished, 02 failed). Switched on by
``PAYMENTS_SANDBOX_ENABLED`` (on in development, demo and tests; off in production unless
``THUVIEN_PAYMENTS_SANDBOX=1``); when off its URLs answer 404.
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import datetime
from typing import Any
from urllib.error import URLError
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from thuvien.core.access import public_view

from .. import vnpay
from ..models import SandboxTransaction

log = logging.getLogger(__name__)

# VNPay's published NCB test cards and what paying with each answers.
TEST_CARDS = {
    "ncb-ok": ("9704198526191432198", gettext_lazy("thanh toán thành công"), "00"),
    "ncb-balance": ("9704195798459170488", gettext_lazy("không đủ số dư"), "51"),
    "ncb-locked": ("9704193370791314", gettext_lazy("thẻ bị khóa"), "12"),
}


def _enabled() -> None:
    if not getattr(settings, "PAYMENTS_SANDBOX_ENABLED", False):
        raise Http404


def _conf() -> dict[str, Any]:
    conf: dict[str, Any] = settings.PAYMENTS_VNPAY
    return conf


def _check(params: dict[str, str]) -> str:
    """What is wrong with a payment URL, in the words VNPay's page uses; "" when nothing."""
    conf = _conf()
    if params.get("vnp_TmnCode") != conf["tmn_code"]:
        return _("Website này chưa được phê duyệt (mã website không đúng).")
    if not vnpay.signature_valid(params, conf["hash_secret"]):
        return _("Sai chữ ký.")
    try:
        amount = int(params.get("vnp_Amount", ""))
        expires = datetime.strptime(params.get("vnp_ExpireDate", ""), "%Y%m%d%H%M%S").replace(
            tzinfo=vnpay.VIETNAM)
    except ValueError:
        return _("Dữ liệu gửi sang không đúng định dạng.")
    if amount <= 0 or amount % 100:
        return _("Số tiền không hợp lệ.")
    if expires < timezone.now():
        return _("Giao dịch đã quá thời gian chờ thanh toán.")
    if urlsplit(params.get("vnp_ReturnUrl", "")).scheme not in ("http", "https"):
        return _("Địa chỉ trả về không hợp lệ.")
    return ""


@require_GET
@public_view
def pay_page(request: HttpRequest) -> HttpResponse:
    _enabled()
    params = request.GET.dict()
    problem = _check(params)
    if problem:
        return render(request, "payments/sandbox/error.html", {"problem": problem}, status=400)
    txn = _opened(params)
    if txn.response_code:
        return render(request, "payments/sandbox/error.html",
                      {"problem": _("Giao dịch này đã được xử lý.")}, status=400)
    return render(request, "payments/sandbox/pay.html", {
        "params": params,
        "amount": int(params["vnp_Amount"]) // 100,
        "query": request.GET.urlencode(),
        "cards": [(key, number, label) for key, (number, label, _code) in TEST_CARDS.items()],
    })


def _opened(params: dict[str, str]) -> SandboxTransaction:
    """The gateway's record of this payment, made when its page is first shown."""
    ref, create_date = params["vnp_TxnRef"][:32], params.get("vnp_CreateDate", "")[:14]
    txn = (SandboxTransaction.objects.filter(txn_ref=ref, create_date=create_date)
           .order_by("-pk").first())
    if txn is None:
        txn = SandboxTransaction.objects.create(
            txn_ref=ref, create_date=create_date, amount_x100=int(params["vnp_Amount"]),
            transaction_no=f"{secrets.randbelow(10**8):08d}")
    return txn


def _deliver_ipn(result: dict[str, str]) -> None:
    """Call the merchant's IPN URL as VNPay's server does; its JSON answer is logged."""
    url = _conf().get("ipn_url", "")
    if not url:
        return
    try:
        with urlopen(f"{url}?{urlencode(result)}", timeout=10) as answer:  # noqa: S310
            log.info("sandbox IPN %s answered %s", result.get("vnp_TxnRef"),
                     json.loads(answer.read() or b"{}"))
    except (URLError, OSError, ValueError) as exc:
        log.warning("sandbox IPN %s not delivered: %s", result.get("vnp_TxnRef"), exc)


@require_POST
@public_view
def pay_submit(request: HttpRequest) -> HttpResponse:
    _enabled()
    params = dict(parse_qsl(request.POST.get("query", ""), keep_blank_values=True))
    problem = _check(params)
    if problem:
        return render(request, "payments/sandbox/error.html", {"problem": problem}, status=400)
    if "cancel" in request.POST:
        code = vnpay.CANCELLED
    else:
        card = TEST_CARDS.get(request.POST.get("card", ""))
        if card is None:
            return render(request, "payments/sandbox/error.html",
                          {"problem": _("Hãy chọn một thẻ thử nghiệm.")}, status=400)
        code = card[2]
    with transaction.atomic():
        txn = SandboxTransaction.objects.select_for_update().get(pk=_opened(params).pk)
        if txn.response_code:  # paid, failed or cancelled already: VNPay takes it only once
            return render(request, "payments/sandbox/error.html",
                          {"problem": _("Giao dịch này đã được xử lý.")}, status=400)
        txn.response_code = code
        txn.bank_code = "NCB" if code != vnpay.CANCELLED else "VNPAY"
        txn.paid_at = timezone.now()
        txn.save(update_fields=["response_code", "bank_code", "paid_at"])
    transaction_no = txn.transaction_no
    result = {
        "vnp_Amount": params["vnp_Amount"],
        "vnp_BankCode": txn.bank_code,
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": params.get("vnp_OrderInfo", ""),
        "vnp_PayDate": vnpay.vn_time(timezone.now()),
        "vnp_ResponseCode": code,
        "vnp_TmnCode": params["vnp_TmnCode"],
        "vnp_TransactionNo": transaction_no if code == vnpay.SUCCESS else "0",
        "vnp_TransactionStatus": "00" if code == vnpay.SUCCESS else "02",
        "vnp_TxnRef": params["vnp_TxnRef"],
    }
    if code == vnpay.SUCCESS:
        result["vnp_BankTranNo"] = "VNP" + transaction_no
    query = vnpay.signed_query(result, _conf()["hash_secret"])
    _deliver_ipn(dict(parse_qsl(query)))
    return HttpResponseRedirect(f"{params['vnp_ReturnUrl']}?{query}")


# querydr's answer codes and the words VNPay's merchant API gives with them
QUERY_MESSAGES = {
    "00": "QueryDR Success",
    "02": "Merchant invalid",
    "03": "Invalid data format",
    "91": "Transaction not found",
    "94": "Duplicate request",
    "97": "Invalid Checksum",
    "99": "Unknown error",
}


def _query_answer(request_id: str, code: str, fields: dict[str, str] | None = None
                  ) -> JsonResponse:
    answer = {"vnp_ResponseId": secrets.token_hex(16), "vnp_Command": "querydr",
              "vnp_ResponseCode": code, "vnp_Message": QUERY_MESSAGES[code],
              "vnp_TmnCode": _conf()["tmn_code"], **(fields or {})}
    answer["vnp_SecureHash"] = vnpay.pipe_sign(answer, vnpay.QUERY_RESPONSE_FIELDS,
                                               _conf()["hash_secret"])
    log.info("sandbox querydr %s answered %s", request_id, code)
    return JsonResponse(answer)


@csrf_exempt  # a server-to-server API, authenticated by its signature
@require_POST
@public_view
def merchant_api(request: HttpRequest) -> HttpResponse:
    """VNPay's merchant API, transaction query (querydr) only."""
    _enabled()
    try:
        params = json.loads(request.body or b"{}")
    except ValueError:
        params = None
    if not isinstance(params, dict) or not all(
            isinstance(params.get(name), str) and params[name]
            for name in (*vnpay.QUERY_REQUEST_FIELDS, "vnp_SecureHash")):
        return _query_answer("", "03")
    request_id = params["vnp_RequestId"][:32]
    if params["vnp_Command"] != "querydr":
        return _query_answer(request_id, "99")
    if params["vnp_TmnCode"] != _conf()["tmn_code"]:
        return _query_answer(request_id, "02")
    if not vnpay.pipe_signature_valid(params, vnpay.QUERY_REQUEST_FIELDS, _conf()["hash_secret"]):
        return _query_answer(request_id, "97")
    if not cache.add(f"sandbox-querydr:{params['vnp_TmnCode']}:{request_id}", 1, 86400):
        return _query_answer(request_id, "94")  # a request id is good once a day
    txn = (SandboxTransaction.objects
           .filter(txn_ref=params["vnp_TxnRef"][:32],
                   create_date=params["vnp_TransactionDate"][:14])
           .order_by("-pk").first())
    if txn is None:
        return _query_answer(request_id, "91", {"vnp_TxnRef": params["vnp_TxnRef"][:100]})
    status = {"": vnpay.TXN_PENDING, vnpay.SUCCESS: vnpay.TXN_PAID}.get(txn.response_code,
                                                                      vnpay.TXN_FAILED)
    return _query_answer(request_id, "00", {
        "vnp_TxnRef": txn.txn_ref,
        "vnp_Amount": str(txn.amount_x100),
        "vnp_OrderInfo": params["vnp_OrderInfo"],
        "vnp_BankCode": txn.bank_code,
        "vnp_PayDate": vnpay.vn_time(txn.paid_at) if txn.paid_at else "",
        "vnp_TransactionNo": txn.transaction_no if status == vnpay.TXN_PAID else "0",
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": status,
    })
