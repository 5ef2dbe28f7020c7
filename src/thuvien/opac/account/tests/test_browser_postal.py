"""A reader asks for books by post on a 360 px phone over a slow line, as readers do:
double-clicks "Gửi yêu cầu", unticks every book, pastes an endless address. One request is
made, each error sits next to its field, and the list of requests shows what was sent."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.tests.factories import make_item, make_patron, make_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOT = "/tmp/thuvien-postal-{}.png"


def _reader():
    from thuvien.conftest import build_world
    from thuvien.sip2.tests.conftest import ensure_builtin_roles

    ensure_builtin_roles()
    world = build_world()
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Dế Mèn phiêu lưu ký")
        make_item(world.commune_a, record)
        reader = make_patron(
            world.commune_a,
            full_name="Trần Thị Đào",
            address="Số 5, thôn Đông, xã Tiên Lữ, tỉnh Hưng Yên",
            password="mat-khau-1-dao",
        )
    return reader, record


def _login(page, reader):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/accounts/login/?next=/account/")
    page.fill("input[name=username]", reader.card_number)
    page.fill("input[name=password]", "mat-khau-1-dao")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/account/")


def _slow_line(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def test_a_double_click_sends_one_request_and_the_reader_sees_it(page):
    from thuvien.circulation.models import PostalRequest

    reader, record = _reader()
    _login(page, reader)
    _slow_line(page)
    page.goto(page.base_url + f"/account/postal/?record={record.pk}")
    page.get_by_role("button", name="Gửi yêu cầu").dblclick()
    page.wait_for_url("**/account/postal/#requests")
    page.wait_for_load_state()
    page.screenshot(path=SHOT.format("sent"), full_page=True)
    assert PostalRequest.all_objects.filter(patron=reader).count() == 1
    requests = page.locator("#requests + ul > li")
    assert requests.count() == 1
    assert "Dế Mèn phiêu lưu ký" in requests.inner_text()
    assert "Đang chờ thư viện xử lý" in requests.inner_text()
    assert "Đã gửi yêu cầu mượn qua bưu chính" in page.locator(".messages").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # the same book again from the record page: refused, saying it is already asked for
    page.goto(page.base_url + f"/account/postal/?record={record.pk}")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_load_state()
    error = page.locator("#books-error")
    assert "Bạn đã gửi yêu cầu mượn “Dế Mèn phiêu lưu ký”" in error.inner_text()
    assert PostalRequest.all_objects.filter(patron=reader).count() == 1


def test_errors_name_the_field_they_are_about(page):
    from thuvien.circulation.models import PostalRequest

    reader, record = _reader()
    _login(page, reader)
    page.goto(page.base_url + f"/account/postal/?record={record.pk}")
    page.get_by_label("Dế Mèn phiêu lưu ký").uncheck()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_load_state()
    page.screenshot(path=SHOT.format("no-book"), full_page=True)
    error = page.locator("#books-error")
    assert "Hãy đánh dấu ít nhất một tài liệu muốn mượn." in error.inner_text()
    assert page.locator("#address-error").count() == 0
    assert page.locator("#books").get_attribute("aria-invalid") == "true"
    assert not page.get_by_label("Dế Mèn phiêu lưu ký").is_checked()

    # an address pasted 100,000 characters long: the box keeps 255, and says so
    page.get_by_label("Dế Mèn phiêu lưu ký").check()
    address = page.locator("#address")
    address.fill("")
    address.click()
    page.keyboard.insert_text("Thôn Đông " * 10_000)
    assert len(address.input_value()) == 255
    assert "tối đa 255 ký tự" in page.locator("#address-help").inner_text()
    assert address.get_attribute("aria-describedby").startswith("address-help")
    assert PostalRequest.all_objects.filter(patron=reader).count() == 0
