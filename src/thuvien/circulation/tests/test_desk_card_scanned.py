"""A reader's card given where a copy's barcode was expected (desk, REST, any desk path): the
desk services say it is a card (``circulation.barcode_is_patron_card``) with the reader a desk
of that library may see, and change nothing; a card the desk may not see stays "no copy"."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.models import Loan
from thuvien.circulation.services import desk_checkin, desk_checkout, desk_renew, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.core.errors import NotFound
from thuvien.core.scoping import library_scope

pytestmark = pytest.mark.django_db
CARD = CirculationErrorCode.BARCODE_IS_PATRON_CARD


def _loan(world, patron):
    item = make_item(world.provincial)
    with library_scope(world.provincial):
        return loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)


def test_each_desk_service_says_the_code_is_a_readers_card(world):
    current = make_patron(world.provincial)
    other = make_patron(world.commune_a, full_name="Trần Thị Thẻ Nhầm")  # same network
    loan = _loan(world, other)
    lib = world.provincial
    calls = [
        lambda code: desk_checkout(library=lib, barcode=code, patron=current, staff=None),
        lambda code: desk_checkin(library=lib, barcode=code, staff=None),
        lambda code: desk_renew(library=lib, barcode=code, staff=None),
    ]
    for call in calls:
        with library_scope(lib), pytest.raises(CirculationError) as refused:
            call(other.card_number.lower())  # typed, in lower case
        assert refused.value.code == CARD
        assert refused.value.params["patron"] == other
        assert refused.value.http_status == 404
        assert other.card_number in refused.value.message
        assert "Trần Thị Thẻ Nhầm" not in refused.value.message  # the interface decides
    with scopes_disabled():
        kept = Loan.all_objects.get(pk=loan.pk)
        assert kept.returned_at is None and kept.renewals == 0 and kept.due_on == loan.due_on
        assert not Loan.all_objects.filter(patron=current).exists()


def test_a_card_of_another_network_is_no_copy(world):
    current = make_patron(world.provincial)
    stranger = make_patron(world.bn_provincial)
    with library_scope(world.provincial), pytest.raises(NotFound) as refused:
        desk_checkout(
            library=world.provincial, barcode=stranger.card_number, patron=current, staff=None
        )
    assert refused.value.code == "item_not_found" and not refused.value.params
    for call in (desk_checkin, desk_renew):
        with library_scope(world.provincial), pytest.raises(NotFound) as refused:
            call(library=world.provincial, barcode=stranger.card_number, staff=None)
        assert refused.value.code == "item_not_found"
