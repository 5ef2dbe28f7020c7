"""A digitised object whose metadata is hostile HTML, opened by a reader in the portal's viewer.

The object comes in as the audit brought it in: ``thuvien digital-ingest FOLDER --library CODE
--publish`` over a folder whose CSV has the creator ``<img src=x onerror=alert(1)>``, a title
with ``<script>``, a subject in ``<b>``, and a page whose corrected text holds another ``<img>``.
A reader opens ``/digital/<id>/?q=...`` in Chromium under the project's CSP: Mirador shows the
search hit, then the information panel. Every hostile value must show as it was typed; no
element of it may be created, no request may go to its ``src``, no CSP violation may happen and
no console error may come from our code.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalObject, Page
from thuvien.digital.services import page_text_correct
from thuvien.digital.tests.booklet import booklet_folder
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG = "<img src=x onerror=alert(1)>"
TITLE = "<script>alert('xss-title')</script>Tài liệu thử XSS"
SUBJECT = "<b>chủ đề</b>"
DESCRIPTION = "<p onclick=alert(3)>Mô tả & ghi chú</p>"
PAGE_TEXT = "Đền Mẫu <img src=z onerror=alert(6)> Hưng Yên"
# Mirador 4.0.0's published bundle carries React's development build, which logs warnings
# such as "Accessing element.ref was removed in React 19" on every viewer page (audit item 9),
# and OpenSeaDragon logs the tiles it gave up on: messages of the vendored bundle, not ours.
VENDOR = "/static/thuvien/vendor/"

COLLECT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' '
                           + (e.sourceFile || ''));
});
"""

# Inside the viewer, every element that came from a manifest's HTML (Mirador's
# "third-party-html" spans) and everything suspicious anywhere in the page.
INJECTED = """() => {
  const made = [];
  for (const box of document.querySelectorAll('#viewer .mirador-third-party-html')) {
    for (const el of box.querySelectorAll('*')) {
      if (el.tagName !== 'SPAN' || el.attributes.length) { made.push(el.outerHTML); }
    }
  }
  for (const el of document.querySelectorAll(
      'img[src$="/x"], img[src="x"], img[src$="/z"], [onerror], [onclick], #viewer script')) {
    made.push(el.outerHTML);
  }
  return made;
}"""


def test_hostile_metadata_shows_as_text_in_the_viewer(world, page, tmp_path):
    folder = booklet_folder(
        tmp_path / "scan2_xss",
        pages=["Trang một", "Trang hai"],
        title=TITLE,
        csv_rows={"creator": IMG, "subject": SUBJECT, "description": DESCRIPTION},
    )
    call_command(
        "digital_ingest", str(folder), "--library", world.provincial.code, "--publish", verbosity=0
    )
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(title=TITLE)
        page_text_correct(page=Page.all_objects.get(obj=obj, seq=2), actor=None, text=PAGE_TEXT)

    errors: list[str] = []
    requests: list[str] = []
    ours: list[str] = []  # console errors of the page and our scripts, not the vendored ones
    page.on(
        "console",
        lambda m: (
            (
                errors.append(m.text),
                ours.append(m.text)
                if VENDOR not in m.location.get("url", "")
                and not m.text.startswith("Failed to load resource")
                else None,
            )
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda exc: ours.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(COLLECT)
    page.set_viewport_size({"width": 1280, "height": 900})

    # a reader searches inside the object: Mirador opens at the hit with the search panel
    page.goto(f"{page.base_url}/digital/{obj.pk}/?q=den+mau")
    # the page's own heading (Mirador adds an h1 of its own once it has drawn, sometimes first)
    assert page.locator("h1:not([class*='Mui'])").inner_text() == TITLE
    wait_for_js(page, "document.querySelector('#viewer[data-ready]') !== null")
    wait_for_js(page, "document.querySelectorAll('.openseadragon-canvas canvas').length > 0")
    wait_for_js(page, "document.querySelector('#viewer').innerText.includes('Hưng Yên')")
    viewer = page.locator("#viewer")
    assert "<img src=z onerror=alert(6)>" in viewer.inner_text()

    # then opens the information panel: title, creator, subject, description as typed
    page.get_by_role("tab").first.click()
    wait_for_js(page, "document.querySelector('#viewer').innerText.includes('Tác giả')")
    text = viewer.inner_text()
    for value in (IMG, TITLE, SUBJECT, DESCRIPTION):
        assert value in text, (value, text)
    page.wait_for_timeout(500)  # an image, had one been made, would have been asked for

    assert page.evaluate(INJECTED) == []
    assert not [u for u in requests if u.endswith(("/x", "/z"))], requests
    assert page.evaluate("window.__violations") == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert not [e for e in errors if "onerror" in e or "alert(" in e], errors
    assert ours == [], ours
