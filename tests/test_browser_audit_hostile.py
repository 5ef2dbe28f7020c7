"""Audit, scenario 3: hostile and odd text pasted by the people who use the system.

A cataloguer pastes NFD Vietnamese with zero-width characters, bidirectional overrides and
control characters into the record form, a 10,000-character title, and ``javascript:`` into
the 856 link; a library administrator types ``javascript:`` as the library's website; a reader
pastes ``<script>`` into the search box, the postal-loan address and a copy request. Nothing
runs, the link is refused with a message on its field, the text is stored as NFC without the
invisible characters, and no page answers 500.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from thuvien.catalog.models import Record
from thuvien.circulation.tests.factories import make_patron

from .test_browser_audit_phone import digitised  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _watch(page) -> tuple[list[str], list[int]]:
    dialogs: list[str] = []
    errors: list[int] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("response", lambda r: errors.append(r.status) if r.status >= 500 else None)
    return dialogs, errors


def _login(page, username: str, password: str, path: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/?next={path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{path.split('?')[0]}**")


def test_a_cataloguer_pastes_odd_text_and_a_javascript_link(world, page):
    dialogs, errors = _watch(page)
    page.set_viewport_size({"width": 1200, "height": 900})
    form = "/staff/catalog/records/new/form/?type=book"
    _login(page, "tinh_cataloguer", "mat-khau-dai-123", form)
    nfd = unicodedata.normalize("NFD", "Địa chí Hưng Yên: những ngôi chùa cổ")
    odd_title = f"{nfd} \u200bPhố\u200b Hiến \u202eđảo ngược\u202c \u2066x\u2069 \ufeffcuối\x07\x1b"
    page.get_by_label("Nhan đề chính").fill(odd_title)
    page.get_by_label("Tác giả chính (cá nhân)").fill("Nguyễn\u200b Văn\u200d Huyên")
    page.get_by_label("Năm xuất bản").fill("2020")
    urls = page.get_by_label("Địa chỉ điện tử (URL, mỗi dòng một địa chỉ)")
    urls.fill(" JaVaScRiPt:alert(document.cookie)\nhttps://example.org/chua-co")
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_selector("#form-errors")
    assert "JaVaScRiPt:alert(document.cookie)" in page.locator("#row-urls").inner_text()
    assert "không được nhận" in page.locator("#row-urls").inner_text()
    assert Record.objects.count() == 0
    # Nothing typed is lost: the title is still in its box to go on with.
    assert page.get_by_label("Nhan đề chính").input_value().startswith(nfd[:10])

    urls.fill("https://example.org/chua-co")
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_url("**/staff/catalog/records/*/")
    record = Record.objects.get()
    expected = unicodedata.normalize("NFC", f"{nfd} Phố Hiến đảo ngược x cuối")
    assert record.title.startswith(expected), ascii(record.title)
    assert record.authors == ["Nguyễn Văn Huyên"], ascii(record.authors)
    stored = json.dumps(record.marc, ensure_ascii=False)
    assert not any(ch in stored for ch in INVISIBLE + "\x07\x1b"), ascii(stored)
    assert unicodedata.is_normalized("NFC", stored)

    # The record's pages, the staff one and the portal's, show the text and run nothing.
    page.goto(f"{page.base_url}/search/record/{record.pk}/")
    assert "Phố Hiến" in page.inner_text("main")

    # A 10,000-character title pasted into the form (the box's own limit removed, as a script
    # or an old browser would send it): refused with the limit named, nothing stored.
    page.goto(f"{page.base_url}/staff/catalog/records/new/form/?type=book")
    page.evaluate("document.querySelector('#id_title').removeAttribute('maxlength')")
    page.get_by_label("Nhan đề chính").fill("Lịch sử " * 1250)
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_selector("#form-errors")
    assert "2000" in page.locator("#row-title").inner_text()
    assert Record.objects.count() == 1

    # A NUL pasted into a field is explained in Vietnamese.
    page.get_by_label("Nhan đề chính").fill("Sách thử")
    page.get_by_label("Tác giả chính (cá nhân)").fill("Nguyễn Du\x00")
    page.get_by_role("button", name="Lưu biểu ghi").click()
    page.wait_for_selector("#form-errors")
    assert "ký tự rỗng" in page.locator("#row-author").inner_text()
    assert Record.objects.count() == 1
    assert dialogs == [] and errors == []


def test_a_library_website_of_javascript_is_refused(world, page):
    dialogs, errors = _watch(page)
    page.set_viewport_size({"width": 1200, "height": 900})
    code = world.provincial.code
    _login(page, "tinh_library_admin", "mat-khau-dai-123", f"/staff/network/libraries/{code}/edit/")
    page.get_by_label("Trang web").fill("javascript:alert(document.domain)")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "Địa chỉ trang web không hợp lệ." in page.inner_text("main")
    world.provincial.refresh_from_db()
    assert world.provincial.website == ""
    page.goto(f"{page.base_url}/libraries/{code}/")
    assert page.locator("a[href^='javascript']").count() == 0
    assert dialogs == [] and errors == []


def test_a_reader_pastes_script_into_search_postal_and_copy_forms(world, digitised, page):  # noqa: F811
    record, obj = digitised
    reader = make_patron(world.provincial, password="mat-khau-1-doc")
    dialogs, errors = _watch(page)
    page.set_viewport_size({"width": 360, "height": 740})
    base = page.base_url

    page.goto(base + "/")
    page.fill("#q", SCRIPT)
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("#q").input_value() == SCRIPT
    assert page.locator("main script").count() == 0

    _login(page, reader.card_number, "mat-khau-1-doc", "/account/")
    page.goto(f"{base}/account/postal/?record={record.pk}")
    page.fill("#address", SCRIPT + "\nSố 1 đường Bạch Đằng, phường Phố Hiến")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert "Đã gửi yêu cầu mượn qua bưu chính" in page.inner_text("main")
    assert page.locator("main script, main img[src=x]").count() == 0

    page.goto(f"{base}/payments/copies/new/{obj.pk}/")
    page.fill("#id_pages", "1-2 " + SCRIPT)
    page.fill("#id_purpose", SCRIPT)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#copy-error").count() == 1  # the pages are not page numbers
    assert page.locator("#id_purpose").input_value() == SCRIPT  # nothing lost
    page.fill("#id_pages", "1-2")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/payments/**#copies")
    assert page.locator("main script, main img[src=x]").count() == 0

    # The staff who read these requests see text, not markup.
    page.context.clear_cookies()
    _login(page, "tinh_library_admin", "mat-khau-dai-123", "/staff/circulation/postal/")
    page.wait_for_load_state("networkidle")
    assert SCRIPT in page.inner_text("main")
    page.goto(f"{base}/staff/payments/copies/")
    page.wait_for_load_state("networkidle")
    assert SCRIPT in page.inner_text("main")
    assert dialogs == [] and errors == []
