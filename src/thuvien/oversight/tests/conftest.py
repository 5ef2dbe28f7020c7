"""A world with copies, readers and loans, for the oversight tests."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.services import loan_checkin, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron, make_record
from thuvien.holdings.models import Item, ItemStatus
from thuvien.patrons.models import Patron


@pytest.fixture
def busy_world(world):
    """Copies, readers and loans in three libraries of Hưng Yên and one of Bắc Ninh."""
    kieu = make_record(world.hung_yen, "Truyện Kiều")
    for _ in range(3):
        make_item(world.provincial, record=kieu)
    make_item(world.provincial)
    make_item(world.provincial, status=ItemStatus.WITHDRAWN)
    make_item(world.provincial, status=ItemStatus.LOST)
    make_item(world.commune_a)
    make_item(world.bn_provincial)
    reader = make_patron(world.provincial)
    make_patron(world.provincial)
    make_patron(world.commune_a)
    make_patron(world.bn_provincial)
    with scopes_disabled():
        Patron.objects.filter(pk=reader.pk).update(expires_on=timezone.localdate())
        lent = Item.objects.filter(library=world.provincial, status=ItemStatus.AVAILABLE)[:2]
        staff = world.users["tinh_circulation"]
        for item in lent:
            loan_checkout(item=item, patron=reader, library=world.provincial, staff=staff)
        loan_checkin(item=lent[0], library=world.provincial, staff=staff)
    return world
