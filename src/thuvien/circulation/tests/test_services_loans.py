"""Check-out, check-in and renewal: the rules, every refusal, overrides, fines, due dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from thuvien.circulation.errors import CirculationError
from thuvien.circulation.errors import CirculationErrorCode as C
from thuvien.circulation.loan_policy import rule_for
from thuvien.circulation.models import Fee, Hold, HoldStatus, Loan, LoanRule
from thuvien.circulation.services import (
    fee_create,
    hold_place,
    loan_checkin,
    loan_checkout,
    loan_renew,
)
from thuvien.core.models import AuditEntry
from thuvien.holdings.models import ItemStatus
from thuvien.network.models import ClosedDay, SettingValue

from .factories import make_item, make_patron

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    staff = world.users["tinh_circulation"]
    patron = make_patron(world.provincial)
    item = make_item(world.provincial)
    return world, staff, patron, item


def refused(code, fn, **kw):
    with pytest.raises(CirculationError) as exc:
        fn(**kw)
    assert exc.value.code == code, exc.value.message
    assert exc.value.message  # plain words for the desk
    return exc.value


def test_checkout_then_checkin(desk):
    world, staff, patron, item = desk
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert loan.due_on >= timezone.localdate() + dt.timedelta(days=14)
    assert loan.patron_category == "adult"
    assert AuditEntry.objects.filter(action="circulation.loan.checked_out").count() == 1
    refused(C.ITEM_ALREADY_ON_LOAN, loan_checkout, item=item, patron=patron,
            library=world.provincial, staff=staff)  # fmt: skip
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert result.loan.pk == loan.pk and result.fees == [] and result.transit is None
    item.refresh_from_db()
    assert item.status == ItemStatus.AVAILABLE
    refused(C.ITEM_NOT_ON_LOAN, loan_checkin, item=item, library=world.provincial, staff=staff)


def test_rules_matrix_fallback(world):
    lib, net = world.provincial, world.hung_yen
    assert rule_for(library=lib, category="adult", item_type="book").source == "default"
    LoanRule.objects.create(network=net, loan_days=21)
    LoanRule.objects.create(network=net, patron_category="child", loan_days=7)
    LoanRule.objects.create(network=net, library=lib, item_type="book", loan_days=10)
    LoanRule.objects.create(
        network=net, library=lib, patron_category="child", item_type="book", loan_days=5
    )
    assert rule_for(library=lib, category="child", item_type="book").loan_days == 5
    assert rule_for(library=lib, category="adult", item_type="book").loan_days == 10
    assert rule_for(library=lib, category="child", item_type="serial").loan_days == 7
    assert rule_for(library=lib, category="adult", item_type="serial").loan_days == 21
    other = world.commune_a
    assert rule_for(library=other, category="adult", item_type="book").loan_days == 21
    assert rule_for(library=other, category="child", item_type="book").loan_days == 7
    # Another network's rules never apply.
    assert rule_for(library=world.bn_provincial, category="adult", item_type="book").loan_days == 14


def test_due_date_skips_closed_days(desk):
    world, staff, patron, item = desk
    LoanRule.objects.create(network=world.hung_yen, loan_days=3)
    today = timezone.localdate()
    for offset in (3, 4):
        ClosedDay.objects.create(
            network=world.hung_yen, library=world.provincial, date=today + dt.timedelta(days=offset)
        )
    ClosedDay.objects.create(network=world.hung_yen, date=today + dt.timedelta(days=5))
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    assert loan.due_on == today + dt.timedelta(days=6)


def test_every_refusal_and_override(desk):
    world, staff, patron, item = desk
    lib = world.provincial
    kw = {"item": item, "patron": patron, "library": lib, "staff": staff}
    # Card expired.
    patron.expires_on = timezone.localdate() - dt.timedelta(days=1)
    patron.save(update_fields=["expires_on"])
    refused(C.CARD_EXPIRED, loan_checkout, **kw)
    admin = world.users["tinh_library_admin"]  # holds can_override_circulation
    loan = loan_checkout(**{**kw, "staff": admin}, override_reason="Bạn đọc đã nộp hồ sơ gia hạn")
    assert loan.override_reason
    assert AuditEntry.objects.filter(action="circulation.loan.overridden").count() == 1
    loan_checkin(item=item, library=lib, staff=staff)
    patron.expires_on = timezone.localdate() + dt.timedelta(days=100)
    patron.save(update_fields=["expires_on"])
    # Blocked: cannot be overridden.
    patron.blocked_reason = "Làm mất sách"
    patron.save(update_fields=["blocked_reason"])
    refused(C.PATRON_BLOCKED, loan_checkout, **kw)
    refused(C.OVERRIDE_NOT_ALLOWED, loan_checkout, **kw, override_reason="xin")
    patron.blocked_reason = ""
    patron.save(update_fields=["blocked_reason"])
    # Not for loan.
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    ref = make_item(lib, item_type="reference")
    refused(C.ITEM_NOT_FOR_LOAN, loan_checkout, **{**kw, "item": ref})
    # Limit reached.
    LoanRule.objects.create(network=world.hung_yen, max_loans=1)
    loan_checkout(**kw)
    refused(C.LOAN_LIMIT_REACHED, loan_checkout, **{**kw, "item": make_item(lib)})
    loan_checkin(item=item, library=lib, staff=staff)
    # Fines over the limit.
    fee_create(patron=patron, library=lib, kind="other", amount=60000, staff=staff)
    refused(C.FINES_OVER_LIMIT, loan_checkout, **kw)
    SettingValue.objects.create(
        network=world.hung_yen, key="circulation.fines_block_limit", value=100000
    )
    loan_checkin(item=loan_checkout(**kw).item, library=lib, staff=staff)
    # Item unavailable.
    lost = make_item(lib, status=ItemStatus.LOST)
    refused(C.ITEM_UNAVAILABLE, loan_checkout, **{**kw, "item": lost})
    refused(C.ITEM_UNAVAILABLE, loan_checkout, **{**kw, "item": lost}, override_reason="x")
    # Borrowing elsewhere forbidden by the setting.
    SettingValue.objects.create(
        network=world.hung_yen, library=world.commune_a, key="circulation.borrow_anywhere",
        value=False,
    )  # fmt: skip
    there = make_item(world.commune_a)
    refused(C.BORROWING_NOT_ALLOWED_HERE, loan_checkout, item=there, patron=patron,
            library=world.commune_a, staff=staff)  # fmt: skip
    # Allowed by default in another library of the network.
    visiting = loan_checkout(
        item=make_item(world.commune_b), patron=patron, library=world.commune_b, staff=staff
    )
    assert visiting.library == world.commune_b
    # Another network's reader is never served.
    refused(C.BORROWING_NOT_ALLOWED_HERE, loan_checkout, item=make_item(world.bn_provincial),
            patron=patron, library=world.bn_provincial, staff=staff)  # fmt: skip


def test_item_on_hold_for_other(desk):
    world, staff, patron, item = desk
    other = make_patron(world.provincial)
    hold_place(patron=other, pickup_library=world.provincial, actor=staff, item=item)
    # queued for another reader: the copy would fill their hold
    refused(C.ITEM_WANTED_BY_OTHER, loan_checkout, item=item, patron=patron,
            library=world.provincial, staff=staff)  # fmt: skip
    # The reader the copy is held for borrows it; the hold is fulfilled.
    loan_checkout(item=item, patron=other, library=world.provincial, staff=staff)
    assert Hold.all_objects.get().status == HoldStatus.FULFILLED


def test_overdue_fine_capped(desk):
    world, staff, patron, item = desk
    LoanRule.objects.create(network=world.hung_yen, fine_per_day=2000, fine_cap=10000)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert [f.amount for f in result.fees] == [Decimal(6000)]
    assert "6.000" in result.message
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=30))
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert result.fees[0].amount == Decimal(10000)
    assert Fee.all_objects.filter(patron=patron).count() == 2


def test_no_fine_for_days_the_library_was_closed(desk):
    world, staff, patron, item = desk
    LoanRule.objects.create(network=world.hung_yen, fine_per_day=1000, fine_cap=100000)
    today = timezone.localdate()
    for back in (1, 2):  # two holidays among the five days late
        ClosedDay.objects.create(network=world.hung_yen, date=today - dt.timedelta(days=back))
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=today - dt.timedelta(days=5))
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert [f.amount for f in result.fees] == [Decimal(3000)]
    assert "3 ngày" in result.fees[0].description
    # the network may choose to fine every calendar day
    SettingValue.objects.create(
        network=world.hung_yen, key="circulation.fines_skip_closed_days", value=False
    )
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=today - dt.timedelta(days=5))
    result = loan_checkin(item=item, library=world.provincial, staff=staff)
    assert [f.amount for f in result.fees] == [Decimal(5000)]


def test_renew(desk):
    world, staff, patron, item = desk
    LoanRule.objects.create(network=world.hung_yen, renewals_allowed=1, renewal_days=20)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=staff)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())  # due today
    loan = loan_renew(loan=loan, actor=staff)
    assert loan.renewals == 1
    assert loan.due_on >= timezone.localdate() + dt.timedelta(days=20)
    refused(C.RENEWAL_TOO_SOON, loan_renew, loan=loan, actor=staff)  # the same renewal again
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
    refused(C.RENEWAL_LIMIT, loan_renew, loan=loan, actor=staff)
    reason = "Nghiên cứu luận văn"
    refused(C.OVERRIDE_FORBIDDEN, loan_renew, loan=loan, actor=staff, override_reason=reason)
    admin = world.users["tinh_library_admin"]
    loan = loan_renew(loan=loan, actor=admin, override_reason="Nghiên cứu luận văn")
    assert loan.renewals == 2
    other = make_patron(world.commune_a)
    hold_place(patron=other, pickup_library=world.commune_a, actor=None, record=item.record)
    Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
    refused(C.RENEWAL_BLOCKED_BY_HOLD, loan_renew, loan=loan, actor=patron.user)
    loan_checkin(item=item, library=world.provincial, staff=staff)
    refused(C.ITEM_NOT_ON_LOAN, loan_renew, loan=loan, actor=staff)


def test_messages_in_english(desk):
    from django.utils import translation

    world, staff, patron, item = desk
    patron.blocked_reason = "x"
    patron.save(update_fields=["blocked_reason"])
    with translation.override("en"):
        exc = refused(C.PATRON_BLOCKED, loan_checkout, item=item, patron=patron,
                      library=world.provincial, staff=staff)  # fmt: skip
    assert exc.message == "The reader's card is blocked."
