"""Pending orders do not stay pending for ever (the audit's finding): a reader who leaves the
gateway's page leaves an order that the worker, past the gateway's payment timeout, asks the
gateway about with VNPay's transaction query (querydr), here the sandbox over HTTP on the live
server, with the queue in Huey's immediate mode as the suite runs it.

Time passes for both sides at once (``minutes_pass``): the order's creation moves back and the
sandbox's record of the payment with it, since querydr asks by reference *and* date."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from urllib.parse import parse_qsl, urlsplit
from urllib.request import Request, urlopen

import pytest
from django_scopes import scopes_disabled

from thuvien.core.models import AuditEntry
from thuvien.payments import vnpay
from thuvien.payments.models import Order, Receipt
from thuvien.payments.tasks import payments_pending_check
from thuvien.payments.tests.conftest import (
    Paths,
    local,
    make_object,
    minutes_pass,
    pay_at_sandbox,
)

pytestmark = pytest.mark.django_db(transaction=True)

API = "/sandbox/vnpay/merchant_webapi/api/transaction"
SECRET = "sandbox-hash-secret-not-for-production"


@pytest.fixture
def gateway(settings, live_server):
    """The sandbox as a server the worker (and the sandbox's IPN) reach over HTTP."""
    settings.PAYMENTS_VNPAY = {
        **settings.PAYMENTS_VNPAY,
        "api_url": f"{live_server.url}{API}",
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


def _run_job() -> dict:
    """The periodic task, enqueued as the scheduler does (immediate mode runs it now); what it
    did, as it reports it in its log line (Huey keeps no result of a periodic task)."""
    reports: list[dict] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            reports.append(record.report)  # type: ignore[attr-defined]

    logger = logging.getLogger("thuvien.payments.tasks")
    handler, level = Keep(level=logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        payments_pending_check()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return reports[0] if reports else {"asked": 0}


def _audits(action: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(action=action))


def _submit(reader, checkout: str, card: str = "ncb-ok"):
    """Pay on the sandbox's page, but the browser never comes back (closed, no signal)."""
    page = reader.get(local(checkout))
    assert page.status_code == 200
    back = reader.post(
        "/sandbox/vnpay/paymentv2/submit",
        {"query": page.context["query"], "card": card, "pay": "1"},
    )
    assert back.status_code == 302
    return back["Location"]


# -- the sandbox answers querydr as VNPay's merchant API does ---------------------------------


def _by_hand(values: list[str]) -> str:
    return hmac.new(SECRET.encode(), "|".join(values).encode(), hashlib.sha512).hexdigest()


def _querydr(url: str, ref: str, date: str, request_id: str, **override: str) -> dict:
    body = {
        "vnp_RequestId": request_id,
        "vnp_Version": "2.1.0",
        "vnp_Command": "querydr",
        "vnp_TmnCode": "THUVIEN1",
        "vnp_TxnRef": ref,
        "vnp_TransactionDate": date,
        "vnp_CreateDate": "20261207100000",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": "Tra cuu",
    }
    body["vnp_SecureHash"] = _by_hand(
        [
            body[k]
            for k in (
                "vnp_RequestId",
                "vnp_Version",
                "vnp_Command",
                "vnp_TmnCode",
                "vnp_TxnRef",
                "vnp_TransactionDate",
                "vnp_CreateDate",
                "vnp_IpAddr",
                "vnp_OrderInfo",
            )
        ]
    )
    body.update(override)
    request = Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=10) as answer:  # noqa: S310 - the live test server
        return json.loads(answer.read())


def _answer_signed(answer: dict) -> bool:
    fields = (
        "vnp_ResponseId",
        "vnp_Command",
        "vnp_ResponseCode",
        "vnp_Message",
        "vnp_TmnCode",
        "vnp_TxnRef",
        "vnp_Amount",
        "vnp_BankCode",
        "vnp_PayDate",
        "vnp_TransactionNo",
        "vnp_TransactionType",
        "vnp_TransactionStatus",
        "vnp_OrderInfo",
        "vnp_PromotionCode",
        "vnp_PromotionAmount",
    )
    return answer["vnp_SecureHash"] == _by_hand([str(answer.get(k, "")) for k in fields])


def test_sandbox_answers_querydr_signed_as_vnpay_specifies(world, reader, paid_obj, gateway):
    url = f"{gateway.url}{API}"
    checkout = _start(reader, paid_obj)
    ref = _ref(checkout)
    date = dict(parse_qsl(urlsplit(checkout).query))["vnp_CreateDate"]

    unknown = _querydr(url, ref, date, "R1")  # the reader has not reached the page yet
    assert unknown["vnp_ResponseCode"] == "91" and _answer_signed(unknown)
    reader.get(local(checkout))
    opened = _querydr(url, ref, date, "R2")
    assert (opened["vnp_ResponseCode"], opened["vnp_TransactionStatus"]) == ("00", "01")
    assert opened["vnp_Amount"] == "2000000" and _answer_signed(opened)
    assert _querydr(url, ref, "20200101000000", "R3")["vnp_ResponseCode"] == "91"  # wrong date
    assert _querydr(url, ref, date, "R2")["vnp_ResponseCode"] == "94"  # request id reused
    assert _querydr(url, ref, date, "R4", vnp_TxnRef="TVOTHER")["vnp_ResponseCode"] == "97"
    assert _querydr(url, ref, date, "R5", vnp_TmnCode="OTHER001")["vnp_ResponseCode"] == "02"
    bad = Request(url, data=b"not json", method="POST")
    with urlopen(bad, timeout=10) as answer:  # noqa: S310
        assert json.loads(answer.read())["vnp_ResponseCode"] == "03"

    _submit(reader, checkout)
    paid = _querydr(url, ref, date, "R6")
    assert (paid["vnp_ResponseCode"], paid["vnp_TransactionStatus"]) == ("00", "00")
    assert paid["vnp_TransactionNo"] != "0" and paid["vnp_BankCode"] == "NCB"
    assert _answer_signed(paid)


# -- the worker's job ---------------------------------------------------------------------


def test_abandoned_payment_expires_and_the_reader_pays_again(
    world, reader, paid_obj, gateway, staff_client
):
    first = _start(reader, paid_obj)
    assert reader.get(local(first)).status_code == 200  # the gateway's page, then left
    # paying again while the gateway still takes the first order goes back to that order
    again = _start(reader, paid_obj)
    assert _ref(again) == _ref(first)
    with scopes_disabled():
        assert Order.all_objects.count() == 1
    ref = _ref(first)

    assert _run_job()["asked"] == 0  # inside the gateway's 15 minutes nobody asks
    minutes_pass(ref, 16)
    report = _run_job()
    # the gateway still has it open (01): it stays pending and is asked again next time
    assert report["asked"] == 1 and report["pending"] == 1
    assert _order(ref).status == "pending"
    minutes_pass(ref, 15)
    assert _run_job()["expired"] == 1
    order = _order(ref)
    assert order.status == "expired" and order.expired_at is not None
    assert order.fee is None
    [entry] = _audits("payments.order.expired")
    assert entry.changes == {"reason": "unfinished", "source": "querydr"}

    mine = reader.get("/payments/").content.decode()
    assert "Hết hạn thanh toán" in mine
    shown = reader.get(f"/payments/orders/{ref}/").content.decode()
    assert "hết thời gian chờ thanh toán" in shown and "Bạn có thể thanh toán lại." in shown
    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    listing = desk.get("/staff/payments/?status=expired").content.decode()
    assert "Hết hạn thanh toán" in listing and "20.000" in listing

    fresh = _start(reader, paid_obj)
    assert _ref(fresh) != ref
    done = pay_at_sandbox(reader, fresh)
    assert "Thanh toán thành công." in done.content.decode()
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    assert _order(ref).status == "expired"
    with scopes_disabled():
        assert Receipt.all_objects.count() == 1


def test_expired_in_english(world, reader, paid_obj, gateway, staff_client):
    ref = _ref(_start(reader, paid_obj))
    minutes_pass(ref, 16)  # the reader never reached the gateway: it has no such order
    assert _run_job()["expired"] == 1
    assert _audits("payments.order.expired")[0].changes["reason"] == "not_found"
    reader.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Payment expired" in reader.get("/payments/").content.decode()
    shown = reader.get(f"/payments/orders/{ref}/").content.decode()
    assert "You can pay again." in shown
    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    desk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Payment expired" in desk.get("/staff/payments/").content.decode()


def test_paid_at_the_gateway_with_both_notices_lost_is_recorded_once(
    world, reader, paid_obj, gateway, settings
):
    settings.PAYMENTS_VNPAY = {**settings.PAYMENTS_VNPAY, "ipn_url": ""}  # the IPN is lost
    checkout = _start(reader, paid_obj)
    ref = _ref(checkout)
    lost_return = _submit(reader, checkout)  # and the browser never comes back
    assert _order(ref).status == "pending"
    assert reader.get(Paths(paid_obj).tile).status_code == 403

    minutes_pass(ref, 16)
    assert _run_job()["paid"] == 1
    order = _order(ref)
    assert order.status == "paid" and order.gateway_txn_no and order.bank_code == "NCB"
    assert order.fee.amount == 20000 and order.ledger_payment.amount == 20000
    [entry] = _audits("payments.order.paid")
    assert entry.changes["source"] == "querydr"
    assert reader.get(Paths(paid_obj).tile).status_code == 200

    # the browser's return arrives at last, and the job runs again: nothing twice
    reader.get(local(lost_return))
    assert _run_job()["asked"] == 0
    with scopes_disabled():
        from thuvien.circulation.models import Fee, Payment

        assert Receipt.all_objects.count() == 1 and Fee.all_objects.count() == 1
        assert Payment.all_objects.count() == 1
    assert len(_audits("payments.order.paid")) == 1


def test_failed_at_the_gateway_with_the_notices_lost_is_closed_as_failed(
    world, reader, paid_obj, gateway, settings
):
    settings.PAYMENTS_VNPAY = {**settings.PAYMENTS_VNPAY, "ipn_url": ""}
    checkout = _start(reader, paid_obj)
    _submit(reader, checkout, card="ncb-balance")
    minutes_pass(_ref(checkout), 16)
    assert _run_job()["failed"] == 1
    order = _order(_ref(checkout))
    assert order.status == "failed" and order.fee is None
    shown = reader.get(f"/payments/orders/{order.txn_ref}/").content.decode()
    assert "Thanh toán không thành công; tài liệu chưa được mở." in shown
    assert "Lý do: </p>" not in shown.replace("\n", "")
    assert reader.get(Paths(paid_obj).tile).status_code == 403


def test_a_gateway_that_does_not_answer_loses_nothing(
    world, reader, paid_obj, gateway, settings, tmp_path
):
    conf = {**settings.PAYMENTS_VNPAY, "ipn_url": ""}  # paid, and both notices lost
    settings.PAYMENTS_VNPAY = conf
    checkout = _start(reader, paid_obj)
    ref = _ref(checkout)
    _submit(reader, checkout)
    minutes_pass(ref, 40)
    for silent in (
        "http://127.0.0.1:9/merchant_webapi/api/transaction",  # refused
        f"{gateway.url}/sandbox/vnpay/no-such-api",
    ):  # 404
        settings.PAYMENTS_VNPAY = {**conf, "api_url": silent}
        report = _run_job()
        assert report["asked"] == 1 and report["unanswered"] == 1
        assert _order(ref).status == "pending"  # not expired on a silence
    assert _audits("payments.order.expired") == []
    # three more readers' orders left behind: a run gives up after three silences in a row
    # instead of waiting out every order's timeout; the rest wait for the next run
    others = []
    for n in range(3):
        obj = make_object(world, tmp_path, title=f"Hương ước làng {n}", price=5000)
        others.append(_ref(_start(reader, obj)))
        minutes_pass(others[-1], 30 - n)
    settings.PAYMENTS_VNPAY = {**conf, "api_url": "http://127.0.0.1:9/api"}
    report = _run_job()
    assert (report["asked"], report["unanswered"], report["stopped"]) == (3, 3, True)
    settings.PAYMENTS_VNPAY = conf  # the gateway is back: the next run finds the payment
    report = _run_job()
    assert (report["asked"], report["paid"], report["expired"]) == (4, 1, 3)
    assert _order(ref).status == "paid"
    assert {_order(other).status for other in others} == {"expired"}


def test_late_success_after_expiry_still_credits_and_is_audited(
    world, reader, paid_obj, gateway, staff_client
):
    checkout = _start(reader, paid_obj)
    page = reader.get(local(checkout))  # the reader is on the gateway's page (the bank is slow)
    ref = _ref(checkout)
    minutes_pass(ref, 31)
    assert _run_job()["expired"] == 1
    assert _order(ref).status == "expired"

    # the payment the reader had begun goes through after all; the gateway's IPN arrives
    back = reader.post(
        "/sandbox/vnpay/paymentv2/submit",
        {"query": page.context["query"], "card": "ncb-ok", "pay": "1"},
    )
    assert back.status_code == 302
    order = _order(ref)
    assert order.status == "paid" and order.expired_at is not None
    assert order.fee.amount == 20000
    [late] = _audits("payments.order.paid_after_expiry")
    assert late.changes["source"] == "ipn" and late.changes["receipt"]
    assert reader.get(Paths(paid_obj).tile).status_code == 200
    desk = staff_client(world.users["tinh_library_admin"], world.provincial)
    listing = desk.get("/staff/payments/").content.decode()
    assert "sau khi giao dịch đã hết hạn" in listing


def test_a_forged_answer_of_paid_credits_nothing(world, reader, paid_obj, gateway, settings):
    """Someone who is not the gateway (no hash secret) answers the query "paid": the answer's
    signature is refused and the order stays pending, to be asked again."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    checkout = _start(reader, paid_obj)
    ref = _ref(checkout)
    reader.get(local(checkout))
    minutes_pass(ref, 16)

    class Impostor(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers["Content-Length"]))
            answer = {
                "vnp_ResponseId": "1",
                "vnp_Command": "querydr",
                "vnp_ResponseCode": "00",
                "vnp_Message": "QueryDR Success",
                "vnp_TmnCode": "THUVIEN1",
                "vnp_TxnRef": ref,
                "vnp_Amount": "2000000",
                "vnp_TransactionNo": "99999999",
                "vnp_TransactionStatus": "00",
            }
            fields = vnpay.QUERY_RESPONSE_FIELDS
            answer["vnp_SecureHash"] = vnpay.pipe_sign(answer, fields, "not-the-secret")
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Impostor)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.PAYMENTS_VNPAY = {
            **settings.PAYMENTS_VNPAY,
            "api_url": f"http://127.0.0.1:{server.server_port}/merchant_webapi/api/transaction",
        }
        report = _run_job()
    finally:
        server.shutdown()
        server.server_close()
    assert report["unanswered"] == 1
    order = _order(ref)
    assert order.status == "pending" and order.fee is None
    assert reader.get(Paths(paid_obj).tile).status_code == 403
