"""English mode is English all through: reader categories, fee descriptions, job titles and
progress, featured-collection descriptions, loan-rule labels; Vietnamese stays the default."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from thuvien.circulation.models import Fee
from thuvien.circulation.services import fee_create, loan_checkin, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.core.models import Job
from thuvien.network.services import featured_collection_create

pytestmark = pytest.mark.django_db


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_reader_page_in_english(world, staff_client):
    import datetime as dt

    patron = make_patron(world.provincial, category="pupil")
    item = make_item(world.provincial)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)
    type(loan).all_objects.filter(pk=loan.pk).update(due_on=loan.due_on - dt.timedelta(days=30))
    loan_checkin(item=item, library=world.provincial, staff=None)  # stored in Vietnamese
    fee_create(patron=patron, library=world.provincial, kind="other", amount=5000,
               staff=None, description="Làm hỏng bìa")  # fmt: skip
    assert Fee.all_objects.filter(description__startswith="Quá hạn").exists()
    client = _english(staff_client(world.users["tinh_circulation"], world.provincial))
    page = client.get(reverse("circulation:patron-detail", args=[patron.pk])).content.decode()
    assert "Pupil" in page and "Học sinh" not in page
    assert "days overdue: " + item.barcode in page and "Quá hạn" not in page
    assert "Làm hỏng bìa" in page  # typed by a person: shown as typed
    listing = client.get(reverse("circulation:patron-list")).content.decode()
    assert "Pupil" in listing


def test_rules_in_english(world, staff_client):
    from thuvien.circulation.models import LoanRule

    LoanRule.objects.create(network=world.hung_yen, patron_category="child")
    client = _english(staff_client(world.users["tinh_circulation"], world.provincial))
    page = client.get(reverse("circulation:rules")).content.decode()
    assert "Child" in page and ">All<" in page and "Thiếu nhi" not in page


def test_jobs_in_english(world, staff_client):
    with translation.override("vi"):
        Job.objects.create(kind="catalog.import", title="Nhập biểu ghi MARC: sach.mrc",
                           message="Đã đọc 386 biểu ghi", library=world.provincial,
                           network=world.hung_yen)  # fmt: skip
    client = _english(staff_client(world.users["tinh_cataloguer"], world.provincial))
    page = client.get(reverse("jobs:list")).content.decode()
    assert "MARC import: sach.mrc" in page and "386 records read" in page
    assert "Nhập biểu ghi" not in page


def test_featured_description_in_english(world, client):
    featured_collection_create(
        title_vi="Sách thiếu nhi", title_en="Children's books",
        description="Truyện dành cho thiếu nhi.", description_en="Stories for children.",
        query="thiếu nhi", network=world.hung_yen, actor=None,
    )  # fmt: skip
    page = _english(client).get(f"/libraries/{world.provincial.code}/").content.decode()
    assert "Stories for children." in page and "Truyện dành cho thiếu nhi." not in page


def test_desk_and_ledger_name_the_reader_category_and_library_in_english(world, staff_client):
    patron = make_patron(world.provincial, category="pupil")
    client = _english(staff_client(world.users["tinh_circulation"], world.provincial))
    desk = client.get(reverse("circulation:checkout"), {"card_number": patron.card_number})
    text = desk.content.decode()
    assert "Pupil · Hưng Yên Provincial Library" in text and "Học sinh" not in text
    for name in ("circulation:home", "circulation:ledger"):
        page = client.get(reverse(name)).content.decode()
        assert "— Hưng Yên Provincial Library" in page  # the heading
