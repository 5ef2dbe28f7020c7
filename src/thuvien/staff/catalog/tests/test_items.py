"""Copies of the active library: many at once, edit, status, withdraw; other libraries' are 404."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.services import item_create


def batch(**extra):
    return {
        "first_barcode": "HY000101",
        "count": 3,
        "item_type": "book",
        "call_number": "895.92 T450H",
        **extra,
    }


def test_add_many_copies_with_consecutive_barcodes(world, cataloguer, make_record):
    record = make_record()
    url = reverse("catalog:item-add", args=[record.pk])
    page = cataloguer.get(url).content.decode()
    assert "Mã vạch bản đầu tiên" in page
    response = cataloguer.post(url, batch())
    assert response.status_code == 302
    with scopes_disabled():
        items = list(Item.objects.filter(record=record).order_by("barcode"))
    assert [i.barcode for i in items] == ["HY000101", "HY000102", "HY000103"]
    assert {i.library_id for i in items} == {world.provincial.pk}
    page = cataloguer.get(response["Location"]).content.decode()
    assert "Đã thêm 3 bản sao (HY000101 – HY000103)." in page or "HY000103" in page


def test_barcode_taken_anywhere_in_the_network_is_a_clear_message(world, cataloguer, make_record):
    record = make_record()
    item_create(record=record, library=world.commune_a, barcode="HY000102")
    response = cataloguer.post(reverse("catalog:item-add", args=[record.pk]), batch())
    assert response.status_code == 400
    assert "HY000102" in response.content.decode()
    with scopes_disabled():
        assert Item.objects.filter(library=world.provincial).count() == 0  # nothing half-made


def test_edit_status_and_withdraw(world, cataloguer, make_record):
    record = make_record()
    item = item_create(record=record, library=world.provincial, barcode="HY1")
    url = reverse("catalog:item-edit", args=[item.pk])
    assert cataloguer.get(url).status_code == 200
    response = cataloguer.post(
        url,
        {"action": "edit", "barcode": "HY1", "call_number": "895.9 A1", "item_type": "reference"},
    )
    assert response.status_code == 302
    response = cataloguer.post(url, {"action": "status", "status": "damaged", "note": "Rách bìa"})
    assert response.status_code == 302
    with scopes_disabled():
        item.refresh_from_db()
    assert (item.call_number, item.item_type, item.status) == ("895.9 A1", "reference", "damaged")
    cataloguer.post(url, {"action": "withdraw", "reason": "Hư hỏng nặng"})
    with scopes_disabled():
        item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN


def test_changing_to_a_taken_barcode_is_refused(world, cataloguer, make_record):
    record = make_record()
    item = item_create(record=record, library=world.provincial, barcode="HY1")
    item_create(record=record, library=world.commune_b, barcode="PH1")
    response = cataloguer.post(
        reverse("catalog:item-edit", args=[item.pk]),
        {"action": "edit", "barcode": "PH1", "item_type": "book"},
    )
    assert response.status_code == 400
    assert "PH1" in response.content.decode()
    with scopes_disabled():
        item.refresh_from_db()
    assert item.barcode == "HY1"


def test_another_librarys_item_is_404(world, cataloguer, staff_client, make_record):
    record = make_record()
    theirs = item_create(record=record, library=world.commune_a, barcode="TL1")
    url = reverse("catalog:item-edit", args=[theirs.pk])
    assert cataloguer.get(url).status_code == 404
    assert cataloguer.post(url, {"action": "withdraw"}).status_code == 404
    with scopes_disabled():
        assert Item.objects.get(pk=theirs.pk).status == ItemStatus.AVAILABLE
    # Their own cataloguer reaches it.
    own = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert own.get(url).status_code == 200


def test_missing_item_is_404(world, cataloguer):
    assert cataloguer.get(reverse("catalog:item-edit", args=[999999])).status_code == 404


def test_status_list_offers_hand_statuses_a_lent_copy_stays_lent(world, cataloguer, make_record):
    from thuvien.circulation.models import Loan
    from thuvien.circulation.services import loan_checkout
    from thuvien.circulation.tests.factories import make_patron

    record = make_record()
    item = item_create(record=record, library=world.provincial, barcode="HY9")
    url = reverse("catalog:item-edit", args=[item.pk])
    page = cataloguer.get(url).content.decode()
    assert 'value="withdrawn"' in page and 'value="lost"' in page
    assert 'value="on_loan"' not in page and 'value="in_transit"' not in page
    response = cataloguer.post(url, {"action": "status", "status": "on_loan"})
    assert response.status_code == 400
    with scopes_disabled():
        assert Item.objects.get(pk=item.pk).status == ItemStatus.AVAILABLE

    loan_checkout(
        item=item,
        patron=make_patron(world.provincial),
        library=world.provincial,
        staff=world.users["tinh_circulation"],
    )
    for status in ("withdrawn", "lost", "damaged", "available"):
        response = cataloguer.post(url, {"action": "status", "status": status})
        assert response.status_code == 400
        assert "quầy lưu thông" in response.content.decode()
    response = cataloguer.post(url, {"action": "withdraw"})
    with scopes_disabled():
        assert Item.objects.get(pk=item.pk).status == ItemStatus.ON_LOAN
        assert Loan.all_objects.get(item=item).returned_at is None
    page = cataloguer.get(url).content.decode()
    assert "Thanh lý bản sao" not in page


def test_price_acquisition_date_and_source_on_add_and_edit(world, cataloguer, make_record):
    import datetime as dt

    from django.utils import timezone

    record = make_record()
    url = reverse("catalog:item-add", args=[record.pk])
    page = cataloguer.get(url).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page  # acquired today by default
    response = cataloguer.post(url, batch(count=1, price="-5000"))
    assert response.status_code == 400
    assert "Giá không được là số âm." in response.content.decode()
    with scopes_disabled():
        assert not Item.objects.filter(record=record).exists()
    response = cataloguer.post(
        url, batch(count=1, price="85000", acquired_on="2024-03-01", acquisition_source="Mua")
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = Item.objects.get(record=record)
    assert item.acquired_on == dt.date(2024, 3, 1) and item.acquisition_source == "Mua"

    edit_url = reverse("catalog:item-edit", args=[item.pk])
    page = cataloguer.get(edit_url).content.decode()
    assert 'value="2024-03-01"' in page and 'value="Mua"' in page
    form = {"action": "edit", "barcode": item.barcode, "item_type": "book"}
    response = cataloguer.post(edit_url, {**form, "price": "-1", "acquired_on": "2024-03-01"})
    assert response.status_code == 400
    assert "Giá không được là số âm." in response.content.decode()
    response = cataloguer.post(
        edit_url,
        {**form, "price": "90000", "acquired_on": "2024-04-02", "acquisition_source": "Biếu tặng"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        item.refresh_from_db()
    assert (item.price, item.acquired_on, item.acquisition_source) == (
        90000,
        dt.date(2024, 4, 2),
        "Biếu tặng",
    )
