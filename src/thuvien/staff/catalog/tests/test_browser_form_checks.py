"""In a real browser: hostile and mistaken values pasted into the record form and the copy form
are refused on their fields with a Vietnamese message, nothing is stored and nothing runs; an
ISBN with a wrong check digit is kept (in 020 $z) only after the cataloguer ticks "Vẫn lưu"."""

from __future__ import annotations

import pytest

from thuvien.catalog.marc.mij import to_pymarc
from thuvien.catalog.models import Record
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_record_form_refuses_what_is_pasted_into_it(world, page, make_record):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, "/staff/catalog/records/new/form/?type=book")
    page.get_by_label("Nhan đề chính").fill("Sách thử <img src=x onerror=alert(1)>")
    page.get_by_label("Năm xuất bản").fill("năm hai nghìn")
    page.get_by_label("ISBN (mỗi dòng một số)").fill("12345\n978-604-2-08821-4")
    page.get_by_label("Mã ngôn ngữ (vie, eng...)").fill("xxxxx")
    page.get_by_label("Chỉ số phân loại DDC").fill("abc")
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_selector("#form-errors")
    for row, text in (
        ("#row-year", "không có năm bằng chữ số"),
        ("#row-isbn", "“12345” không đúng dạng"),
        ("#row-language", "“xxxxx” không có trong danh mục"),
        ("#row-ddc", "Chỉ số DDC “abc” không đúng dạng"),
    ):
        assert text in page.locator(row).inner_text(), row
    page.screenshot(path="/tmp/catalog-form-errors.png", full_page=True)
    assert Record.objects.count() == 0
    # the typed values are still there to correct, nothing lost
    assert page.get_by_label("Năm xuất bản").input_value() == "năm hai nghìn"

    page.get_by_label("Năm xuất bản").fill("2020")
    page.get_by_label("ISBN (mỗi dòng một số)").fill("978-604-2-08821-4")
    page.get_by_label("Mã ngôn ngữ (vie, eng...)").fill("vie")
    page.get_by_label("Chỉ số phân loại DDC").fill("895.9223")
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_selector("#form-warnings")
    assert "sai chữ số kiểm tra" in page.locator("#row-isbn").inner_text()
    assert Record.objects.count() == 0
    page.locator("#row-confirm_warnings input[type=checkbox]").check()
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_url("**/staff/catalog/records/*/")
    record = Record.objects.get()
    marc = to_pymarc(record.marc)
    assert marc["020"].get_subfields("z") == ["978-604-2-08821-4"]
    assert record.year == 2020 and record.language == "vie"
    assert dialogs == []

    # a copy with a pasted script as its barcode
    page.goto(f"{page.base_url}/staff/catalog/records/{record.pk}/items/add/")
    page.get_by_label("Mã vạch bản đầu tiên").fill("<script>x</script>")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector(".errorlist")
    assert "Mã vạch không hợp lệ" in page.locator("main").inner_text()
    with scopes_disabled():
        assert Item.objects.count() == 0
    assert dialogs == []
