"""A real browser on a 390 px phone: the portal, a staff login, the language switch both ways,
and a library page. Screenshots go to /tmp/thuvien-browser-*.png for a person to look at."""

from __future__ import annotations

import pytest

from thuvien.testing.fixtures import wait_for_js

SHOTS = "/tmp/thuvien-browser-{}.png"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_login_language_and_library_page(builtin_roles, world, page):
    base = page.base_url
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.screenshot(path=SHOTS.format("home"), full_page=True)

    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "tinh_library_admin")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")
    assert "Bảng điều khiển" in page.content()
    page.screenshot(path=SHOTS.format("staff-vi"), full_page=True)

    page.click(".lang-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Dashboard" in page.content()
    page.screenshot(path=SHOTS.format("staff-en"), full_page=True)

    page.goto(base + "/staff/people/")
    assert "People and roles" in page.content()
    page.screenshot(path=SHOTS.format("people-en"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click(".lang-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Nhân sự và vai trò" in page.content()

    response = page.goto(base + f"/libraries/{world.provincial.code}/")
    assert response.status == 200
    assert "Thư viện tỉnh Hưng Yên" in page.content()
    page.screenshot(path=SHOTS.format("library"), full_page=True)

    # Nothing wider than the phone: no horizontal scrolling of the page itself.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_service_worker_serves_the_offline_page(builtin_roles, page):
    page.goto(page.base_url + "/offline/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed and active
    page.reload()  # now controlled by the worker
    wait_for_js(page, "navigator.serviceWorker.controller !== null", timeout=30000)
    page.context.set_offline(True)
    try:
        page.goto(page.base_url + "/libraries/")
        assert "Không có kết nối mạng" in page.content()
        page.screenshot(path=SHOTS.format("offline"), full_page=True)
    finally:
        page.context.set_offline(False)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_network_admin_enrols_totp_in_the_browser(builtin_roles, world, page):
    import pyotp

    base = page.base_url
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "hy_admin")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url("**/accounts/two-factor/setup/**")
    assert page.locator(".qr svg").count() == 1
    page.screenshot(path=SHOTS.format("totp"), full_page=True)
    secret = page.locator("code.secret").get_attribute("data-secret")
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.click("form button[type=submit].btn-primary")
    # The recovery codes are shown once, then the person goes on to where they were going.
    page.wait_for_url("**/accounts/two-factor/recovery-codes/**")
    assert page.locator(".recovery-codes code").count() == 10
    page.click("text=Tôi đã cất các mã, tiếp tục")
    page.wait_for_url(base + "/staff/")
    assert "Bảng điều khiển" in page.content()
