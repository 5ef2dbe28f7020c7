"""A reader on a 360 px phone over a 400 ms line, in Chromium, under the project's CSP.

The catalogue is demo-like (swimming, farming, history... no bee book) and holds a digitised
local-history booklet OCRed by Tesseract. "beekeeping" and "nuôi ong mật" show no unrelated
records; "history of Vietnam" finds the Vietnamese history titles; asking the library a
question that a digitised page answers shows that page's passage with a link that opens the
viewer at the page. No console error, no CSP violation.
"""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.ai.services import record_embeddings_refresh
from thuvien.ai.tests.test_digital_texts import PAGES
from thuvien.ai.tests.test_fill_in import DEMO_LIKE
from thuvien.core.outbox import outbox_drain
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# every violation the page reports, kept where the test can read it (injected by the browser,
# not by the page: the page itself carries no inline script)
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def catalogue(world, tmp_path, settings):
    from thuvien.accounts.models import Membership, Role, User
    from thuvien.digital.services import digital_ingest
    from thuvien.digital.tests.booklet import booklet_folder
    from thuvien.search.tests.factories import make_item, make_record

    for title, subject in DEMO_LIKE:
        make_item(make_record(world.hung_yen, title, subjects=[subject]), world.provincial)
    record = make_record(world.hung_yen, "Địa chí Phố Hiến", subjects=["Địa chí"])
    make_item(record, world.provincial)
    with scopes_disabled():
        user = User.objects.create_user(username="tinh_digitiser", password="mat-khau-dai-123",
                                        full_name="Cán bộ số hóa", email="so@example.org")
        Membership.objects.create(user=user, network=world.hung_yen, library=world.provincial,
                                  role=Role.objects.get(code="digitiser"))
        folder = booklet_folder(tmp_path / "booklet", pages=PAGES, title="Địa chí Phố Hiến",
                                csv_rows={"record": str(record.pk)})  # fmt: skip
        # no transaction around the test: OCR, the outbox and the passages run as the worker
        # runs them, after each commit
        report = digital_ingest(paths=[folder], library=world.provincial, actor=user,
                                ocr_language="vie", publish=True)  # fmt: skip
    outbox_drain()
    outbox_drain()
    record_embeddings_refresh()
    return report.objects[0]


def _phone(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(CSP_WATCH)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    return errors


def _search(page, text: str) -> list[str]:
    """Words and meaning, the "Cách tìm" menu's default."""
    page.goto(page.base_url + "/search/?q=")
    assert page.locator("select#mode").input_value() == "hybrid"
    page.fill("input[name=q]", text)
    page.locator("form[role=search] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    return page.locator("ol.rlist h3.rtitle").all_inner_texts()


def test_a_reader_searches_and_asks_on_a_phone(catalogue, page):
    errors = _phone(page)
    for absent in ("beekeeping", "nuôi ong mật"):
        shown = _search(page, absent)
        assert shown == [], (absent, shown)  # no swimming titles filling the page
        assert "Không có kết quả" in page.locator("main").inner_text()
    shown = _search(page, "history of Vietnam")
    assert shown and "lịch sử việt nam" in shown[0].lower()
    assert not any("Bơi" in s for s in shown)

    page.goto(page.base_url + "/search/ask/")
    page.fill("#ask-q", "Phố Hiến nằm bên sông nào?")
    page.get_by_role("button", name="Hỏi").click()
    page.wait_for_load_state()
    sources = page.locator("ol.ask-sources > li")
    first = sources.first.inner_text()
    assert "trang 2" in first and "sông Hồng" in first
    link = sources.first.locator("a")
    assert link.get_attribute("href") == f"/digital/{catalogue}/?page=2"
    assert page.evaluate("window.__csp") == []
    assert errors == []  # search and ask pages: not one console error
    link.click()
    page.wait_for_url(f"**/digital/{catalogue}/?page=2")
    wait_for_js(page, "() => document.querySelector('#viewer, .mirador-viewer, main')")
    assert page.evaluate("window.__csp") == []
    # the vendored Mirador 4 (React 19) logs one deprecation notice of its own as an error
    mirador = "Accessing element.ref was removed in React 19"
    assert [e for e in errors if not e.startswith(mirador)] == []
