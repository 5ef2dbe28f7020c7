"""The catalogue asks holdings (``catalog.services.records.record_in_use_checks``) before it
deletes a record: a copy still held anywhere in the network refuses it, a withdrawn one not."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.catalog.errors import CatalogError
from thuvien.catalog.services import record_delete
from thuvien.catalog.services.records import record_in_use_checks
from thuvien.circulation.tests.factories import make_item
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.selectors import record_has_copies

pytestmark = pytest.mark.django_db


def test_a_record_with_a_copy_in_a_commune_library_is_not_deleted(world):
    assert record_has_copies in list(record_in_use_checks)  # registered by HoldingsConfig
    item = make_item(world.commune_a)
    record = item.record
    with pytest.raises(CatalogError) as refused:
        record_delete(record=record)
    assert refused.value.code == "catalog.record_has_items"
    record.refresh_from_db()
    assert not record.is_deleted
    with scopes_disabled():
        Item.objects.filter(pk=item.pk).update(status=ItemStatus.WITHDRAWN)
    record_delete(record=record)
    record.refresh_from_db()
    assert record.is_deleted
