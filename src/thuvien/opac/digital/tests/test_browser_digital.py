"""The digital library as its users meet it, in Chromium.

A digitisation librarian uploads a scanned local-history booklet (three 300 dpi pages with
Vietnamese text, rendered by Pillow) with its metadata CSV; ingest and OCR run through the job
and task code the worker runs. A reader on a 360 px phone types a word of page 2 WITHOUT tone
marks in the portal's search box, sees the snippet and the page number, and opens Mirador at
that page with the word highlighted, under the project's CSP. EICAR is refused at upload; a
restricted object's tiles answer 403; a corrupted master is caught by the fixity audit run from
the staff page; the object downloads as a bag that bagit validates."""

from __future__ import annotations

import csv
import zipfile

import bagit
import pytest
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalFile, DigitalObject
from thuvien.digital.tests.booklet import PAGES, page_image
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def digitiser(world):
    from thuvien.accounts.models import Membership, Role, User

    with scopes_disabled():
        user = User.objects.create_user(username="tinh_digitiser", password="mat-khau-dai-123",
                                        full_name="Cán bộ số hóa", email="so@example.org")
        Membership.objects.create(user=user, network=world.hung_yen, library=world.provincial,
                                  role=Role.objects.get(code="digitiser"))
    return user


def _login(page, path):
    page.goto(f"{page.base_url}/accounts/login/?next={path}")
    page.fill("#id_username", "tinh_digitiser")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{path}")


def _upload(page, files, *, ocr="vie", publish=True, access=""):
    page.goto(f"{page.base_url}/staff/digital/ingest/")
    page.set_input_files("#id_files", [str(f) for f in files])
    page.select_option("#id_ocr", ocr)
    if access:
        page.select_option("#id_access", access)
    if publish:
        page.check("#id_publish")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/staff/jobs/*/")


def test_digitise_find_and_read(world, digitiser, page, tmp_path, clamav, settings):
    from thuvien.search.tests.factories import make_record

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    record = make_record(world.hung_yen, "Phố Hiến xưa", index=True)
    scans = tmp_path / "scans"
    scans.mkdir()
    files = [page_image(text, scans / f"trang-{n}.png") for n, text in enumerate(PAGES, 1)]
    with open(scans / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["folder", "title", "creator", "date", "subject", "record"])
        w.writerow([".", "Phố Hiến xưa (bản số)", "Sở Văn hóa Hưng Yên", "1998",
                    "Hưng Yên|Phố Hiến", record.pk])
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1024, "height": 900})

    # 1. the digitisation librarian ingests the booklet; the job page shows the result
    _login(page, "/staff/digital/")
    _upload(page, [*files, scans / "metadata.csv"])
    body = page.locator("main").inner_text()
    assert "Hoàn thành" in body, body
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(record=record)
        assert obj.published and obj.ingest_complete and obj.pages.count() == 3
        assert obj.pages.get(seq=2).ocr_status == "done"

    # 2. EICAR is refused at upload, with the reason on the job page
    eicar = tmp_path / "anh-quet.jpg"
    eicar.write_bytes(EICAR)
    good = page_image("Trang sạch", tmp_path / "sach.png", size=(300, 200), font_size=20)
    _upload(page, [eicar, good], ocr="", publish=False)
    body = page.locator("main").inner_text()
    assert "anh-quet.jpg" in body and "Hoàn thành" in body, body

    # 3. a reader on a 360 px phone searches without tone marks from the portal's box
    reader = page.context.browser.new_context(viewport={"width": 360, "height": 740},
                                              locale="vi-VN")
    phone = reader.new_page()
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(f"{page.base_url}/")
    phone.fill("#q", "sam uat")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/search/?q=sam*")
    snippet = phone.locator("p.snippet").first
    assert "Trang 2" in snippet.inner_text()
    assert "sầm uất" in snippet.inner_text()
    snippet.locator("a").click()
    phone.wait_for_url(f"**/digital/{obj.pk}/?q=sam*page=2")
    # Mirador opened this page's canvas and drew the highlighted hit of its search
    wait_for_js(phone, "document.querySelector('#viewer[data-ready]') !== null")
    wait_for_js(phone, "document.querySelectorAll('.openseadragon-canvas canvas').length > 0",
                timeout=30000)
    wait_for_js(phone, "window.thuvienViewer && (() => { const s = window.thuvienViewer.store"
                       ".getState(); const w = Object.values(s.windows)[0]; return w && "
                       "w.canvasId && w.canvasId.endsWith('/canvas/2'); })()")
    wait_for_js(phone, "(() => { const s = window.thuvienViewer.store.getState(); "
                       "const r = JSON.stringify(s.searches || {}); "
                       "return r.includes('canvas/2#xywh'); })()", timeout=30000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 362
    assert not [e for e in errors if "Content Security Policy" in e], errors

    # 4. a restricted object's tiles answer 403 to the reader, and no image
    with scopes_disabled():
        from thuvien.digital.services import object_update

        object_update(obj=obj, actor=None, access="restricted")
    tile = phone.request.get(f"{page.base_url}/iiif/3/image/{obj.pk}-2/0,0,512,512/256,/0/"
                             "default.jpg")
    assert tile.status == 403 and tile.headers["content-type"].startswith("application/json")
    reader.close()

    # 5. a corrupted master is caught by the fixity audit the librarian runs
    with scopes_disabled():
        master = DigitalFile.all_objects.filter(obj=obj).order_by("id").first()
    with open(default_storage.path(master.storage_name), "r+b") as fh:
        fh.seek(100)
        fh.write(b"\x00\x01\x02")
    page.goto(f"{page.base_url}/staff/digital/")
    page.get_by_role("button", name="Kiểm tra toàn vẹn tệp gốc").click()
    page.wait_for_url("**/staff/jobs/*/")
    body = page.locator("main").inner_text()
    assert "trang-1.png" in body and "changed" in body, body

    # 6. the object downloads as a bag that bagit validates
    page.goto(f"{page.base_url}/staff/digital/{obj.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất gói BagIt").click()
    archive = tmp_path / "bag.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "bag")
    bag = bagit.Bag(str(next((tmp_path / "bag").iterdir())))
    # the master as it is now: the bag carries the corrupted bytes faithfully
    assert bag.is_valid()
    assert not [e for e in errors if "Content Security Policy" in e], errors
