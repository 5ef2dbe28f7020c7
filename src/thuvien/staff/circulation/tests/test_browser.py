"""In a real browser: the check-out desk driven like a scanner (type + Enter), the page's queue
sends each code, the scan field keeps the focus, a refusal shows in big plain words."""

from __future__ import annotations

import pytest

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item, make_patron

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_checkout_desk_with_a_scanner(world, page):
    patron = make_patron(world.provincial)
    items = [make_item(world.provincial) for _ in range(2)]
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{page.base_url}/accounts/login/?next=/staff/circulation/checkout/")
    page.fill("#id_username", "tinh_circulation")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/staff/circulation/checkout/")
    # The scanner types the card number and Enter into the focused field.
    page.keyboard.type(patron.card_number)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#desk-patron :text('{patron.full_name}')")
    for item in items:
        page.keyboard.type(item.barcode)  # the scan field keeps the focus
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#desk-panel td:text('{item.barcode}')")
    assert Loan.all_objects.filter(patron=patron, returned_at__isnull=True).count() == 2
    page.keyboard.type(items[0].barcode)
    page.keyboard.press("Enter")
    page.wait_for_selector("#desk-session .desk-msg.refused")
    assert "đang được mượn" in page.inner_text("#desk-session .desk-msg.refused")
    page.screenshot(path="/tmp/circulation-desk.png", full_page=True)
    assert page.url.endswith("/staff/circulation/checkout/")  # no full page reload
