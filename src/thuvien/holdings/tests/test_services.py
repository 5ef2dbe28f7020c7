from __future__ import annotations

import pytest

from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.models import AuditEntry, OutboxEntry
from thuvien.core.scoping import library_scope, scopes_disabled
from thuvien.holdings.errors import HoldingsError
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.services import (
    barcode_sequence,
    item_create,
    item_delete,
    item_status_change,
    item_update,
    item_withdraw,
    items_create_batch,
)


@pytest.fixture
def record(world):
    return record_create(network=world.hung_yen, marc=vi_marc())


def test_item_create_audited_and_queued(world, record):
    OutboxEntry.objects.all().delete()
    item = item_create(
        record=record,
        library=world.provincial,
        barcode=" hy0001 ",
        actor=world.users["tinh_cataloguer"],
        call_number="959.7 K53l",
        price=85000,
    )
    assert item.barcode == "HY0001"
    assert OutboxEntry.objects.filter(topic="catalog.record", object_id=record.pk).exists()
    assert AuditEntry.objects.filter(action="holdings.item.created").count() == 1
    with library_scope(world.commune_a):
        assert not Item.objects.filter(pk=item.pk).exists()  # another library's item is hidden
    with library_scope(world.provincial):
        assert Item.objects.filter(pk=item.pk).exists()


def test_barcode_unique_across_libraries(world, record):
    item_create(record=record, library=world.provincial, barcode="HY0001")
    with pytest.raises(HoldingsError) as err:
        item_create(record=record, library=world.commune_a, barcode="HY0001")
    assert err.value.code == "holdings.barcode_taken"


def test_batch_consecutive_and_refuses_existing(world, record):
    assert barcode_sequence("HY000120", 5) == [f"HY00012{i}" for i in range(5)]
    assert barcode_sequence("HY98", 2) == ["HY98", "HY99"]
    with pytest.raises(HoldingsError):
        barcode_sequence("HY99", 2)  # would need a third digit
    items = items_create_batch(
        record=record, library=world.provincial, first_barcode="HY000120", count=5
    )
    assert [i.barcode for i in items] == [
        "HY000120",
        "HY000121",
        "HY000122",
        "HY000123",
        "HY000124",
    ]
    with pytest.raises(HoldingsError) as err:
        items_create_batch(
            record=record, library=world.commune_a, first_barcode="HY000118", count=4
        )
    assert "HY000120" in err.value.message
    with scopes_disabled():
        assert Item.objects.count() == 5  # nothing of the refused batch was written


def test_item_needs_same_network(world, record):
    with pytest.raises(HoldingsError) as err:
        item_create(record=record, library=world.bn_provincial, barcode="BN1")
    assert err.value.code == "holdings.wrong_network"


def test_update_status_withdraw_delete(world, record):
    item = item_create(record=record, library=world.provincial, barcode="HY5")
    item_update(item=item, call_number="959.7 T77l", notes="Bìa cứng")
    item.refresh_from_db()
    assert item.call_number == "959.7 T77l"
    item_status_change(item=item, status=ItemStatus.ON_LOAN)
    with pytest.raises(HoldingsError):
        item_withdraw(item=item)
    with pytest.raises(HoldingsError):
        item_status_change(item=item, status="nonsense")
    item_status_change(item=item, status=ItemStatus.AVAILABLE)
    item_withdraw(item=item, reason="Rách")
    assert item.status == ItemStatus.WITHDRAWN
    item_delete(item=item)
    with scopes_disabled():
        assert not Item.objects.filter(pk=item.pk).exists()


def _lent_item(world, record):
    from thuvien.circulation.services import loan_checkout
    from thuvien.circulation.tests.factories import make_patron

    item = item_create(record=record, library=world.provincial, barcode="HY77")
    patron = make_patron(world.provincial)
    loan_checkout(
        item=item, patron=patron, library=world.provincial, staff=world.users["tinh_circulation"]
    )
    item.refresh_from_db()
    return item


@pytest.mark.parametrize("status", ["withdrawn", "lost", "damaged", "available", "in_processing"])
def test_a_lent_copy_keeps_its_status_when_set_by_hand(world, record, status):
    from thuvien.holdings.services import item_status_set

    item = _lent_item(world, record)
    audited = AuditEntry.objects.filter(action="holdings.item.status_changed").count()
    with pytest.raises(HoldingsError) as err:
        item_status_set(item=item, status=status)
    assert err.value.code == "holdings.item_on_loan"
    assert "lưu thông" in err.value.message
    with scopes_disabled():
        assert Item.objects.get(pk=item.pk).status == ItemStatus.ON_LOAN
    assert AuditEntry.objects.filter(action="holdings.item.status_changed").count() == audited


def test_an_open_loan_blocks_a_hand_change_even_if_the_status_is_wrong(world, record):
    from thuvien.holdings.services import item_status_set

    item = _lent_item(world, record)
    with scopes_disabled():
        Item.objects.filter(pk=item.pk).update(status=ItemStatus.AVAILABLE)
    item.refresh_from_db()
    with pytest.raises(HoldingsError):
        item_status_set(item=item, status=ItemStatus.WITHDRAWN)
    with pytest.raises(HoldingsError):
        item_withdraw(item=item)


@pytest.mark.parametrize("status", ["on_loan", "on_hold_shelf", "in_transit"])
def test_circulation_statuses_cannot_be_set_by_hand(world, record, status):
    from thuvien.holdings.services import item_status_set

    item = item_create(record=record, library=world.provincial, barcode="HY78")
    with pytest.raises(HoldingsError) as err:
        item_status_set(item=item, status=status)
    assert err.value.code == "holdings.status_circulation_only"
    item.refresh_from_db()
    assert item.status == ItemStatus.AVAILABLE


def test_hand_status_changes_of_a_copy_on_the_shelf(world, record):
    from thuvien.holdings.services import item_status_set

    item = item_create(record=record, library=world.provincial, barcode="HY79")
    for status in ("lost", "available", "damaged", "in_processing", "withdrawn", "available"):
        item_status_set(item=item, status=status, note="kiểm kê")
        item.refresh_from_db()
        assert item.status == status


def test_a_negative_price_is_refused_on_add_and_edit(world, record):
    with pytest.raises(HoldingsError) as err:
        item_create(record=record, library=world.provincial, barcode="HY80", price=-1)
    assert err.value.code == "holdings.price_negative" and err.value.field == "price"
    with scopes_disabled():
        assert not Item.objects.filter(barcode="HY80").exists()
    item = item_create(record=record, library=world.provincial, barcode="HY80", price=85000)
    with pytest.raises(HoldingsError):
        item_update(item=item, price=-85000)
    item.refresh_from_db()
    assert item.price == 85000
    item_update(item=item, price=0)  # a gift
    item.refresh_from_db()
    assert item.price == 0
