"""Restricted reading at the desk as the librarian meets it (issue 19): a scanner sending a
barcode and Enter every 30 ms over a 400 ms line; the restricted copy is refused with the
reason on the line of its scan and lent to no one, the books around it go out in order."""

from __future__ import annotations

import time

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.testing.browser import eventually
from thuvien.testing.fixtures import wait_for_js

from .test_browser_scanner import _login, _open_loans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCANNER_GAP = 0.03  # seconds from one barcode + Enter to the next


def _scan(page, code: str) -> None:
    page.keyboard.type(code, delay=1)
    page.keyboard.press("Enter")
    time.sleep(SCANNER_GAP)


def test_a_restricted_copy_scanned_between_two_books_is_refused_and_lent_to_no_one(world, page):
    from thuvien.holdings.services import item_visibility_set

    patron = make_patron(world.provincial)
    LoanRule.objects.create(network=world.hung_yen, max_loans=10)
    before = make_item(world.provincial, barcode="HC0000000001")
    restricted = make_item(world.provincial, barcode="HC0000000002")
    after = make_item(world.provincial, barcode="HC0000000003")
    with scopes_disabled():
        item_visibility_set(item=restricted, visibility="restricted", actor=None)
    _login(page, "/staff/circulation/checkout/")
    _scan(page, patron.card_number)
    time.sleep(0.5)  # the card's answer names the reader before the books
    for item in (before, restricted, after):
        _scan(page, item.barcode)
    assert eventually(lambda: len(_open_loans(patron)) == 2), _open_loans(patron)
    time.sleep(1.5)  # nothing else arrives later
    assert _open_loans(patron) == [before.barcode, after.barcode]
    with scopes_disabled():
        assert not Loan.all_objects.filter(item=restricted).exists()
    wait_for_js(page, "document.querySelectorAll('#desk-session li:not(.pending)').length === 3")
    refusal = page.inner_text("#desk-session li.refused")
    assert restricted.barcode in refusal or "đọc hạn chế" in refusal
    assert "Tài liệu đọc hạn chế" in refusal and "phòng đọc" in refusal
    assert page.evaluate("document.activeElement.id") == "scan"
    page.screenshot(path="/tmp/vis-desk-restricted.png", full_page=True)
