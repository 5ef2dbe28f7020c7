"""Remote copying as its people do it: a reader asks for pages of an object they may not read
from home (on site only), with the purpose; the library's staff refuse with a reason or approve;
an approved copy with a fee is paid through the sandbox gateway; the reader alone downloads a
watermarked PDF of just those pages until it expires. Anonymous visitors cannot make a request
(and so cannot send mail); a reader's requests are limited per day."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta

import pikepdf
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.digital.models import CopyRequest
from thuvien.payments.tests.conftest import make_object, make_reader, pay_at_sandbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def onsite_obj(world, tmp_path):
    return make_object(world, tmp_path, title="Gia phả họ Phạm", access="onsite", price=None,
                       pages=3)


def _ask(client, obj, pages="1-2", purpose="Nghiên cứu lịch sử dòng họ"):
    return client.post(f"/payments/copies/new/{obj.pk}/", {"pages": pages, "purpose": purpose})


def _staff(world, staff_client):
    return staff_client(world.users["tinh_library_admin"], world.provincial)


def _mark(pdf_bytes, tmp_path):
    """The watermark's text, as the PDF says it (subject) and as it is drawn on every page:
    the words pdftotext reads back from the pages include the library's name."""
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf_bytes)
    drawn = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    with pikepdf.open(path) as doc:
        subject = str(doc.docinfo["/Subject"])
        for page in doc.pages:
            # the page's scan and the stamped watermark over it
            assert len(list(page.Resources.XObject.keys())) == 2
    assert "tỉnh Hưng Yên" in drawn
    return subject


def test_reader_asks_staff_approves_reader_pays_and_downloads(world, reader, onsite_obj,
                                                              staff_client, tmp_path,
                                                              django_capture_on_commit_callbacks):
    assert reader.get(f"/digital/{onsite_obj.pk}/").status_code == 403
    assert reader.get(f"/payments/copies/new/{onsite_obj.pk}/").status_code == 200
    response = _ask(reader, onsite_obj)
    assert response.status_code == 302
    with scopes_disabled():
        copy = CopyRequest.all_objects.get(user=reader.user)
    assert copy.seqs == [1, 2] and copy.fee == 1000 and copy.status == "pending"

    staff = _staff(world, staff_client)
    queue = staff.get("/staff/payments/copies/").content.decode()
    assert "Gia phả họ Phạm" in queue and "Nghiên cứu lịch sử dòng họ" in queue
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/staff/payments/copies/{copy.pk}/decide/", {"decision": "approve"})
    copy.refresh_from_db()
    assert copy.status == "awaiting_payment"
    assert mail.outbox and "đã duyệt" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [reader.user.email]

    # nothing to download before paying
    assert reader.get(f"/payments/copies/{copy.pk}/pdf").status_code == 410
    pay = reader.post(f"/payments/copies/{copy.pk}/pay/")
    assert pay.status_code == 302
    done = pay_at_sandbox(reader, pay["Location"])
    assert "Thanh toán thành công." in done.content.decode()
    copy.refresh_from_db()
    assert copy.status == "ready" and copy.available_until > timezone.now() + timedelta(days=13)

    pdf = reader.get(f"/payments/copies/{copy.pk}/pdf")
    assert pdf.status_code == 200
    with pikepdf.open(io.BytesIO(pdf.content)) as doc:
        assert len(doc.pages) == 2
    mark = _mark(pdf.content, tmp_path)
    assert mark.startswith("Thư viện tỉnh Hưng Yên · Bạn đọc ")
    assert timezone.localdate().strftime("%d/%m/%Y") in mark
    with scopes_disabled():
        card = copy.patron.card_number
    assert card not in mark and card.encode() not in pdf.content  # a hash, never the number
    # nobody else gets it
    stranger = Client()
    stranger.force_login(make_reader(world, "nguoi_khac"))
    assert stranger.get(f"/payments/copies/{copy.pk}/pdf").status_code == 404
    assert Client().get(f"/payments/copies/{copy.pk}/pdf").status_code == 302
    # after its days, it is gone
    with scopes_disabled():
        CopyRequest.all_objects.filter(pk=copy.pk).update(
            available_until=timezone.now() - timedelta(minutes=1))
    assert reader.get(f"/payments/copies/{copy.pk}/pdf").status_code == 410


