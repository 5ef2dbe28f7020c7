"""Holds across libraries: the queue, transits, hold shelf and its expiry, notices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from thuvien.circulation.errors import CirculationError
from thuvien.circulation.errors import CirculationErrorCode as C
from thuvien.circulation.models import Hold, HoldStatus, NoticeLog, Transit
from thuvien.circulation.selectors import hold_queue_position, transits_expected
from thuvien.circulation.services import (
    hold_cancel,
    hold_place,
    holds_expire,
    loan_checkin,
    loan_checkout,
)
from thuvien.core.scoping import library_scope
from thuvien.holdings.models import ItemStatus

from .factories import make_item, make_patron

pytestmark = pytest.mark.django_db


def status(item):
    item.refresh_from_db()
    return item.status


def test_queue_across_libraries_with_transit(world, django_capture_on_commit_callbacks):
    staff = world.users["tinh_circulation"]
    item = make_item(world.provincial)
    borrower = make_patron(world.provincial)
    first = make_patron(world.commune_a, email="a@example.org")
    second = make_patron(world.provincial, email="b@example.org", language="en")
    loan_checkout(item=item, patron=borrower, library=world.provincial, staff=staff)
    h1 = hold_place(patron=first, pickup_library=world.commune_a, actor=None, record=item.record)
    h2 = hold_place(patron=second, pickup_library=world.provincial, actor=None, record=item.record)
    assert [hold_queue_position(hold=h) for h in (h1, h2)] == [1, 2]
    with pytest.raises(CirculationError) as exc:
        hold_place(patron=first, pickup_library=world.commune_a, actor=None, record=item.record)
    assert exc.value.code == C.HOLD_ALREADY_PLACED

    # Returned at the provincial library: the first in line picks up at Tiên Lữ -> transit.
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert result.hold.pk == h1.pk and result.transit.library == world.commune_a
    assert "Tiên Lữ" in result.message
    assert status(item) == ItemStatus.IN_TRANSIT
    with library_scope(world.commune_a):
        assert list(transits_expected(library=world.commune_a)) == [result.transit]
    with library_scope(world.provincial):
        assert list(transits_expected(library=world.provincial)) == []

    # Scanned at the wrong library: the transit goes on.
    wrong = loan_checkin(item=item, library=world.commune_b, staff=staff)
    assert wrong.transit.pk == result.transit.pk and status(item) == ItemStatus.IN_TRANSIT

    # Arrives at Tiên Lữ: on the hold shelf, the reader is told (after the commit).
    with django_capture_on_commit_callbacks(execute=True):
        arrived = loan_checkin(item=item, library=world.commune_a, staff=staff)
    h1.refresh_from_db()
    assert h1.status == HoldStatus.READY and h1.expires_on > timezone.localdate()
    assert arrived.transit.received_at is not None
    assert status(item) == ItemStatus.ON_HOLD_SHELF
    assert len(mail.outbox) == 1 and "sẵn sàng" in mail.outbox[0].subject
    assert NoticeLog.all_objects.filter(kind="hold_ready", patron=first).count() == 1

    # Not picked up: the shelf expires, the copy goes to the next reader (in transit home).
    with django_capture_on_commit_callbacks(execute=True):
        assert holds_expire(today=h1.expires_on + dt.timedelta(days=1)) == 1
    h1.refresh_from_db()
    h2.refresh_from_db()
    assert h1.status == HoldStatus.EXPIRED and h2.status == HoldStatus.IN_TRANSIT
    with django_capture_on_commit_callbacks(execute=True):
        loan_checkin(item=item, library=world.provincial, staff=staff)
    h2.refresh_from_db()
    assert h2.status == HoldStatus.READY
    # The second reader reads English.
    assert mail.outbox[-1].subject == "Your reserved item is ready"
    loan_checkout(item=item, patron=second, library=world.provincial, staff=staff)
    h2.refresh_from_db()
    assert h2.status == HoldStatus.FULFILLED


def test_return_at_other_library_goes_home(world):
    staff = world.users["tienlu_circulation"]
    item = make_item(world.provincial)
    patron = make_patron(world.provincial)
    loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    result = loan_checkin(item=item, library=world.commune_a, staff=staff)
    assert result.transit.reason == Transit.Reason.RETURN
    assert result.transit.library == world.provincial
    home = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert home.loan is None and status(item) == ItemStatus.AVAILABLE


def test_cancel_ready_hold_passes_copy_on(world):
    staff = world.users["tinh_circulation"]
    item = make_item(world.provincial)
    a, b = make_patron(world.provincial), make_patron(world.provincial)
    ha = hold_place(patron=a, pickup_library=world.provincial, actor=None, item=item)
    hb = hold_place(patron=b, pickup_library=world.provincial, actor=None, record=item.record)
    # Pull from the shelf and scan: trapped for the first reader.
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert result.hold.pk == ha.pk
    hold_cancel(hold=ha, actor=a.user)
    hb.refresh_from_db()
    assert hb.status == HoldStatus.READY and hb.item_id == item.pk
    with pytest.raises(CirculationError) as exc:
        hold_cancel(hold=ha, actor=None)
    assert exc.value.code == C.HOLD_NOT_ACTIVE
    assert Hold.all_objects.filter(status=HoldStatus.READY).count() == 1
