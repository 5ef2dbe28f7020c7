"""Desk pages, reader pages, rules, reports: happy paths, refusals, bad input, scoping."""

from __future__ import annotations

import pytest
from django.utils import timezone

from thuvien.circulation.models import Fee, Loan, LoanRule, Payment
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.patrons.models import Patron

pytestmark = pytest.mark.django_db
# Check-in keeps today's list in the session (one UPDATE of the session row): was 14.
CHECKOUT_PIN, CHECKIN_PIN = 17, 15


@pytest.fixture
def desk(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    return world, client


def test_checkout_flow_with_refusal_and_override(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    r = client.get("/staff/circulation/checkout/")
    assert r.status_code == 200 and b"autofocus" in r.content
    r = client.post("/staff/circulation/checkout/", {"card_number": "NOPE"}, HTTP_HX_REQUEST="true")
    assert "Không tìm thấy bạn đọc".encode() in r.content
    r = client.post("/staff/circulation/checkout/", {"card_number": patron.card_number,
                    "barcode": item.barcode}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert r.status_code == 200 and "Đã cho mượn".encode() in r.content
    assert b"<html" not in r.content  # a partial for htmx
    ref = make_item(world.provincial, item_type="reference")
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    r = client.post("/staff/circulation/checkout/", {"card_number": patron.card_number,
                    "barcode": ref.barcode})  # fmt: skip
    assert "chỉ đọc tại chỗ".encode() in r.content and b"override_reason" in r.content
    r = client.post("/staff/circulation/checkout/", {"card_number": patron.card_number,
                    "barcode": ref.barcode, "override_reason": "Giáo viên mượn photo",
                    "action": "override"})  # fmt: skip
    assert "Đã cho mượn".encode() in r.content
    assert Loan.all_objects.filter(item=ref).get().override_reason == "Giáo viên mượn photo"
    # Check in and renew (a renewal the day of the loan would not move the due date).
    r = client.post("/staff/circulation/renew/", {"barcode": item.barcode})
    assert "Chưa thể gia hạn".encode() in r.content
    Loan.all_objects.filter(item=item).update(due_on=timezone.localdate())
    r = client.post("/staff/circulation/renew/", {"barcode": item.barcode})
    assert "Đã gia hạn".encode() in r.content
    r = client.post("/staff/circulation/checkin/", {"barcode": item.barcode})
    assert "Xếp tài liệu lên giá".encode() in r.content
    r = client.post("/staff/circulation/checkin/", {"barcode": "không-có"})
    assert "Không tìm thấy tài liệu".encode() in r.content


def test_register_patron_form(desk):
    world, client = desk
    from thuvien.patrons.services import categories_ensure

    cats = categories_ensure(network=world.hung_yen)
    base = {"full_name": "Bé Ngọc", "category": cats["child"].pk, "language": "vi"}
    r = client.post("/staff/circulation/patrons/new/", {**base, "consent": "on"})
    assert r.status_code == 200 and "người giám hộ".encode() in r.content
    r = client.post("/staff/circulation/patrons/new/", {**base})
    assert "đồng ý".encode() in r.content
    r = client.post("/staff/circulation/patrons/new/", {**base, "birth_date": "không-phải-ngày"})
    assert r.status_code == 200
    assert Patron.all_objects.count() == 0
    r = client.post("/staff/circulation/patrons/new/", {**base, "consent": "on",
                    "guardian_consent": "on", "guardian_name": "Phạm Văn Bố"})  # fmt: skip
    assert r.status_code == 302
    patron = Patron.all_objects.get()
    r = client.get(f"/staff/circulation/patrons/{patron.pk}/")
    assert "Bé Ngọc".encode() in r.content
    r = client.get(f"/staff/circulation/patrons/{patron.pk}/card.pdf")
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    r = client.get(f"/staff/circulation/patrons/{patron.pk}/export.json")
    assert r.json()["patron"]["guardian_name"] == "Phạm Văn Bố"
    r = client.get("/staff/circulation/patrons/?q=be ngoc")
    assert patron.card_number.encode() in r.content


def test_fees_pay_waive_and_bad_input(desk):
    world, client = desk
    patron = make_patron(world.provincial)
    url = f"/staff/circulation/patrons/{patron.pk}/fees"
    client.post(f"{url}/charge/", {"kind": "card", "amount": "20000", "description": "Mất thẻ"})
    assert Fee.all_objects.get().amount == 20000
    client.post(f"{url}/pay/", {"amount": "-5", "method": "cash"})
    client.post(f"{url}/pay/", {"amount": "999999", "method": "cash"})
    assert Payment.all_objects.count() == 0
    r = client.post(f"{url}/pay/", {"amount": "15000", "method": "cash"})
    payment = Payment.all_objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/receipts/{payment.pk}/")
    r = client.get(f"/staff/circulation/receipts/{payment.pk}/")
    assert payment.receipt_number.encode() in r.content
    client.post(f"{url}/waive/", {"amount": "5000", "reason": ""})
    assert Payment.all_objects.count() == 1
    client.post(f"{url}/waive/", {"amount": "5000", "reason": "Hộ nghèo"})
    assert Fee.all_objects.get().outstanding == 0


def test_other_library_is_404(world, staff_client):
    patron = make_patron(world.commune_a)
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    for path in ("", "card.pdf", "export.json", "edit/"):
        assert client.get(f"/staff/circulation/patrons/{patron.pk}/{path}").status_code == 404
    assert client.post(f"/staff/circulation/patrons/{patron.pk}/block/",
                       {"reason": "x"}).status_code == 404  # fmt: skip
    patron.refresh_from_db()
    assert patron.blocked_reason == ""


def test_circulation_clerk_cannot_register_and_reader_pages_need_login(world, staff_client, client):
    assert client.get("/staff/circulation/checkout/").status_code == 302
    clerk = staff_client(world.users["tinh_circulation"], world.provincial)
    assert clerk.get("/staff/circulation/patrons/new/").status_code == 403
    assert clerk.get("/staff/circulation/checkout/").status_code == 200


def test_rules_page(desk, world, staff_client):
    world, client = desk
    r = client.post("/staff/circulation/rules/", {"patron_category": "child", "item_type": "",
        "loan_days": 7, "max_loans": 3, "renewals_allowed": 1, "renewal_days": 7,
        "fine_per_day": 500, "fine_cap": 20000, "holds_allowed": "on", "max_holds": 2,
        "hold_shelf_days": 3})  # fmt: skip
    assert r.status_code == 302
    rule = LoanRule.objects.get()
    assert rule.library == world.provincial and rule.loan_days == 7
    # Bad input: nothing saved, a clear message.
    r = client.post("/staff/circulation/rules/", {"loan_days": "-1", "max_loans": "x"})
    assert r.status_code == 200 and b"field-error" in r.content
    # Network-wide needs the network admin.
    r = client.post("/staff/circulation/rules/", {"loan_days": 10, "max_loans": 3,
        "renewals_allowed": 1, "renewal_days": 7, "fine_per_day": 0, "fine_cap": 0,
        "max_holds": 2, "hold_shelf_days": 3, "network_wide": "on"})  # fmt: skip
    assert r.status_code == 200 and LoanRule.objects.count() == 1
    admin = staff_client(world.users["hy_admin"], world.provincial)
    r = admin.post("/staff/circulation/rules/", {"loan_days": 10, "max_loans": 3,
        "renewals_allowed": 1, "renewal_days": 7, "fine_per_day": 0, "fine_cap": 0,
        "max_holds": 2, "hold_shelf_days": 3, "network_wide": "on"})  # fmt: skip
    assert r.status_code == 302 and LoanRule.objects.filter(library__isnull=True).count() == 1
    clerk = staff_client(world.users["tinh_circulation"], world.provincial)
    assert clerk.post("/staff/circulation/rules/", {"loan_days": 1}).status_code == 403


def test_reports_and_csv(desk):
    world, client = desk
    for name in ("overdue", "holds-to-pull", "transits", "daily"):
        r = client.get(f"/staff/circulation/reports/{name}/")
        assert r.status_code == 200, name
        r = client.get(f"/staff/circulation/reports/{name}/?format=csv")
        assert r["Content-Type"].startswith("text/csv")
    assert client.get("/staff/circulation/reports/daily/?day=xx").status_code == 200
    assert client.get("/staff/circulation/reports/nope/").status_code == 404


def test_desk_pages_pin_their_queries(desk, settings, django_assert_max_num_queries):
    from thuvien.circulation.desk_cache import desk_cache_clear

    settings.THUVIEN_DESK_CACHE_SECONDS = 30  # as in production: rules, calendar cached
    desk_cache_clear()
    world, client = desk
    patron = make_patron(world.provincial)
    items = [make_item(world.provincial) for _ in range(4)]
    client.post("/staff/circulation/checkout/", {"card_number": patron.card_number,
                "barcode": items[0].barcode}, HTTP_HX_REQUEST="true")  # fmt: skip
    # session, user, memberships, libraries, patron, the service (copy locked once; counts and
    # holds in one query), loans list, holds, balance. Was 28.
    with django_assert_max_num_queries(CHECKOUT_PIN):
        r = client.post("/staff/circulation/checkout/", {"card_number": patron.card_number,
                        "barcode": items[1].barcode}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert "Đã cho mượn".encode() in r.content
    with django_assert_max_num_queries(CHECKIN_PIN):  # was 17
        r = client.post("/staff/circulation/checkin/", {"barcode": items[1].barcode},
                        HTTP_HX_REQUEST="true")  # fmt: skip
    assert "Đã nhận lại".encode() in r.content
    desk_cache_clear()


def test_lists_pin_queries(desk, django_assert_max_num_queries):
    from thuvien.circulation.services import hold_place, loan_checkout

    world, client = desk
    readers = [make_patron(world.provincial) for _ in range(5)]
    for reader in readers:
        item = make_item(world.provincial)
        loan = loan_checkout(item=item, patron=reader, library=world.provincial, staff=None)
        Loan.all_objects.filter(pk=loan.pk).update(due_on="2020-01-01")
        hold_place(patron=reader, pickup_library=world.commune_a, actor=None,
                   record=make_item(world.provincial).record)  # fmt: skip
    for url in ("/staff/circulation/reports/overdue/", "/staff/circulation/reports/holds-to-pull/",
                "/staff/circulation/patrons/", "/staff/circulation/ledger/"):  # fmt: skip
        with django_assert_max_num_queries(12):
            r = client.get(url)
        assert r.status_code == 200
    r = client.get("/staff/circulation/reports/holds-to-pull/")
    assert r.content.count(b"<tr>") == 6  # header + five copies to pull
