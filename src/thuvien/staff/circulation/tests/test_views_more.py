"""Holds and lost copies from the reader page, notice templates, ledger, postal queue."""

from __future__ import annotations

import re

import pytest

from thuvien.circulation.models import Fee, Hold, HoldStatus, NoticeTemplate, PostalStatus
from thuvien.circulation.services import loan_checkout, postal_request_create
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.holdings.models import ItemStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world, staff_client):
    return staff_client(world.users["tinh_library_admin"], world.provincial)


def test_hold_place_and_cancel_from_reader_page(world, admin):
    patron = make_patron(world.provincial)
    item = make_item(world.commune_a)
    url = f"/staff/circulation/patrons/{patron.pk}/hold/"
    admin.post(url, {"pickup_library": world.provincial.pk})  # neither barcode nor record
    admin.post(url, {"record": 999999, "pickup_library": world.provincial.pk})
    assert Hold.all_objects.count() == 0
    r = admin.post(url, {"record": item.record_id, "pickup_library": world.provincial.pk})
    assert r.status_code == 302
    hold = Hold.all_objects.get()
    assert hold.library == world.provincial and not hold.item_level
    r = admin.post(f"/staff/circulation/holds/{hold.pk}/cancel/")
    hold.refresh_from_db()
    assert hold.status == HoldStatus.CANCELLED
    # Another library's reader's hold is out of reach.
    other = make_patron(world.commune_a)
    admin.post(
        url.replace(str(patron.pk), str(other.pk)),
        {"record": item.record_id, "pickup_library": world.commune_a.pk},
    )
    assert Hold.all_objects.filter(patron=other).count() == 0


