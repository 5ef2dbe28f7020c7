from __future__ import annotations

import pytest

from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.errors import NotFound
from thuvien.core.scoping import library_scope
from thuvien.holdings.selectors import call_number_for, item_by_barcode, item_get_for, item_list
from thuvien.holdings.services import item_create


def test_other_library_item_is_not_found(world):
    record = record_create(network=world.hung_yen, marc=vi_marc())
    item = item_create(record=record, library=world.provincial, barcode="HY1")
    assert item_get_for(library=world.provincial, pk=item.pk) == item
    assert item_by_barcode(library=world.provincial, barcode=" hy1 ") == item
    with pytest.raises(NotFound):
        item_get_for(library=world.commune_a, pk=item.pk)
    with pytest.raises(NotFound):
        item_by_barcode(library=world.commune_a, barcode="HY1")
    with library_scope(world.commune_a):
        assert list(item_list(library=world.commune_a)) == []
    with library_scope(world.provincial):
        assert list(item_list(library=world.provincial, record=record)) == [item]
    assert call_number_for(record=record) == "959.7 K56l"
