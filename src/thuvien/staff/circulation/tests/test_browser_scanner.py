"""The desk as a librarian with a barcode scanner uses it, over a rural library's slow line.

A scanner types a code and Enter in a few milliseconds; the librarian scans the next book 0.35 s
later without waiting for the page. The line adds 400 ms to every request (Chrome DevTools
network emulation). Every scan must be kept and processed in order; a refusal must never turn
the next scan into an override."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.testing.browser import eventually, staff_login
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GAP = 0.35  # seconds between two books
LATENCY_MS = 400


def _login(page, path: str, username: str = "tinh_circulation") -> None:
    staff_login(page, path, username, latency_ms=LATENCY_MS)


def _scan(page, code: str) -> None:
    """What a scanner does: the code in about 3 ms a key, then Enter; no waiting for the page."""
    page.keyboard.type(code, delay=3)
    page.keyboard.press("Enter")
    time.sleep(GAP)




def _barcodes(n: int, start: int = 582) -> list[str]:
    return [f"DM00100000{start + i:05d}" for i in range(n)]


def _open_loans(patron) -> list[str]:
    with scopes_disabled():
        return list(
            Loan.all_objects.filter(patron=patron, returned_at__isnull=True)
            .order_by("id")
            .values_list("item__barcode", flat=True)
        )


def _wait_for_answers(page, n: int) -> None:
    """Until the session list holds ``n`` answered lines (no line waiting or being sent)."""
    wait_for_js(
        page,
        f"document.querySelectorAll('#desk-session li:not(.pending)').length === {n}"
    )


def test_six_books_at_scanner_speed_are_all_lent_in_order(world, page):
    patron = make_patron(world.provincial)
    LoanRule.objects.create(network=world.hung_yen, max_loans=10)
    codes = _barcodes(6)
    for code in codes:
        make_item(world.provincial, barcode=code)
    _login(page, "/staff/circulation/checkout/")
    _scan(page, patron.card_number)
    for code in codes:
        _scan(page, code)
    assert eventually(lambda: len(_open_loans(patron)) == 6), _open_loans(patron)
    assert _open_loans(patron) == codes  # in the order scanned
    wait_for_js(page, "document.querySelectorAll('#desk-session li.ok').length === 6")
    text = page.inner_text("#desk-session")
    assert all(code in text for code in codes)
    assert patron.full_name in page.inner_text("#desk-patron")
    page.screenshot(path="/tmp/desk-checkout-scanner.png", full_page=True)


def test_a_scan_after_a_refusal_is_the_next_scan_not_an_override(world, page):
    patron = make_patron(world.provincial)
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    first, second, third = _barcodes(3, start=700)
    make_item(world.provincial, barcode=first)
    refused = make_item(world.provincial, barcode="DM0010000000799", item_type="reference")
    make_item(world.provincial, barcode=second)
    make_item(world.provincial, barcode=third)
    _login(page, "/staff/circulation/checkout/")
    _scan(page, patron.card_number)
    for code in (first, refused.barcode, second, third):
        _scan(page, code)
    assert eventually(lambda: len(_open_loans(patron)) == 3), _open_loans(patron)
    time.sleep(1.5)  # nothing else arrives later
    assert _open_loans(patron) == [first, second, third]
    with scopes_disabled():
        assert not Loan.all_objects.filter(item=refused).exists()
    _wait_for_answers(page, 4)
    assert "chỉ đọc tại chỗ" in page.inner_text("#desk-session li.refused")
    # The scan field kept the focus: the override is its own deliberate act.
    assert page.evaluate("document.activeElement.id") == "scan"


def _lend(world, patron, codes: list[str]) -> list:
    items = [make_item(world.provincial, barcode=code) for code in codes]
    staff = world.users["tinh_circulation"]
    with scopes_disabled():
        return [
            loan_checkout(item=i, patron=patron, library=world.provincial, staff=staff)
            for i in items
        ]


def test_checkin_at_scanner_speed_keeps_every_scan_in_order(world, page):
    patron = make_patron(world.provincial)
    LoanRule.objects.create(network=world.hung_yen, max_loans=10)
    codes = _barcodes(6, start=800)
    _lend(world, patron, codes)
    stray = make_item(world.provincial, barcode="DM0010000000899")  # on the shelf: refused
    scans = codes[:3] + [stray.barcode] + codes[3:]
    _login(page, "/staff/circulation/checkin/")
    for code in scans:
        _scan(page, code)
    assert eventually(lambda: not _open_loans(patron)), _open_loans(patron)
    with scopes_disabled():
        returned = list(
            Loan.all_objects.filter(patron=patron).order_by("returned_at", "id")
            .values_list("item__barcode", flat=True)
        )  # fmt: skip
    assert returned == codes
    _wait_for_answers(page, 7)
    assert page.locator("#desk-session li.refused").count() == 1
    assert stray.barcode in page.inner_text("#desk-session li.refused")


def test_renew_at_scanner_speed_and_after_a_refusal(world, page):
    patron = make_patron(world.provincial)
    codes = _barcodes(5, start=900)
    loans = _lend(world, patron, codes)
    with scopes_disabled():
        # due today (a renewal on the day of the loan would not move the due date)
        Loan.all_objects.filter(patron=patron).update(due_on=timezone.localdate())
        Loan.all_objects.filter(pk=loans[1].pk).update(renewals=2)  # no renewal left
    _login(page, "/staff/circulation/renew/")
    for code in codes:
        _scan(page, code)

    def renewed() -> dict[str, int]:
        with scopes_disabled():
            return dict(
                Loan.all_objects.filter(patron=patron).values_list("item__barcode", "renewals")
            )

    expected = {code: 1 for code in codes} | {codes[1]: 2}
    assert eventually(lambda: renewed() == expected), renewed()
    _wait_for_answers(page, 5)
    time.sleep(1.0)
    assert renewed() == expected
    with scopes_disabled():
        assert Loan.all_objects.get(pk=loans[1].pk).override_reason == ""
    assert codes[1] in page.inner_text("#desk-session li.refused")


def test_an_override_is_typed_and_clicked_and_a_scan_into_its_box_is_the_next_scan(world, page):
    """A library administrator (who may override) gets the reason box in the refused line. A
    book scanned while the reason box has the focus is taken out of it and lent as the next
    book; the refused copy is lent only when a reason is typed and the button is clicked."""
    patron = make_patron(world.provincial)
    LoanRule.objects.create(network=world.hung_yen, item_type="reference", loan_days=0)
    refused = make_item(world.provincial, barcode="DM0010000000950", item_type="reference")
    after = make_item(world.provincial, barcode="DM0010000000951")
    _login(page, "/staff/circulation/checkout/", username="tinh_library_admin")
    _scan(page, patron.card_number)
    _scan(page, refused.barcode)
    _wait_for_answers(page, 1)
    box = page.locator("#desk-session li.refused textarea")
    box.click()  # the librarian clicked into the reason box by mistake...
    _scan(page, after.barcode)  # ...and scans the next book
    assert eventually(lambda: _open_loans(patron) == [after.barcode]), _open_loans(patron)
    assert box.input_value() == ""
    with scopes_disabled():
        assert not Loan.all_objects.filter(item=refused).exists()
    box.click()
    page.keyboard.type("Giáo viên mượn để soạn bài", delay=60)  # a person types
    page.locator("#desk-session li.refused button").click()
    assert eventually(lambda: len(_open_loans(patron)) == 2), _open_loans(patron)
    with scopes_disabled():
        assert Loan.all_objects.get(item=refused).override_reason == "Giáo viên mượn để soạn bài"
    _wait_for_answers(page, 2)
    assert page.locator("#desk-session li.refused").count() == 0