def test_staff_refuse_with_a_reason_and_the_reader_is_told(world, reader, onsite_obj,
                                                          staff_client,
                                                          django_capture_on_commit_callbacks):
    _ask(reader, onsite_obj)
    with scopes_disabled():
        copy = CopyRequest.all_objects.get(user=reader.user)
    staff = _staff(world, staff_client)
    staff.post(f"/staff/payments/copies/{copy.pk}/decide/", {"decision": "refuse"})
    copy.refresh_from_db()
    assert copy.status == "pending"  # no reason, no refusal
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/staff/payments/copies/{copy.pk}/decide/",
                   {"decision": "refuse", "reason": "Tài liệu mật, không sao chụp."})
    copy.refresh_from_db()
    assert copy.status == "refused"
    assert "Tài liệu mật, không sao chụp." in mail.outbox[-1].body
    assert "Tài liệu mật, không sao chụp." in reader.get("/payments/").content.decode()


def test_free_copy_is_ready_on_approval(world, reader, onsite_obj, staff_client, tmp_path):
    from thuvien.network.services.settings import setting_set

    with scopes_disabled():
        setting_set(key="circulation.copy_fee_per_page", value=0, library=world.provincial,
                    actor=None)
    _ask(reader, onsite_obj, pages="3")
    with scopes_disabled():
        copy = CopyRequest.all_objects.get(user=reader.user)
    assert copy.fee == 0
    _staff(world, staff_client).post(f"/staff/payments/copies/{copy.pk}/decide/",
                                     {"decision": "approve"})
    pdf = reader.get(f"/payments/copies/{copy.pk}/pdf")
    assert pdf.status_code == 200
    with pikepdf.open(io.BytesIO(pdf.content)) as doc:
        assert len(doc.pages) == 1
    assert _mark(pdf.content, tmp_path).startswith("Thư viện tỉnh Hưng Yên")


def test_anonymous_cannot_ask_and_no_mail_leaves(world, onsite_obj):
    visitor = Client()
    response = _ask(visitor, onsite_obj)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    with scopes_disabled():
        assert not CopyRequest.all_objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(("pages", "message"), [
    ("abc", "Hãy ghi các trang như 1-3, 7."),
    ("2-9", "Tài liệu có 3 trang"),
    ("0", "Tài liệu có 3 trang"),
    ("<script>alert(1)</script>", "Hãy ghi các trang như 1-3, 7."),
])
def test_bad_pages_get_a_clear_error_and_keep_what_was_typed(world, reader, onsite_obj, pages,
                                                             message):
    response = _ask(reader, onsite_obj, pages=pages)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and "Nghiên cứu lịch sử dòng họ" in text
    assert "<script>alert" not in text


def test_purpose_is_required(world, reader, onsite_obj):
    response = _ask(reader, onsite_obj, purpose="   ")
    assert response.status_code == 400
    assert "Hãy ghi mục đích sử dụng bản sao." in response.content.decode()


def test_requests_per_reader_are_limited(world, reader, onsite_obj):
    for _n in range(5):
        assert _ask(reader, onsite_obj).status_code == 302
    refused = _ask(reader, onsite_obj)
    assert refused.status_code == 400
    assert "5 yêu cầu sao chụp trong 24 giờ qua" in refused.content.decode()
    with scopes_disabled():
        assert CopyRequest.all_objects.count() == 5


def test_another_librarys_staff_cannot_see_or_decide(world, reader, onsite_obj, staff_client):
    _ask(reader, onsite_obj)
    with scopes_disabled():
        copy = CopyRequest.all_objects.get(user=reader.user)
    other = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    assert "Gia phả" not in other.get("/staff/payments/copies/").content.decode()
    answer = other.post(f"/staff/payments/copies/{copy.pk}/decide/", {"decision": "approve"})
    assert answer.status_code == 404
    copy.refresh_from_db()
    assert copy.status == "pending"