def test_declare_lost_confirms_the_fee_first_and_undo_the_same_day(world, admin):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial, price=85000)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)
    page = admin.get(f"/staff/circulation/patrons/{patron.pk}/").content.decode()
    lost_url = f"/staff/circulation/loans/{loan.pk}/lost/"
    assert f'href="{lost_url}"' in page  # a link to the confirmation, not a charging button
    r = admin.get(lost_url)
    assert r.status_code == 200 and "85.000 đ" in r.content.decode()
    assert Fee.all_objects.count() == 0  # looking charges nothing
    r = admin.post(lost_url)  # no confirmed amount: asked again, nothing charged
    assert r.status_code == 200 and Fee.all_objects.count() == 0
    r = admin.post(lost_url, {"amount": "85000"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.LOST
    fee = Fee.all_objects.get()
    assert fee.amount == 85000
    assert admin.post(lost_url, {"amount": "85000"}).status_code == 404
    r = admin.get("/staff/circulation/ledger/")
    assert "85.000 đ".encode() in r.content
    page = admin.get(f"/staff/circulation/patrons/{patron.pk}/").content.decode()
    undo_url = f"/staff/circulation/fees/{fee.pk}/undo-lost/"
    assert undo_url in page
    assert "Hoàn tác" in admin.get(undo_url).content.decode()
    r = admin.post(undo_url)
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN and not Fee.all_objects.exists()
    page = admin.get(f"/staff/circulation/patrons/{patron.pk}/").content.decode()
    assert undo_url not in page and lost_url in page


def test_notice_templates_page(world, admin, staff_client):
    url = "/staff/circulation/notices/?kind=fee&channel=email&language=vi"
    r = admin.get(url)
    assert "Thông báo khoản phí".encode() in r.content
    r = admin.post(
        "/staff/circulation/notices/",
        {"kind": "fee", "channel": "email", "language": "vi", "subject": "Phí", "body": "{% if %}"},
    )
    assert r.status_code == 200 and NoticeTemplate.objects.count() == 0
    admin.post(
        "/staff/circulation/notices/",
        {
            "kind": "fee",
            "channel": "email",
            "language": "vi",
            "subject": "Phí",
            "body": "Bạn nợ {{ amount }}",
        },
    )
    assert NoticeTemplate.objects.get().library == world.provincial
    admin.post(
        "/staff/circulation/notices/",
        {"kind": "fee", "channel": "email", "language": "vi", "reset": "1", "body": "x"},
    )
    assert NoticeTemplate.objects.count() == 0
    assert admin.get("/staff/circulation/notices/?kind=nope").status_code == 404
    clerk = staff_client(world.users["tinh_circulation"], world.provincial)
    assert clerk.get(url).status_code == 403


def test_postal_loan_queue(world, admin):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    from thuvien.circulation.errors import CirculationError

    with pytest.raises(CirculationError):
        postal_request_create(patron=patron, items_or_records=[item], address="ngắn", actor=None)
    req = postal_request_create(
        patron=patron,
        items_or_records=[item.record],
        address="Số 5 đường Bạch Đằng, Phố Hiến, Hưng Yên",
        actor=None,
    )
    r = admin.get("/staff/circulation/postal/")
    assert "Bạch Đằng".encode() in r.content
    admin.post(f"/staff/circulation/postal/{req.pk}/packed/")
    admin.post(
        f"/staff/circulation/postal/{req.pk}/send/", {"barcodes": item.barcode, "parcel_number": ""}
    )
    req.refresh_from_db()
    assert req.status == PostalStatus.PACKED
    admin.post(
        f"/staff/circulation/postal/{req.pk}/send/",
        {"barcodes": item.barcode, "parcel_number": "VN123456789"},
    )
    req.refresh_from_db()
    item.refresh_from_db()
    assert req.status == PostalStatus.SENT and req.parcel_number == "VN123456789"
    assert item.status == ItemStatus.ON_LOAN and req.fee.kind == "postal"
    admin.post(f"/staff/circulation/postal/{req.pk}/returned/", {"return_parcel_number": "RR1"})
    req.refresh_from_db()
    assert req.status == PostalStatus.RETURNED
    # Another library's request is 404.
    other = postal_request_create(
        patron=make_patron(world.commune_a),
        items_or_records=[item.record],
        address="Thôn Đông, xã Tiên Lữ, Hưng Yên",
        actor=None,
    )
    assert admin.post(f"/staff/circulation/postal/{other.pk}/packed/").status_code == 404


def test_replace_card_and_photo(world, admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thuvien.patrons.models import Consent

    patron = make_patron(world.provincial)
    old = patron.card_number
    admin.post(f"/staff/circulation/patrons/{patron.pk}/replace-card/")
    patron.refresh_from_db()
    assert patron.card_number != old and Fee.all_objects.get(patron=patron).kind == "card"
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    admin.post(f"/staff/circulation/patrons/{patron.pk}/photo/", {"photo": bad})
    patron.refresh_from_db()
    assert not patron.photo
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (60, 80), (10, 120, 40)).save(picture, "PNG")
    png = SimpleUploadedFile("x.png", picture.getvalue(), content_type="image/png")
    admin.post(f"/staff/circulation/patrons/{patron.pk}/photo/", {"photo": png})
    patron.refresh_from_db()
    assert patron.photo and Consent.objects.filter(patron=patron, purpose="photo").exists()


def test_bad_input_on_small_forms_and_loan_scoping(world, admin):
    patron = make_patron(world.provincial)
    admin.post(f"/staff/circulation/patrons/{patron.pk}/block/", {"reason": ""})
    admin.post(f"/staff/circulation/patrons/{patron.pk}/password/", {"password": "ngan"})
    patron.refresh_from_db()
    assert patron.blocked_reason == "" and patron.user is None
    r = admin.post(f"/staff/circulation/patrons/{patron.pk}/fees/charge/",
                   {"kind": "nope", "amount": "x"}, follow=True)  # fmt: skip
    assert b"desk-msg refused" in r.content and Fee.all_objects.count() == 0
    # each message once, in the desk's style (not again in the site's list)
    shown = re.findall(rb'<div class="desk-msg refused" role="alert">(.*?)</div>', r.content)
    assert len(shown) == len(set(shown)) == 3 and b'class="messages"' not in r.content
    r = admin.post(f"/staff/circulation/patrons/{patron.pk}/edit/", {"full_name": ""})
    assert r.status_code == 200 and b"field-error" in r.content
    # Another library's loan answers 404.
    other = make_patron(world.commune_a)
    loan = loan_checkout(item=make_item(world.commune_a), patron=other, library=world.commune_a,
                         staff=None)  # fmt: skip
    assert admin.post(f"/staff/circulation/loans/{loan.pk}/lost/").status_code == 404


def test_copying_fee(world):
    from thuvien.circulation.errors import CirculationError
    from thuvien.circulation.services import fee_for_copying

    patron = make_patron(world.provincial)
    fee = fee_for_copying(patron=patron, library=world.provincial, pages=12, staff=None)
    assert fee.amount == 6000 and fee.kind == "copying"
    with pytest.raises(CirculationError):
        fee_for_copying(patron=patron, library=world.provincial, pages=0, staff=None)
