"""The account page in a real browser on a 360 px phone: login by card, renew, no sideways
scrolling, every button reachable and named."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan
from thuvien.circulation.tests.factories import make_item, make_patron, make_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_on_a_small_phone(page):
    from thuvien.circulation.services import loan_checkout
    from thuvien.conftest import build_world
    from thuvien.sip2.tests.conftest import ensure_builtin_roles

    ensure_builtin_roles()
    world = build_world()
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Số đỏ — một tiểu thuyết rất dài tên " * 3)
        reader = make_patron(world.commune_a, full_name="Nguyễn Thị Hoa", password="mat-khau-1-hoa")
        loan = loan_checkout(
            item=make_item(world.commune_a, record),
            patron=reader,
            library=world.commune_a,
            staff=world.users["tienlu_circulation"],
        )
        # due today: a renewal moves it (one on the day of the loan would not, and is refused)
        Loan.all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/accounts/login/?next=/account/")
    page.fill("input[name=username]", reader.card_number)
    page.fill("input[name=password]", "mat-khau-1-hoa")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/account/")
    assert page.locator("h1").inner_text().endswith("Nguyễn Thị Hoa")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width}px)"
    renew = page.get_by_role("button", name="Gia hạn")
    assert renew.count() == 1
    box = renew.bounding_box()
    assert box["height"] >= 44  # a thumb-sized target
    renew.click()
    page.wait_for_url("**/account/#loans")
    assert "Đã gia hạn" in page.locator(".messages").inner_text()
