"""The desk pages without a browser: the forms still work without JavaScript, the queue's JSON
answers, deliberate overrides, finding a reader by name or phone, the card's problems at the
card, who has a copy that is out, today's check-in list and the hold and transit slips."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.circulation.models import Loan, LoanRule, Transit
from thuvien.circulation.services import hold_place, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron

pytestmark = pytest.mark.django_db
SCAN = {"HTTP_X_DESK_SCAN": "1"}
OUT, IN = "/staff/circulation/checkout/", "/staff/circulation/checkin/"


def _client(world, username: str, library) -> Client:
    client = Client()
    client.force_login(world.users[username])
    session = client.session
    session[ACTIVE_LIBRARY_SESSION_KEY] = library.pk
    session.save()
    return client


@pytest.fixture
def desk(world):
    return world, _client(world, "tinh_circulation", world.provincial)


def test_without_javascript_the_forms_still_lend(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    r = client.get(OUT)
    assert r.status_code == 200 and b'id="scan"' in r.content and b"desk.js" in r.content
    assert b"onclick" not in r.content and b"<script>" not in r.content  # no inline script
    r = client.post(OUT, {"card_number": patron.card_number})
    assert patron.full_name.encode() in r.content and b'name="barcode"' in r.content
    r = client.post(OUT, {"card_number": patron.card_number, "barcode": item.barcode.lower()})
    assert "Đã cho mượn".encode() in r.content
    assert Loan.all_objects.filter(item=item, patron=patron).exists()


def test_the_queue_gets_json_fragments(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    r = client.post(OUT, {"card_number": patron.card_number.lower()}, **SCAN)
    data = r.json()
    assert data["card_number"] == patron.card_number and data["entry_html"] == ""
    assert patron.full_name in data["patron_html"]
    r = client.post(OUT, {"card_number": patron.card_number, "barcode": item.barcode}, **SCAN)
    data = r.json()
    assert 'class="desk-msg ok"' in data["entry_html"] and item.barcode in data["entry_html"]
    assert item.barcode in data["patron_html"]  # the loans table, updated
    r = client.post(IN, {"barcode": item.barcode}, **SCAN)
    assert "Đã nhận lại" in r.json()["entry_html"] or "giá" in r.json()["entry_html"]
    r = client.post(IN, {"barcode": "<script>x</script>"}, **SCAN)
    html = r.json()["entry_html"]
    assert "refused" in html and "<script>x" not in html and "&lt;script&gt;" in html


def test_a_scan_after_a_refusal_never_overrides(world):
    """The old desk posted ``override_reason=<next barcode>`` with the refused copy."""
    LoanRule.objects.create(network=world.hung_yen, max_loans=1)
    admin = _client(world, "tinh_library_admin", world.provincial)
    patron = make_patron(world.provincial)
    first, refused, after = (make_item(world.provincial) for _ in range(3))
    post = {"card_number": patron.card_number}
    admin.post(OUT, {**post, "barcode": first.barcode}, **SCAN)
    r = admin.post(OUT, {**post, "barcode": refused.barcode}, **SCAN)
    html = r.json()["entry_html"]
    assert "đã mượn đủ" in html and 'class="desk-override"' in html and "textarea" in html
    assert "autofocus" not in html  # the focus stays in the scan field
    # What the old page sent: the next scan as the reason, without the override button.
    r = admin.post(OUT, {**post, "barcode": refused.barcode, "override_reason": after.barcode})
    assert not Loan.all_objects.filter(item=refused).exists()
    # With the button but a scanned code as the reason.
    r = admin.post(OUT, {**post, "barcode": refused.barcode, "override_reason": after.barcode,
                         "action": "override"}, **SCAN)  # fmt: skip
    assert "mã vạch" in r.json()["entry_html"]
    assert not Loan.all_objects.filter(item=refused).exists()
    r = admin.post(OUT, {**post, "barcode": refused.barcode, "action": "override",
                         "override_reason": "Giáo viên mượn soạn giáo án"}, **SCAN)  # fmt: skip
    assert "ok" in r.json()["entry_html"]
    assert Loan.all_objects.get(item=refused).override_reason == "Giáo viên mượn soạn giáo án"


def test_staff_without_the_capability_get_no_override_form(desk):
    world, client = desk
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    patron = make_patron(world.provincial)
    ref = make_item(world.provincial, item_type="reference")
    r = client.post(OUT, {"card_number": patron.card_number, "barcode": ref.barcode}, **SCAN)
    html = r.json()["entry_html"]
    assert "chỉ đọc tại chỗ" in html and "desk-override" not in html
    reason = "Cần gấp cho lớp học"
    r = client.post(OUT, {"card_number": patron.card_number, "barcode": ref.barcode,
                          "action": "override", "override_reason": reason})  # fmt: skip
    assert "không có quyền".encode() in r.content
    assert not Loan.all_objects.filter(item=ref).exists()


def test_find_a_reader_by_name_or_phone_in_this_library(desk):
    world, client = desk
    lan = make_patron(world.provincial, full_name="Nguyễn Thị Lan", phone="0912345678")
    make_patron(world.provincial, full_name="Trần Thị Lan")
    make_patron(world.commune_a, full_name="Lê Thị Lan")  # another library's reader
    r = client.post(OUT, {"card_number": "0912345678"}, **SCAN)
    assert r.json()["card_number"] == lan.card_number
    r = client.post(OUT, {"card_number": "thi lan"}, **SCAN)  # without tone marks
    data = r.json()
    assert data["card_number"] == ""
    assert "Nguyễn Thị Lan" in data["patron_html"] and "Trần Thị Lan" in data["patron_html"]
    assert "Lê Thị Lan" not in data["patron_html"]
    assert f"?card_number={lan.card_number}" in data["patron_html"]
    r = client.get(OUT, {"card_number": lan.card_number})  # the link picks the reader
    assert b'name="barcode"' in r.content
    r = client.post(OUT, {"card_number": "không có ai"}, **SCAN)
    assert "Không tìm thấy bạn đọc" in r.json()["entry_html"]


def test_an_expired_or_blocked_card_is_flagged_at_the_card(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    patron.expires_on = timezone.localdate() - dt.timedelta(days=3)
    patron.blocked_reason = "Làm mất sách"
    patron.save(update_fields=["expires_on", "blocked_reason"])
    r = client.post(OUT, {"card_number": patron.card_number}, **SCAN)
    html = r.json()["patron_html"]
    assert "desk-block" in html and "hết hạn" in html and "bị khóa" in html
    assert "Làm mất sách" in html


def test_a_copy_already_out_says_to_whom_and_until_when(desk):
    world, client = desk
    first, second = make_patron(world.provincial), make_patron(world.provincial)
    item = make_item(world.provincial)
    loan = loan_checkout(item=item, patron=first, library=world.provincial,
                         staff=world.users["tinh_circulation"])  # fmt: skip
    r = client.post(OUT, {"card_number": second.card_number, "barcode": item.barcode}, **SCAN)
    html = r.json()["entry_html"]
    assert first.card_number in html and loan.due_on.strftime("%d/%m/%Y") in html


def test_checkins_of_today_stay_listed(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    items = [make_item(world.provincial) for _ in range(3)]
    for item in items:
        loan_checkout(item=item, patron=patron, library=world.provincial,
                      staff=world.users["tinh_circulation"])  # fmt: skip
    client.post(IN, {"barcode": items[0].barcode}, **SCAN)
    client.post(IN, {"barcode": items[1].barcode})  # without JavaScript
    client.post(IN, {"barcode": "KHONGCO"}, **SCAN)
    r = client.get(IN)
    body = r.content.decode()
    assert items[0].barcode in body and items[1].barcode in body and "KHONGCO" in body
    assert body.index(items[1].barcode) < body.index(items[0].barcode)  # newest first
    assert items[2].barcode not in body


def test_checkin_routing_offers_printable_slips(desk):
    world, client = desk
    staff = world.users["tinh_circulation"]
    lender, waiting, far = (make_patron(world.provincial) for _ in range(3))
    item = make_item(world.provincial)
    loan_checkout(item=item, patron=lender, library=world.provincial, staff=staff)
    hold = hold_place(patron=waiting, pickup_library=world.provincial, actor=None, item=item)
    html = client.post(IN, {"barcode": item.barcode}, **SCAN).json()["entry_html"]
    assert f"/staff/circulation/slips/hold/{hold.pk}/" in html
    r = client.get(f"/staff/circulation/slips/hold/{hold.pk}/")
    assert r.status_code == 200 and waiting.full_name.encode() in r.content
    assert b"data-print" in r.content and b"onclick" not in r.content
    # A copy for a reader who waits at another library travels there: a transit slip.
    other = make_item(world.provincial)
    loan_checkout(item=other, patron=lender, library=world.provincial, staff=staff)
    hold_place(patron=far, pickup_library=world.commune_a, actor=None, item=other)
    html = client.post(IN, {"barcode": other.barcode}, **SCAN).json()["entry_html"]
    transit = Transit.all_objects.get(item=other)
    assert f"/staff/circulation/slips/transit/{transit.pk}/" in html
    r = client.get(f"/staff/circulation/slips/transit/{transit.pk}/")
    assert r.status_code == 200 and world.commune_a.name_vi.encode() in r.content
    # Another library's desk does not see them.
    school = _client(world, "thpt_circulation", world.school)
    assert school.get(f"/staff/circulation/slips/transit/{transit.pk}/").status_code == 404
    assert school.get(f"/staff/circulation/slips/hold/{hold.pk}/").status_code == 404


def test_the_desk_speaks_english_too(desk):
    world, client = desk
    client.post("/i18n/setlang/", {"language": "en", "next": OUT})
    r = client.get(OUT)
    assert b"Scan the reader" in r.content and b'data-text-failed="Not sent' in r.content


def test_hostile_input_gets_a_plain_answer(world):
    admin = _client(world, "tinh_library_admin", world.provincial)
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    patron = make_patron(world.provincial)
    ref = make_item(world.provincial, item_type="reference")
    for code in ("DM\x00001", "x" * 20000, "'; DROP TABLE loans; --", "\u202etxt.exe"):
        for url, data in ((OUT, {"card_number": code}), (IN, {"barcode": code}),
                          (OUT, {"card_number": patron.card_number, "barcode": code})):  # fmt: skip
            r = admin.post(url, data, **SCAN)
            assert r.status_code == 200 and "refused" in r.json()["entry_html"]
            assert len(r.content) < 20000
    reason = "Giáo viên\x00 mượn"
    r = admin.post(OUT, {"card_number": patron.card_number, "barcode": ref.barcode,
                         "action": "override", "override_reason": reason}, **SCAN)  # fmt: skip
    assert "mã vạch" in r.json()["entry_html"]
    assert not Loan.all_objects.filter(item=ref).exists()
