"""Two defects of the user audit on the demo, at the services every interface shares.

1. A renewal that would not move the due date later (a second scan of the same copy at the
   renew desk, or a renewal on the day of the loan) is refused and counts nothing: no renewal
   used, no audit entry, the due date unchanged (Koha's and Evergreen's rule).
2. A copy that could fill another reader's waiting hold (title-level or on that copy, by the
   rules the check-in uses to route a copy) is not lent silently: the check-out is refused with
   its own code, naming the first waiting reader's card (for staff) and their place in the
   queue; an override with a typed reason lends it and is audited. The reader whose hold it is
   borrows it and fills their hold, as before.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.circulation.errors import CirculationError
from thuvien.circulation.errors import CirculationErrorCode as C
from thuvien.circulation.models import Hold, HoldStatus, Loan
from thuvien.circulation.services import (
    desk_checkout,
    desk_renew,
    hold_place,
    loan_checkout,
    loan_renew,
    loan_renew_item,
)
from thuvien.core.models import AuditEntry

from .factories import make_item, make_patron, make_record

pytestmark = pytest.mark.django_db

REASON = "Bạn đọc cần gấp để thi, đã báo người đặt"


def _refused(code, fn, **kw):
    with pytest.raises(CirculationError) as exc:
        fn(**kw)
    assert exc.value.code == code, exc.value.message
    return exc.value


def _renewed_entries(loan) -> int:
    return AuditEntry.objects.filter(
        action__in=["circulation.loan.renewed", "circulation.loan.renewal_overridden"],
        object_id=str(loan.pk),
    ).count()


@pytest.fixture
def lent(world):
    patron = make_patron(world.provincial)
    item = make_item(world.provincial, barcode="DM0010000000491")
    staff = world.users["tinh_circulation"]
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    return world, staff, patron, item, loan


# --- 1. a renewal that extends nothing ----------------------------------------------------------


def test_a_renewal_on_the_day_of_the_loan_extends_nothing_and_is_refused(lent):
    world, staff, patron, item, loan = lent
    due = loan.due_on
    exc = _refused(
        C.RENEWAL_TOO_SOON, desk_renew, library=world.provincial, barcode=item.barcode, staff=staff
    )
    assert exc.message == (
        f"Chưa thể gia hạn: hạn trả mới sẽ không muộn hơn hạn hiện tại ({due:%d/%m/%Y})."
    )
    loan.refresh_from_db()
    assert (loan.renewals, loan.due_on) == (0, due)
    assert _renewed_entries(loan) == 0


def test_a_repeated_scan_at_the_renew_desk_uses_one_renewal(lent):
    world, staff, patron, item, loan = lent
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate() + dt.timedelta(days=2))
    first = desk_renew(library=world.provincial, barcode=item.barcode, staff=staff)
    assert first.renewals == 1 and first.due_on > timezone.localdate() + dt.timedelta(days=2)
    _refused(
        C.RENEWAL_TOO_SOON, desk_renew, library=world.provincial, barcode=item.barcode, staff=staff
    )
    loan.refresh_from_db()
    assert (loan.renewals, loan.due_on) == (1, first.due_on)
    assert _renewed_entries(loan) == 1


def test_no_override_and_no_interface_renews_what_would_not_move(lent):
    """The staff override, a kiosk (``patron``), the reader's own online renewal: one rule."""
    world, staff, patron, item, loan = lent
    admin = world.users["tinh_library_admin"]
    _refused(C.OVERRIDE_NOT_ALLOWED, desk_renew, library=world.provincial, barcode=item.barcode,
             staff=admin, override_reason=REASON)  # fmt: skip
    _refused(C.RENEWAL_TOO_SOON, loan_renew_item, item=item, actor=staff,
             library=world.provincial, patron=patron)  # fmt: skip
    _refused(C.RENEWAL_TOO_SOON, loan_renew, loan=loan, actor=patron.user)
    loan.refresh_from_db()
    assert loan.renewals == 0 and loan.override_reason == ""
    assert _renewed_entries(loan) == 0


# --- 2. a copy another reader is waiting for ----------------------------------------------------


