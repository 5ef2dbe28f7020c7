"""A reader's card scanned into the item box at scanner speed, the next book scanned at once
(before the answer, over a slow line): the desk says whose card it is and lends nothing for it,
the book is still lent to the reader at the desk, and the line's offer switches readers."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.testing.browser import eventually, staff_login
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATENCY_MS = 400


def _login(page, path: str, username: str = "tinh_circulation") -> None:
    staff_login(page, path, username, latency_ms=LATENCY_MS)


def _scan(page, code: str) -> None:
    """A scanner: the whole code and Enter in about 30 ms; the next scan follows at once."""
    page.keyboard.type(code, delay=2)
    page.keyboard.press("Enter")




def _open_loans(patron) -> list[str]:
    with scopes_disabled():
        return list(
            Loan.all_objects.filter(patron=patron, returned_at__isnull=True)
            .order_by("id")
            .values_list("item__barcode", flat=True)
        )


def test_a_card_scanned_as_a_book_names_the_reader_and_loses_no_scan(world, page):
    LoanRule.objects.create(network=world.hung_yen, max_loans=10)
    current = make_patron(world.provincial)
    other = make_patron(world.provincial, full_name="Trần Thị Thẻ Nhầm")
    first, after_card, for_other = (
        make_item(world.provincial, barcode=f"DM00100000{n:05d}") for n in (901, 902, 903)
    )
    _login(page, "/staff/circulation/checkout/")
    page.locator("#scan").focus()
    _scan(page, current.card_number)
    _scan(page, first.barcode)
    _scan(page, other.card_number)  # into the item box
    _scan(page, after_card.barcode)  # at once, before the answer
    assert eventually(lambda: len(_open_loans(current)) == 2), _open_loans(current)
    wait_for_js(page, "document.querySelectorAll('#desk-session li.pending').length === 0")
    assert _open_loans(current) == [first.barcode, after_card.barcode]
    assert _open_loans(other) == []
    card_line = page.locator("#desk-session li", has_text=other.card_number)
    assert card_line.count() == 1
    said = card_line.inner_text()
    assert "Trần Thị Thẻ Nhầm" in said and "thẻ bạn đọc" in said
    assert "Không tìm thấy tài liệu" not in said
    assert current.full_name in page.inner_text("#desk-patron")  # still the same reader
    page.screenshot(path="/tmp/desk-card-in-item-box.png", full_page=True)

    # The offer: done with this reader, that card next; then a book for that reader.
    card_line.locator("a[data-switch-reader]").click()
    wait_for_js(page, "document.querySelectorAll('#desk-session li.pending').length === 0")
    assert eventually(lambda: "Trần Thị Thẻ Nhầm" in page.inner_text("#desk-patron"))
    assert page.evaluate("document.activeElement.id") == "scan"
    _scan(page, for_other.barcode)
    assert eventually(lambda: _open_loans(other) == [for_other.barcode]), _open_loans(other)
    assert _open_loans(current) == [first.barcode, after_card.barcode]
