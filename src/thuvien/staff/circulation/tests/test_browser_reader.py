"""In a real browser, as the desk uses it: the reader page shows the essentials first at desk
width and on a 360 px phone without sideways scrolling; "Báo mất" shows the fee and charges
nothing until confirmed; the same day it is undone from the reader page."""

from __future__ import annotations

import pytest

from thuvien.circulation.models import Fee, Loan
from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.holdings.models import ItemStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username, next_url):
    page.goto(f"{page.base_url}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{next_url}")


def test_lost_is_confirmed_with_its_fee_then_undone(world, page):
    patron = make_patron(world.provincial, phone="0912345678")
    item = make_item(world.provincial, price=85000)
    other = make_item(world.provincial, price=40000)
    loan = loan_checkout(item=item, patron=patron, library=world.provincial, staff=None)
    loan_checkout(item=other, patron=patron, library=world.provincial, staff=None)
    url = f"/staff/circulation/patrons/{patron.pk}/"
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, "tinh_circulation", url)

    # Essentials at the top, before the loans.
    summary = page.locator(".patron-summary")
    text = summary.inner_text()
    assert patron.card_number in text and "Người lớn" in text and "0 đ" in text
    assert summary.bounding_box()["y"] < page.locator("#loans").bounding_box()["y"]
    # Circulation staff cannot edit a reader: no "Sửa" button is offered.
    assert page.locator("a", has_text="Sửa thông tin").count() == 0
    page.screenshot(path="/tmp/thuvien-reader-desk.png", full_page=True)

    page.locator(f"#loans tr:has-text('{item.barcode}') a", has_text="Báo mất").click()
    page.wait_for_selector(".confirm-box")
    assert "85.000 đ" in page.inner_text("#lost-amount")
    assert Fee.all_objects.count() == 0  # nothing charged by the first click
    page.locator(".confirm-box button[type=submit]").click()
    page.wait_for_url(f"**{url}")
    assert "85.000 đ" in page.inner_text("#patron-owed")
    assert Loan.all_objects.get(pk=loan.pk).returned_at is not None

    page.locator(".lost-today a", has_text="Hoàn tác").click()
    page.wait_for_selector(".confirm-box")
    page.locator(".confirm-box button[type=submit]").click()
    page.wait_for_url(f"**{url}")
    assert "Đã hoàn tác" in page.inner_text(".desk-messages, main")
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN and Fee.all_objects.count() == 0
    assert item.barcode in page.inner_text("#loans")

    # A 360 px phone: the same page, nothing wider than the screen.
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path="/tmp/thuvien-reader-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".patron-summary").is_visible()
