"""In a real browser: a librarian of two libraries who lands on a staff page that is not there
(a copy moved away, a stale link) keeps the staff navigation, the library switcher among it;
a visitor's missing page shows nothing of the staff screens."""

from __future__ import annotations

import pytest

from thuvien.accounts.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_staff_page_keeps_the_way_back(world, page, chromium):
    user = world.users["tinh_cataloguer"]
    Membership.objects.create(
        user=user, network=world.hung_yen, library=world.commune_a,
        role=Role.objects.get(code="cataloguer"),
    )  # fmt: skip
    page.goto(f"{page.base_url}/accounts/login/?next=/staff/")
    page.fill("#id_username", "tinh_cataloguer")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/staff/")

    for path in ("/staff/catalog/items/999999999/", "/staff/catalog/no-such-page/"):
        response = page.goto(page.base_url + path)
        assert response.status == 404
        assert page.get_by_role("heading", level=1).inner_text() == "Không tìm thấy trang"
        nav = page.get_by_role("navigation", name="Điều hướng chính")
        assert nav.get_by_role("link", name="Bảng điều khiển").is_visible()
        assert nav.get_by_role("link", name="Biên mục").is_visible()
        switcher = page.get_by_label("Thư viện đang làm việc")
        assert set(switcher.locator("option").all_inner_texts()) == {
            "Thư viện tỉnh Hưng Yên", "Thư viện xã Tiên Lữ"
        }  # fmt: skip

    switcher.select_option(label="Thư viện xã Tiên Lữ")  # submits itself
    page.wait_for_load_state()
    assert page.get_by_label("Thư viện đang làm việc").locator("option:checked").inner_text() == (
        "Thư viện xã Tiên Lữ"
    )

    visitor = chromium.new_context().new_page()
    response = visitor.goto(page.base_url + "/staff/catalog/no-such-page/")
    assert response.status == 404
    html = visitor.content()
    assert "Không tìm thấy trang" in html
    for staff_only in ("Bảng điều khiển", "switch-library", "Biên mục", "Hưng Yên"):
        assert staff_only not in html, staff_only
    visitor.context.close()
