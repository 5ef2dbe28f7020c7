"""In a real browser: the reader-manager logs in, the dashboard leads to the readers, the list
opens (it answered "no access" before) and so does the new-reader form; circulation staff
see the desk first and no "Sửa" on a reader."""

from __future__ import annotations

import pytest

from thuvien.accounts.models import Membership, Role, User
from thuvien.circulation.tests.factories import make_patron

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/staff/")


def test_each_role_lands_on_its_work(world, page):
    user = User.objects.create_user(
        username="tinh_bandoc", password="mat-khau-dai-123", full_name="Vũ Thị Lan"
    )
    Membership.objects.create(
        user=user,
        network=world.hung_yen,
        library=world.provincial,
        role=Role.objects.get(code="patron_manager"),
    )
    patron = make_patron(world.provincial, full_name="Trần Văn Bạn Đọc")
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, "tinh_bandoc")
    assert "Vũ Thị Lan" in page.inner_text(".user-link")  # the name, not the login
    tiles = page.locator(".work-tiles a").all_inner_texts()
    assert "Bạn đọc" in tiles and "Đăng ký bạn đọc mới" in tiles and "Cho mượn" not in tiles
    page.screenshot(path="/tmp/thuvien-dashboard-bandoc.png", full_page=True)
    page.locator(".work-tiles a", has_text="Bạn đọc").first.click()
    page.wait_for_url("**/staff/circulation/patrons/")
    page.fill("#q", "tran van")
    page.keyboard.press("Enter")
    page.locator("a", has_text=patron.card_number).click()
    page.wait_for_selector(".patron-summary")
    assert page.locator("a", has_text="Sửa thông tin").is_visible()
    page.goto(page.base_url + "/staff/circulation/patrons/")
    page.locator("a", has_text="Đăng ký bạn đọc mới").click()
    page.wait_for_selector("#id_full_name")

    page.context.clear_cookies()
    _login(page, "tinh_circulation")
    tiles = page.locator(".work-tiles a").all_inner_texts()
    assert tiles[0] == "Cho mượn" and "Đăng ký bạn đọc mới" not in tiles
    page.goto(f"{page.base_url}/staff/circulation/patrons/{patron.pk}/")
    assert page.locator("a", has_text="Sửa thông tin").count() == 0
    assert page.locator("a.btn", has_text="Cho mượn").is_visible()
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(page.base_url + "/staff/")
    page.screenshot(path="/tmp/thuvien-dashboard-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
