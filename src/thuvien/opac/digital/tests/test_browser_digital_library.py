"""A reader finds a digitised booklet that has no catalogue record (audit6 item 3), in Chromium
on a 360 px phone over a slow line (400 ms): the booklet was ingested with ``thuvien
digital-ingest --ocr vie --publish`` (Tesseract through the worker's task). From the home page
he reaches the digital library, sees the booklet with its thumbnail and page count, searches a
phrase of its second page without tone marks, opens the viewer at that page; the portal's own
search box finds it too; the page reads in English after the language switch."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_drain
from thuvien.digital.models import DigitalObject
from thuvien.digital.tests.booklet import booklet_folder
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Làng nghề Hưng Yên tập 1"


@pytest.fixture
def phone(page):
    context = page.context.browser.new_context(viewport={"width": 360, "height": 740},
                                               locale="vi-VN")  # fmt: skip
    tab = context.new_page()
    tab.base_url = page.base_url
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 400,
        "downloadThroughput": 1_500_000 / 8, "uploadThroughput": 750_000 / 8,
    })  # fmt: skip
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


def _fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 362, tab.url


def test_a_reader_finds_a_booklet_without_a_record(world, phone, tmp_path, settings):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    folder = booklet_folder(tmp_path / "booklet", title=TITLE)
    call_command("digital_ingest", str(folder), "--library", "HY-TINH", "--ocr", "vie",
                 "--publish", verbosity=0)  # fmt: skip
    outbox_drain()
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(title=TITLE)
        assert obj.record_id is None
        assert obj.pages.filter(ocr_status="done").count() == 3
    base = phone.base_url

    # from the home page to the digital library
    phone.goto(f"{base}/")
    phone.get_by_role("navigation").get_by_role("link", name="Thư viện số").click()
    phone.wait_for_url(f"{base}/digital/")
    assert phone.get_by_role("heading", name="Thư viện số", level=1).is_visible()
    item = phone.locator("li.ditem", has_text=TITLE)
    assert "3 trang" in item.inner_text()
    wait_for_js(phone, "(() => { const i = document.querySelector('li.ditem img'); "
                       "return i && i.complete && i.naturalWidth > 0; })()")  # fmt: skip
    _fits(phone)

    # a phrase of page 2 typed without tone marks
    phone.fill("#dq", "pho hien thuong cang")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/digital/?q=pho+hien+thuong+cang")
    snippet = phone.locator("li.ditem p.snippet").first
    assert "Trang 2" in snippet.inner_text() and "thương cảng" in snippet.inner_text()
    _fits(phone)
    snippet.get_by_role("link").click()
    phone.wait_for_url(
        f"**/digital/{obj.pk}/?q=pho*thuong*cang&page=2", wait_until="domcontentloaded"
    )
    canvas = phone.locator("#viewer").get_attribute("data-canvas")
    assert canvas.endswith(f"/iiif/3/{obj.pk}/canvas/2")

    # the portal's own search box finds it as well, with tone marks
    phone.goto(f"{base}/")
    phone.fill("#q", "thương cảng sầm uất")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/search/?q=*")
    section = phone.locator("section.dhits")
    assert "Tài liệu số" in section.inner_text() and TITLE in section.inner_text()
    assert "Không có kết quả trong mục lục" in phone.locator("#rh").inner_text()
    assert "Trang 2" in section.inner_text()
    _fits(phone)
    section.get_by_role("link", name=TITLE).click()
    phone.wait_for_url(f"**/digital/{obj.pk}/?q=*", wait_until="domcontentloaded")

    # the title's words, and the page in English
    phone.goto(f"{base}/digital/?q=lang+nghe+hung+yen")
    assert phone.locator("li.ditem", has_text=TITLE).count() == 1
    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Digital library", level=1).is_visible()
    text = phone.locator("main").inner_text()
    assert "1–1 of 1 result" in text and "3 pages" in text, text
    assert "trang" not in text.replace(TITLE, ""), text
    _fits(phone)
    assert not [e for e in phone.errors if "Content Security Policy" in e], phone.errors
