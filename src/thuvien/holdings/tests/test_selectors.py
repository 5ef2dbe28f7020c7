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


def test_records_visible_outside_a_network_leave_out_its_own_and_hidden_ones(world):
    from django.contrib.auth.models import AnonymousUser

    from thuvien.core.scoping import scopes_disabled
    from thuvien.holdings.selectors import records_visible_outside
    from thuvien.holdings.services import item_visibility_set
    from thuvien.holdings.visibility import viewer_for

    own = record_create(network=world.hung_yen, marc=vi_marc(title="Của Hưng Yên"))
    shown = record_create(network=world.bac_ninh, marc=vi_marc(title="Của Bắc Ninh"))
    hidden = record_create(network=world.bac_ninh, marc=vi_marc(title="Không cho xem"))
    with scopes_disabled():
        item_create(record=shown, library=world.bn_provincial, barcode="BN1")
        copy = item_create(record=hidden, library=world.bn_provincial, barcode="BN2")
        item_visibility_set(item=copy, visibility="hidden", actor=None)
    viewer = viewer_for(AnonymousUser())
    ids = [own.pk, shown.pk, hidden.pk, 999999]
    found = records_visible_outside(record_ids=ids, network_id=world.hung_yen.pk, viewer=viewer)
    assert [r.pk for r in found] == [shown.pk]
