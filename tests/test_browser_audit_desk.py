"""Audit, scenario 1: the desk at scanner speed over a slow line.

A librarian checks ten copies out to a reader by typing each barcode and Enter at 30 ms a key,
the next scan starting before the page has answered, over a line that adds 400 ms to every
request (DevTools network emulation); among the scans are a restricted-reading copy and a copy
already on loan to someone else. Then a reader blocked by fines is served, and all ten copies
are checked in the same way. Every loan is recorded exactly once, none lost, none doubled, and
every refusal is said on screen and lends nothing.
"""

from __future__ import annotations

import time

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan, LoanRule
from thuvien.circulation.services import fee_create, loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.testing.browser import staff_login
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY_DELAY_MS = 30
LATENCY_MS = 400


def _login(page, path: str, username: str = "tinh_circulation") -> None:
    staff_login(page, path, username, latency_ms=LATENCY_MS)


def _scan(page, code: str) -> None:
    """30 ms a key, then Enter; the next scan follows at once, whatever the page is doing."""
    page.keyboard.type(code, delay=KEY_DELAY_MS)
    page.keyboard.press("Enter")


def _answered(page, n: int) -> None:
    wait_for_js(
        page,
        f"document.querySelectorAll('#desk-session li:not(.pending)').length === {n}",
        timeout=60000,
    )


def _loans_of(item) -> int:
    with scopes_disabled():
        return Loan.all_objects.filter(item=item).count()


def test_ten_copies_out_and_in_at_scanner_speed_with_refusals_on_screen(world, page):
    from thuvien.holdings.services import item_visibility_set

    LoanRule.objects.create(network=world.hung_yen, max_loans=20)
    reader = make_patron(world.provincial)
    other = make_patron(world.provincial)
    owing = make_patron(world.provincial)
    copies = [make_item(world.provincial, barcode=f"AUD{n:07d}") for n in range(1, 11)]
    restricted = make_item(world.provincial, barcode="AUD0000090")
    lent_elsewhere = make_item(world.provincial, barcode="AUD0000091")
    spare = make_item(world.provincial, barcode="AUD0000092")
    staff = world.users["tinh_circulation"]
    with scopes_disabled():
        item_visibility_set(item=restricted, visibility="restricted", actor=None)
        loan_checkout(item=lent_elsewhere, patron=other, library=world.provincial, staff=staff)
        fee_create(patron=owing, library=world.provincial, kind="other", amount=600000,
                   staff=None)  # fmt: skip

    # --- Check-out: the card, then ten copies with two refused ones among them.
    _login(page, "/staff/circulation/checkout/")
    scans = [c.barcode for c in copies[:4]] + [restricted.barcode] + [
        c.barcode for c in copies[4:8]
    ] + [lent_elsewhere.barcode] + [c.barcode for c in copies[8:]]
    _scan(page, reader.card_number)
    for code in scans:
        _scan(page, code)
    _answered(page, len(scans))
    time.sleep(1.0)  # nothing arrives later
    with scopes_disabled():
        out = list(
            Loan.all_objects.filter(patron=reader, returned_at__isnull=True)
            .order_by("id").values_list("item__barcode", flat=True)
        )  # fmt: skip
    assert out == [c.barcode for c in copies]
    assert [_loans_of(c) for c in copies] == [1] * 10
    assert _loans_of(restricted) == 0
    with scopes_disabled():
        assert list(Loan.all_objects.filter(item=lent_elsewhere).values_list("patron_id",
                    flat=True)) == [other.pk]  # fmt: skip
    assert page.locator("#desk-session li.ok").count() == 10
    refused = page.locator("#desk-session li.refused")
    assert refused.count() == 2
    texts = " ".join(refused.all_inner_texts())
    assert restricted.barcode in texts and lent_elsewhere.barcode in texts
    assert "Tài liệu đọc hạn chế" in texts
    assert "đang được mượn" in texts.lower() or "đang cho mượn" in texts.lower(), texts
    assert page.evaluate("document.activeElement.id") == "scan"
    assert "(10)" in page.inner_text("#desk-patron")
    page.screenshot(path="/tmp/audit-desk-checkout.png", full_page=True)

    # --- The next reader owes more than the limit: told at the card, the copy not lent.
    lines = page.locator("#desk-session li").count()
    page.click("text=Xong — bạn đọc tiếp theo")
    _scan(page, owing.card_number)
    _scan(page, spare.barcode)
    _answered(page, lines + 2)  # the "next reader" line and the refused copy; the card's goes
    time.sleep(1.0)
    assert _loans_of(spare) == 0
    assert page.locator("#desk-session li.refused").count() == 3
    assert spare.barcode in page.locator("#desk-session li.refused").first.inner_text()
    assert "nợ" in page.inner_text("#desk-patron").lower()
    assert owing.full_name in page.inner_text("#desk-patron")

    # --- Check-in of the ten and one copy on the shelf (refused), the same way.
    page.goto(f"{page.base_url}/staff/circulation/checkin/")
    page.locator("#scan").focus()
    back = [c.barcode for c in copies[:5]] + [spare.barcode] + [c.barcode for c in copies[5:]]
    for code in back:
        _scan(page, code)
    _answered(page, len(back))
    time.sleep(1.0)
    with scopes_disabled():
        assert not Loan.all_objects.filter(patron=reader, returned_at__isnull=True).exists()
        returned = list(
            Loan.all_objects.filter(patron=reader).order_by("returned_at", "id")
            .values_list("item__barcode", flat=True)
        )  # fmt: skip
        assert Loan.all_objects.filter(item=lent_elsewhere, returned_at__isnull=True).count() == 1
    assert returned == [c.barcode for c in copies]
    assert [_loans_of(c) for c in copies] == [1] * 10
    assert page.locator("#desk-session li.ok").count() == 10
    assert page.locator("#desk-session li.refused").count() == 1
    assert spare.barcode in page.inner_text("#desk-session li.refused")
    page.screenshot(path="/tmp/audit-desk-checkin.png", full_page=True)


def test_next_reader_scanned_at_once_after_done_gets_the_book(world, page):
    """"Xong — bạn đọc tiếp theo", then the next card and a book at once, as a librarian does
    while the slow line is still bringing the fresh page: the book goes to the new reader, never
    to the one who just left."""
    LoanRule.objects.create(network=world.hung_yen, max_loans=20)
    first = make_patron(world.provincial)
    second = make_patron(world.provincial)
    one = make_item(world.provincial, barcode="AUD0000101")
    two = make_item(world.provincial, barcode="AUD0000102")
    _login(page, "/staff/circulation/checkout/")
    _scan(page, first.card_number)
    _scan(page, one.barcode)
    _answered(page, 1)
    page.click("text=Xong — bạn đọc tiếp theo", no_wait_after=True)
    _scan(page, second.card_number)
    _scan(page, two.barcode)
    page.wait_for_timeout(3000)
    with scopes_disabled():
        holders = dict(Loan.all_objects.values_list("item__barcode", "patron_id"))
    assert holders == {one.barcode: first.pk, two.barcode: second.pk}
