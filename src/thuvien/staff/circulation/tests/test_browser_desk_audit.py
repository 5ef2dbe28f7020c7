"""Two defects of the user audit, as the librarian met them: a scanner (30 ms a key, then
Enter; the next scan before the page answers) over a rural library's slow line.

1. The same copy scanned twice at the renew desk: a renewal that would not move the due date
   later is refused with a plain sentence and uses up nothing.
2. A copy on the shelf that another reader is waiting for (a hold on its title): the desk does
   not lend it silently; it says who waits and where in the queue, and only "Vẫn cho mượn" with
   a typed reason lends it (audited).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Hold, HoldStatus, Loan
from thuvien.circulation.services import hold_place, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron, make_record
from thuvien.core.models import AuditEntry
from thuvien.testing.browser import eventually, staff_login
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATENCY_MS = 400


def _scan(page, code: str) -> None:
    """A scanner: the code at 30 ms a key, then Enter; no waiting for the page."""
    page.keyboard.type(code, delay=30)
    page.keyboard.press("Enter")


def _answered(page, n: int) -> None:
    wait_for_js(page, f"document.querySelectorAll('#desk-session li:not(.pending)').length === {n}")


def _renewals(*loans) -> list[tuple[int, dt.date]]:
    with scopes_disabled():
        return [
            tuple(Loan.all_objects.filter(pk=ln.pk).values_list("renewals", "due_on").get())
            for ln in loans
        ]


def test_a_double_scan_at_the_renew_desk_uses_up_nothing(world, page):
    patron = make_patron(world.provincial)
    staff = world.users["tinh_circulation"]
    today = timezone.localdate()
    with scopes_disabled():
        # Lent today (due in the loan period): a renewal today would not move its due date.
        fresh = loan_checkout(item=make_item(world.provincial, barcode="DM0010000000491"),
                              patron=patron, library=world.provincial, staff=staff)  # fmt: skip
        # Due in two days: the first scan renews it, the second is the same scan again.
        soon = loan_checkout(item=make_item(world.provincial, barcode="DM0010000000492"),
                             patron=patron, library=world.provincial, staff=staff)  # fmt: skip
        Loan.all_objects.filter(pk=soon.pk).update(due_on=today + dt.timedelta(days=2))
    due = fresh.due_on
    staff_login(page, "/staff/circulation/renew/", "tinh_circulation", latency_ms=LATENCY_MS)
    for code in ("DM0010000000491", "DM0010000000491", "DM0010000000492", "DM0010000000492"):
        _scan(page, code)
    _answered(page, 4)
    time.sleep(1.0)  # nothing else arrives later
    [(fresh_n, fresh_due), (soon_n, soon_due)] = _renewals(fresh, soon)
    assert (fresh_n, fresh_due) == (0, due)
    assert soon_n == 1 and soon_due > today + dt.timedelta(days=2)
    assert page.locator("#desk-session li.ok").count() == 1
    refused = page.locator("#desk-session li.refused")
    assert refused.count() == 3
    texts = refused.all_inner_texts()
    refused_codes = sorted(t.split()[0] for t in texts)
    assert refused_codes == ["DM0010000000491", "DM0010000000491", "DM0010000000492"], texts
    assert all(
        f"Chưa thể gia hạn: hạn trả mới sẽ không muộn hơn hạn hiện tại ({d:%d/%m/%Y})." in t
        for t, d in zip(sorted(texts), [due, due, soon_due], strict=True)
    ), texts
    assert "Đã gia hạn" not in " ".join(texts)
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="circulation.loan.renewed").count() == 1


@pytest.fixture
def waited_for(world):
    """Record 31's copy DM0010000000312 on the shelf; reader A waits for the title (pickup at
    the provincial library); reader B comes to the desk with it."""
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Lịch sử Hưng Yên")
        item = make_item(world.provincial, record=record, barcode="DM0010000000312")
        waiting = make_patron(world.provincial)
        hold_place(patron=waiting, pickup_library=world.provincial, actor=None, record=record)
        borrower = make_patron(world.provincial)
    return item, waiting, borrower


def _loans_of(item) -> list[Loan]:
    with scopes_disabled():
        return list(Loan.all_objects.filter(item=item))


def test_a_copy_another_reader_waits_for_is_not_lent_silently(world, page, waited_for):
    item, waiting, borrower = waited_for
    staff_login(page, "/staff/circulation/checkout/", "tinh_circulation", latency_ms=LATENCY_MS)
    _scan(page, borrower.card_number)
    _scan(page, item.barcode)
    _answered(page, 1)
    time.sleep(1.0)
    assert _loans_of(item) == []
    line = page.inner_text("#desk-session li.refused")
    assert waiting.card_number in line and "thứ tự chờ 1" in line, line
    assert "Đã cho mượn" not in page.inner_text("#desk-session")
    # A desk librarian without the override sees no button; the scan field keeps the focus.
    assert page.locator("#desk-session li.refused button").count() == 0
    assert page.evaluate("document.activeElement.id") == "scan"
    with scopes_disabled():
        assert Hold.all_objects.get(patron=waiting).status == HoldStatus.QUEUED


def test_vẫn_cho_mượn_lends_it_with_a_typed_reason_and_audits_it(world, page, waited_for):
    item, waiting, borrower = waited_for
    staff_login(page, "/staff/circulation/checkout/", "tinh_library_admin", latency_ms=LATENCY_MS)
    _scan(page, borrower.card_number)
    _scan(page, item.barcode)
    _answered(page, 1)
    assert waiting.card_number in page.inner_text("#desk-session li.refused")
    button = page.locator("#desk-session li.refused button")
    assert button.inner_text().strip() == "Vẫn cho mượn"
    assert _loans_of(item) == []
    page.locator("#desk-session li.refused textarea").click()
    page.keyboard.type("Bạn đọc cần gấp, đã báo người đặt", delay=60)  # a person types
    button.click()
    assert eventually(lambda: len(_loans_of(item)) == 1), _loans_of(item)
    [loan] = _loans_of(item)
    assert loan.patron_id == borrower.pk
    assert loan.override_reason == "Bạn đọc cần gấp, đã báo người đặt"
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            action="circulation.loan.overridden", object_id=str(loan.pk)
        ).exists()
        assert Hold.all_objects.get(patron=waiting).status == HoldStatus.QUEUED
    wait_for_js(page, "document.querySelectorAll('#desk-session li.ok').length === 1")
