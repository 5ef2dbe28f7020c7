"""Notices: due soon and overdue levels in the reader's language, library templates with
fallback, the SMS gateways (file, and HTTP against a local server), the log without bodies."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from thuvien.circulation.models import Loan, NoticeLog, NoticeTemplate
from thuvien.circulation.services import loan_checkout, notices_run
from thuvien.circulation.sms import FileSmsGateway, HttpSmsGateway, SmsError

from .factories import make_item, make_patron

pytestmark = pytest.mark.django_db


def test_due_soon_and_overdue_levels(world, settings, tmp_path):
    settings.THUVIEN_SMS_BACKEND = "thuvien.circulation.sms.FileSmsGateway"
    settings.DATA_DIR = tmp_path
    staff = world.users["tinh_circulation"]
    vi = make_patron(world.provincial, email="vi@example.org", phone="0912000111", notify_sms=True)
    en = make_patron(world.provincial, email="en@example.org", language="en")
    today = timezone.localdate()
    loans = []
    for patron in (vi, en):
        loans.append(
            loan_checkout(
                item=make_item(world.provincial),
                patron=patron,
                library=world.provincial,
                staff=staff,
            )  # fmt: skip
        )
    Loan.all_objects.filter(pk=loans[0].pk).update(due_on=today + dt.timedelta(days=2))
    Loan.all_objects.filter(pk=loans[1].pk).update(due_on=today - dt.timedelta(days=8))
    counts = notices_run(today=today)
    assert counts == {"due_soon": 1, "overdue": 1}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["vi@example.org"] == "Tài liệu sắp đến hạn trả"
    assert subjects["en@example.org"] == "Second reminder: overdue loan"  # 8 days: level 2
    assert "Dear" in next(m.body for m in mail.outbox if m.to == ["en@example.org"])
    sms = (tmp_path / "sms" / "outbox.log").read_text(encoding="utf-8")
    assert "0912000111" in sms
    # Run again the same day: nothing new.
    assert notices_run(today=today) == {"due_soon": 0, "overdue": 0}
    log = NoticeLog.all_objects.filter(patron=vi).first()
    assert log.object_key.startswith("loan:") and not hasattr(log, "body")


def test_library_template_with_fallback(world):
    from thuvien.circulation.services.notices import render_notice

    NoticeTemplate.objects.create(
        network=world.hung_yen, kind="fee", channel="email", language="vi",
        subject="Phí {{ amount }}", body="Thư viện mạng lưới: {{ description }}",
    )  # fmt: skip
    NoticeTemplate.objects.create(
        network=world.hung_yen, library=world.commune_a, kind="fee", channel="email",
        language="vi", subject="Tiên Lữ báo phí", body="{{ name }} nợ {{ amount }}",
    )  # fmt: skip
    ctx = {"amount": "5.000", "description": "x", "name": "A"}
    assert render_notice(library=world.commune_a, kind="fee", channel="email", language="vi",
                         context=ctx)[0] == "Tiên Lữ báo phí"  # fmt: skip
    assert render_notice(library=world.provincial, kind="fee", channel="email", language="vi",
                         context=ctx)[0] == "Phí 5.000"  # fmt: skip
    assert render_notice(library=world.provincial, kind="fee", channel="email", language="en",
                         context=ctx)[0] == "Notice of a fee"  # fmt: skip


def test_http_sms_gateway_against_local_server():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers["Content-Length"])
            received.append(
                (self.headers.get("Authorization"), json.loads(self.rfile.read(length)))
            )
            self.send_response(200 if received[-1][1]["to"] != "000" else 500)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"id": "msg-1"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/send"
        gateway = HttpSmsGateway(url=url, token="bi-mat", sender="THUVIEN")
        assert gateway.send(to="0912000111", text="Sách đã sẵn sàng") == "msg-1"
        assert received[0] == (
            "Bearer bi-mat",
            {"to": "0912000111", "text": "Sách đã sẵn sàng", "sender": "THUVIEN"},
        )
        with pytest.raises(SmsError):
            gateway.send(to="000", text="x")
    finally:
        server.shutdown()
    with pytest.raises(SmsError):
        HttpSmsGateway(url="http://127.0.0.1:9/none", token="").send(to="1", text="x")


def test_file_gateway(tmp_path):
    FileSmsGateway(tmp_path / "sms.log").send(to="0900", text="Chào")
    assert "Chào" in (tmp_path / "sms.log").read_text(encoding="utf-8")


def test_one_notice_per_reader_lists_every_loan_at_that_level(world, settings, tmp_path):
    settings.THUVIEN_SMS_BACKEND = "thuvien.circulation.sms.FileSmsGateway"
    settings.DATA_DIR = tmp_path
    staff = world.users["tinh_circulation"]
    reader = make_patron(
        world.provincial, email="ba@example.org", phone="0912000222", notify_sms=True
    )
    english = make_patron(world.provincial, email="two@example.org", language="en")
    today = timezone.localdate()
    for patron, count in ((reader, 3), (english, 2)):
        for _ in range(count):
            loan = loan_checkout(
                item=make_item(world.provincial),
                patron=patron,
                library=world.provincial,
                staff=staff,
            )
            Loan.all_objects.filter(pk=loan.pk).update(due_on=today - dt.timedelta(days=2))
    assert notices_run(today=today) == {"due_soon": 0, "overdue": 2}
    assert len(mail.outbox) == 2
    letter = next(m for m in mail.outbox if m.to == ["ba@example.org"])
    assert "3 tài liệu đã quá hạn trả:" in letter.body
    assert letter.body.count("mã vạch") == 3
    english_letter = next(m for m in mail.outbox if m.to == ["two@example.org"])
    assert "2 loans are overdue:" in english_letter.body and "barcode" in english_letter.body
    sms = (tmp_path / "sms" / "outbox.log").read_text(encoding="utf-8")
    assert sms.count("0912000222") == 1  # one message, not three
    # each loan's log says its reader was told, on each channel
    assert NoticeLog.all_objects.filter(patron=reader, channel="email").count() == 3
    assert NoticeLog.all_objects.filter(patron=reader, channel="sms").count() == 3
    assert set(
        Loan.all_objects.filter(patron=reader).values_list("last_notice_level", flat=True)
    ) == {1}
    assert notices_run(today=today) == {"due_soon": 0, "overdue": 0}
