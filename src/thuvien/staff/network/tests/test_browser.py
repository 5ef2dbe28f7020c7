"""In a real browser at phone width: the public directory search and a library admin keeping
his library's hours."""

from __future__ import annotations

import pytest

from thuvien.network.models import OpeningHours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def roles(transactional_db):
    """A transactional test before this one may have emptied the roles table."""
    from thuvien.accounts.services import builtin_roles_ensure

    builtin_roles_ensure()


def test_directory_and_hours_on_a_phone(roles, world, page):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{page.base_url}/libraries/")
    page.get_by_label("Tên thư viện (gõ có dấu hoặc không dấu)").fill("pho hien")
    page.get_by_role("button", name="Tìm").last.click()
    page.get_by_role("link", name="Thư viện phường Phố Hiến").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Thư viện phường Phố Hiến"
    # No horizontal scrolling at 360 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/network-library-360.png", full_page=True)

    page.goto(f"{page.base_url}/accounts/login/?next=/staff/network/libraries/HY-PHOHIEN/hours/")
    page.fill("#id_username", "phohien_library_admin")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.get_by_label("Thứ Hai, ca 1 mở cửa").fill("11:00")
    page.get_by_label("Thứ Hai, ca 1 đóng cửa").fill("07:30")
    page.get_by_role("button", name="Lưu giờ mở cửa").click()
    # the answer is a new page: wait for it (is_visible alone looks at the page being left)
    page.get_by_text("Giờ đóng cửa phải sau giờ mở cửa.").wait_for()
    assert not OpeningHours.objects.filter(library=world.commune_b).exists()
    page.get_by_label("Thứ Hai, ca 1 mở cửa").fill("07:30")
    page.get_by_label("Thứ Hai, ca 1 đóng cửa").fill("11:00")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/network-hours-360.png", full_page=True)
    page.get_by_role("button", name="Lưu giờ mở cửa").click()
    page.get_by_text("Đã lưu giờ mở cửa.").wait_for()
    assert OpeningHours.objects.filter(library=world.commune_b, weekday=0).count() == 1
