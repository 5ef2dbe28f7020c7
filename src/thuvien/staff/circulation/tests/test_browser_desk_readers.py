"""The desk as a librarian with a scanner uses it over a slow line, when readers follow each
other and when a reader's card lands in the item box of the check-in or renewal page.

The session list heads each reader's run of books with the reader's name and card, so the
librarian sees whose books are whose; a card scanned at check-in or renewal says whose card it
is (renewal offers that reader's loans) and returns or renews nothing for it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.testing.browser import eventually, staff_login
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATENCY_MS = 400
SETTLED = "document.querySelectorAll('#desk-session li.pending').length === 0"
# Each answered line with the reader whose visible heading is above it (newest first).
RUNS = """Array.from(document.querySelectorAll('#desk-session > li:not(.pending)')).reduce(
  function (acc, li) {
    var head = li.querySelector('.desk-reader-head');
    if (head && !head.hidden) { acc.reader = head.textContent.replace(/\\s+/g, ' ').trim(); }
    else if (!li.hasAttribute('data-reader')) { acc.reader = ''; }
    var code = li.querySelector('.desk-code');
    acc.lines.push([code ? code.textContent : '', acc.reader]);
    return acc;
  }, {reader: '', lines: []}).lines"""


def _login(page, path: str) -> None:
    staff_login(page, path, "tinh_circulation", latency_ms=LATENCY_MS)


def _scan(page, code: str) -> None:
    """A scanner: the whole code and Enter in about 30 ms; the next scan follows at once."""
    page.keyboard.type(code, delay=2)
    page.keyboard.press("Enter")


def _lend(world, patron, codes: list[str]) -> list[Loan]:
    staff = world.users["tinh_circulation"]
    with scopes_disabled():
        return [
            loan_checkout(
                item=make_item(world.provincial, barcode=code),
                patron=patron,
                library=world.provincial,
                staff=staff,
            )
            for code in codes
        ]


def _open_loans(patron) -> list[str]:
    with scopes_disabled():
        return list(
            Loan.all_objects.filter(patron=patron, returned_at__isnull=True)
            .order_by("id")
            .values_list("item__barcode", flat=True)
        )


def _heads(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('#desk-session .desk-reader-head'))"
        ".filter(function (h) { return !h.hidden; })"
        ".map(function (h) { return h.textContent.replace(/\\s+/g, ' ').trim(); })"
    )


def test_check_out_heads_each_readers_books_with_name_and_card(world, page):
    LoanRule.objects.create(network=world.hung_yen, max_loans=10)
    an = make_patron(world.provincial, full_name="Nguyễn Văn An")
    binh = make_patron(world.commune_a, full_name="Lê Thị Bình")
    a1, a2, b1 = (
        make_item(world.provincial, barcode=f"DM00100000{n:05d}") for n in (611, 612, 613)
    )
    _login(page, "/staff/circulation/checkout/")
    page.locator("#scan").focus()
    _scan(page, an.card_number)
    _scan(page, a1.barcode)
    _scan(page, a2.barcode)
    assert eventually(lambda: len(_open_loans(an)) == 2)
    wait_for_js(page, SETTLED)
    page.locator("#desk-patron a[data-next-reader]").click()
    _scan(page, binh.card_number)
    _scan(page, b1.barcode)  # at once, before the card's answer
    assert eventually(lambda: _open_loans(binh) == [b1.barcode]), _open_loans(binh)
    wait_for_js(page, SETTLED)
    assert eventually(lambda: len(_heads(page)) == 2), _heads(page)
    heads = _heads(page)
    assert "Lê Thị Bình" in heads[0] and binh.card_number in heads[0]  # newest on top
    assert "Nguyễn Văn An" in heads[1] and an.card_number in heads[1]
    whose = {code: reader for code, reader in page.evaluate(RUNS) if code}
    assert binh.card_number in whose[b1.barcode]
    assert an.card_number in whose[a1.barcode] and an.card_number in whose[a2.barcode]
    page.screenshot(path="/tmp/desk-checkout-readers.png", full_page=True)


def test_check_in_heads_readers_and_a_card_says_whose_it_is(world, page):
    an = make_patron(world.provincial, full_name="Nguyễn Văn An")
    binh = make_patron(world.provincial, full_name="Lê Thị Bình")
    a1, a2 = (
        loan.item.barcode for loan in _lend(world, an, ["DM0010000000621", "DM0010000000622"])
    )
    (b1,) = (loan.item.barcode for loan in _lend(world, binh, ["DM0010000000623"]))
    _login(page, "/staff/circulation/checkin/")
    page.locator("#scan").focus()
    for code in (a1, a2, binh.card_number, b1):  # a card among the books, at scanner speed
        _scan(page, code)
    assert eventually(lambda: not _open_loans(an) and not _open_loans(binh))
    wait_for_js(page, SETTLED)
    card_line = page.locator("#desk-session li", has_text=binh.card_number).filter(
        has_text="thẻ bạn đọc"
    )
    assert card_line.count() == 1
    said = card_line.inner_text()
    assert "Lê Thị Bình" in said and "Không tìm thấy" not in said
    heads = _heads(page)
    assert len(heads) == 2, heads
    assert "Lê Thị Bình" in heads[0] and "Nguyễn Văn An" in heads[1]
    whose = {code: reader for code, reader in page.evaluate(RUNS) if code}
    assert binh.card_number in whose[b1]
    assert an.card_number in whose[a1] and an.card_number in whose[a2]
    # After a reload the list of today's check-ins is headed the same way.
    page.reload()
    assert _heads(page) == heads
    page.screenshot(path="/tmp/desk-checkin-readers.png", full_page=True)


def test_a_card_scanned_at_renewal_offers_that_readers_loans(world, page):
    binh = make_patron(world.commune_a, full_name="Lê Thị Bình")
    (loan,) = _lend(world, binh, ["DM0010000000631"])
    with scopes_disabled():  # due today: a renewal moves it (one on the day of the loan would not)
        Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
    _login(page, "/staff/circulation/renew/")
    page.locator("#scan").focus()
    _scan(page, binh.card_number)
    wait_for_js(page, SETTLED)
    line = page.locator("#desk-session li", has_text="thẻ bạn đọc")
    assert eventually(lambda: line.count() == 1)
    said = line.inner_text()
    assert "Lê Thị Bình" in said and loan.item.barcode in said and "Không tìm thấy" not in said
    with scopes_disabled():
        assert Loan.all_objects.get(pk=loan.pk).renewals == 0
    line.locator(f"[data-renew='{loan.item.barcode}']").click()
    assert eventually(lambda: _renewals(loan) == 1)
    wait_for_js(page, SETTLED)
    assert "Đã gia hạn" in page.inner_text("#desk-session li.ok")
    assert page.evaluate("document.activeElement.id") == "scan"
    page.screenshot(path="/tmp/desk-renew-card.png", full_page=True)


def _renewals(loan) -> int:
    with scopes_disabled():
        return Loan.all_objects.get(pk=loan.pk).renewals
