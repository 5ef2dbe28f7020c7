"""What the desk needs of the services: deliberate overrides, the card's problems at the card,
who has a copy that is out, barcodes whatever their case (so SIP2 and the API get it too)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.accounts.capabilities import BUILTIN_ROLES, Capability
from thuvien.circulation import selectors
from thuvien.circulation.errors import CirculationError
from thuvien.circulation.errors import CirculationErrorCode as C
from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.services import (
    fee_create,
    loan_checkout,
    loan_renew_item,
    patron_checkout_blocks,
)
from thuvien.core.errors import NotFound

from .factories import make_item, make_patron

pytestmark = pytest.mark.django_db


def _refused(code, fn, **kw):
    with pytest.raises(CirculationError) as exc:
        fn(**kw)
    assert exc.value.code == code, exc.value.message
    return exc.value


@pytest.fixture
def at_limit(world):
    """A reader who has borrowed all they may (one book), and a second book to refuse."""
    LoanRule.objects.create(network=world.hung_yen, max_loans=1)
    patron = make_patron(world.provincial)
    staff = world.users["tinh_circulation"]
    loan_checkout(item=make_item(world.provincial), patron=patron, library=world.provincial,
                  staff=staff)  # fmt: skip
    refused = make_item(world.provincial, barcode="DM0010000000582")
    return world, patron, refused


def test_the_override_capability_is_declared_and_given_to_administrators():
    assert Capability.OVERRIDE_CIRCULATION in BUILTIN_ROLES["library_admin"][2]
    assert Capability.OVERRIDE_CIRCULATION in BUILTIN_ROLES["network_admin"][2]
    assert Capability.OVERRIDE_CIRCULATION not in BUILTIN_ROLES["circulation"][2]
    assert Capability.OVERRIDE_CIRCULATION in BUILTIN_ROLES["circulation_lead"][2]


def test_an_override_needs_the_capability(at_limit):
    world, patron, item = at_limit
    kw = {"item": item, "patron": patron, "library": world.provincial}
    reason = "Giáo viên mượn để soạn bài"
    _refused(C.OVERRIDE_FORBIDDEN, loan_checkout, **kw, staff=world.users["tinh_circulation"],
             override_reason=reason)  # fmt: skip
    _refused(C.OVERRIDE_FORBIDDEN, loan_checkout, **kw, staff=None, override_reason=reason)
    # A library administrator of another library holds nothing here.
    _refused(C.OVERRIDE_FORBIDDEN, loan_checkout, **kw, staff=world.users["tienlu_library_admin"],
             override_reason=reason)  # fmt: skip
    assert not Loan.all_objects.filter(item=item).exists()
    loan = loan_checkout(**kw, staff=world.users["tinh_library_admin"], override_reason=reason)
    assert loan.override_reason == reason


@pytest.mark.parametrize(
    "reason",
    [
        "DM0010000000583",  # the next book's barcode, scanned into the reason box
        "dm0010000000583",
        "10000000583",  # its tail, when the first keys went elsewhere
        "ok",  # too short to be a reason
        "  x  ",
        "978-604-1-23456-7",
    ],
)
def test_a_reason_that_is_a_code_is_refused(at_limit, reason):
    world, patron, item = at_limit
    make_item(world.provincial, barcode="DM0010000000583")
    err = _refused(C.OVERRIDE_REASON_INVALID, loan_checkout, item=item, patron=patron,
                   library=world.provincial, staff=world.users["tinh_library_admin"],
                   override_reason=reason)  # fmt: skip
    assert err.http_status == 400 and "mã vạch" in err.message
    assert not Loan.all_objects.filter(item=item).exists()


def test_a_reason_equal_to_a_barcode_or_card_without_digits_is_refused(at_limit):
    world, patron, item = at_limit
    make_item(world.provincial, barcode="SACHMOI")
    for reason in ("SACHMOI", "sachmoi", patron.card_number):
        _refused(C.OVERRIDE_REASON_INVALID, loan_checkout, item=item, patron=patron,
                 library=world.provincial, staff=world.users["tinh_library_admin"],
                 override_reason=reason)  # fmt: skip


def test_renewal_override_follows_the_same_rule(world):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    staff = world.users["tinh_circulation"]
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(renewals=5, due_on=timezone.localdate())
    kw = {"item": item, "library": world.provincial}
    _refused(C.RENEWAL_LIMIT, loan_renew_item, **kw, actor=staff)
    _refused(C.OVERRIDE_FORBIDDEN, loan_renew_item, **kw, actor=staff,
             override_reason="Bạn đọc làm luận văn")  # fmt: skip
    admin = world.users["tinh_library_admin"]
    _refused(C.OVERRIDE_REASON_INVALID, loan_renew_item, **kw, actor=admin,
             override_reason=item.barcode)  # fmt: skip
    assert loan_renew_item(**kw, actor=admin, override_reason="Bạn đọc làm luận văn").renewals == 6


def test_card_problems_are_known_before_the_first_book(world):
    patron = make_patron(world.provincial)
    lib = world.provincial
    assert patron_checkout_blocks(patron=patron, library=lib) == []
    patron.expires_on = timezone.localdate() - dt.timedelta(days=1)
    patron.blocked_reason = "Làm mất sách"
    patron.save(update_fields=["expires_on", "blocked_reason"])
    codes = {e.code for e in patron_checkout_blocks(patron=patron, library=lib)}
    assert codes == {C.CARD_EXPIRED, C.PATRON_BLOCKED}
    patron.expires_on = timezone.localdate() + dt.timedelta(days=30)
    patron.blocked_reason = ""
    patron.save(update_fields=["expires_on", "blocked_reason"])
    fee_create(patron=patron, library=lib, kind="other", amount=60000, staff=None)
    codes = [e.code for e in patron_checkout_blocks(patron=patron, library=lib)]
    assert codes == [C.FINES_OVER_LIMIT]
    other = make_patron(world.bn_provincial)  # another province's reader
    codes = [e.code for e in patron_checkout_blocks(patron=other, library=lib)]
    assert codes == [C.BORROWING_NOT_ALLOWED_HERE]


def test_a_copy_already_out_says_to_whom_and_until_when(world):
    first, second = make_patron(world.provincial), make_patron(world.provincial)
    item = make_item(world.provincial)
    staff = world.users["tinh_circulation"]
    loan = loan_checkout(item=item, patron=first, library=world.provincial, staff=staff)
    err = _refused(C.ITEM_ALREADY_ON_LOAN, loan_checkout, item=item, patron=second,
                   library=world.provincial, staff=staff)  # fmt: skip
    assert err.params == {"card_number": first.card_number, "due_on": loan.due_on,
                          "patron_id": first.pk}  # fmt: skip
    assert first.card_number not in err.message  # a SIP2 kiosk shows the message


@pytest.mark.parametrize("lock", [False, True])
def test_barcodes_match_whatever_the_case(world, lock, django_db_blocker):
    from django.db import transaction

    from thuvien.holdings.item_sql import desk_item_for_update

    def item_for_desk(*, library, barcode, lock):  # the desk services' read, or the selector
        if lock:
            return desk_item_for_update(library=library, barcode=barcode)
        return selectors.item_for_desk(library=library, barcode=barcode)

    item = make_item(world.provincial, barcode="DM0010000000582")
    legacy = make_item(world.commune_a, barcode="old-42")  # stored before barcodes were capitals
    with transaction.atomic():
        for typed, expected in [("dm0010000000582", item), (" Dm0010000000582 ", item),
                                ("old-42", legacy), ("OLD-42", None)]:  # fmt: skip
            if expected is None:
                with pytest.raises(NotFound):
                    item_for_desk(library=world.provincial, barcode=typed, lock=lock)
            else:
                assert item_for_desk(library=world.provincial, barcode=typed, lock=lock) == expected
        # Another network's copy stays unknown, whatever the case.
        make_item(world.bn_provincial, barcode="BN0001")
        with pytest.raises(NotFound):
            item_for_desk(library=world.provincial, barcode="bn0001", lock=lock)