@pytest.fixture
def waited_for(world):
    """Record 31's copy on the shelf; reader A waits for the title at the provincial library."""
    record = make_record(world.hung_yen, title="Lịch sử Hưng Yên")
    item = make_item(world.provincial, record=record, barcode="DM0010000000312")
    waiting = make_patron(world.provincial)
    hold = hold_place(patron=waiting, pickup_library=world.provincial, actor=None, record=record)
    borrower = make_patron(world.provincial)
    return world, record, item, waiting, hold, borrower


def test_a_copy_that_would_fill_another_readers_title_hold_is_not_lent_silently(waited_for):
    world, record, item, waiting, hold, borrower = waited_for
    staff = world.users["tinh_circulation"]
    exc = _refused(C.ITEM_WANTED_BY_OTHER, desk_checkout, library=world.provincial,
                   barcode=item.barcode, patron=borrower, staff=staff)  # fmt: skip
    assert exc.overridable
    assert exc.params["card_number"] == waiting.card_number
    assert exc.params["queue_position"] == 1
    assert waiting.card_number not in exc.message  # a kiosk shows the message itself
    assert not Loan.all_objects.filter(item=item).exists()
    hold.refresh_from_db()
    assert hold.status == HoldStatus.QUEUED


def test_the_override_lends_it_audited_and_the_waiting_reader_keeps_their_place(waited_for):
    world, record, item, waiting, hold, borrower = waited_for
    _refused(C.OVERRIDE_FORBIDDEN, desk_checkout, library=world.provincial, barcode=item.barcode,
             patron=borrower, staff=world.users["tinh_circulation"],
             override_reason=REASON)  # fmt: skip
    loan = desk_checkout(library=world.provincial, barcode=item.barcode, patron=borrower,
                         staff=world.users["tinh_library_admin"],
                         override_reason=REASON)  # fmt: skip
    assert loan.override_reason == REASON
    entry = AuditEntry.objects.get(action="circulation.loan.overridden", object_id=str(loan.pk))
    assert entry.changes["override"] == [C.ITEM_WANTED_BY_OTHER]
    hold.refresh_from_db()
    assert hold.status == HoldStatus.QUEUED


def test_the_queue_position_is_the_first_waiting_readers_and_the_holder_borrows_it(waited_for):
    world, record, item, waiting, hold, borrower = waited_for
    second = make_patron(world.commune_a)
    hold_place(patron=second, pickup_library=world.commune_a, actor=None, record=record)
    exc = _refused(C.ITEM_WANTED_BY_OTHER, desk_checkout, library=world.provincial,
                   barcode=item.barcode, patron=second,
                   staff=world.users["tinh_circulation"])  # fmt: skip
    assert exc.params["card_number"] == waiting.card_number
    assert exc.params["queue_position"] == 1
    # The first reader in the queue borrows the copy: their hold is filled, as before.
    loan = desk_checkout(library=world.provincial, barcode=item.barcode, patron=waiting,
                         staff=world.users["tinh_circulation"])  # fmt: skip
    assert loan.override_reason == ""
    hold.refresh_from_db()
    assert hold.status == HoldStatus.FULFILLED and hold.item_id == item.pk


def test_an_item_level_hold_on_this_copy_counts_and_one_on_another_copy_does_not(world):
    record = make_record(world.hung_yen)
    this = make_item(world.provincial, record=record)
    other_copy = make_item(world.provincial, record=record)
    waiting = make_patron(world.provincial)
    hold_place(patron=waiting, pickup_library=world.provincial, actor=None, item=other_copy)
    borrower = make_patron(world.provincial)
    staff = world.users["tinh_circulation"]
    loan = desk_checkout(library=world.provincial, barcode=this.barcode, patron=borrower,
                         staff=staff)  # fmt: skip
    assert loan.pk
    exc = _refused(C.ITEM_WANTED_BY_OTHER, desk_checkout, library=world.provincial,
                   barcode=other_copy.barcode, patron=borrower, staff=staff)  # fmt: skip
    assert exc.params["card_number"] == waiting.card_number
    assert Hold.all_objects.get(patron=waiting).status == HoldStatus.QUEUED
