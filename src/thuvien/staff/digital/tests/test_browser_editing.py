"""The digitisation librarian edits an object in Chromium, by keyboard; a reader plays a
recording and opens the viewer on a 360 px phone over a slow line (400 ms latency).

The librarian moves page 1 down with the keyboard alone (Tab to the button, Enter; without
JavaScript's help the form posts and focus comes back to the moved page's button), then moves it
back with Alt+ArrowUp (the script's way, one order for the whole book); replaces page 2 with a
new scan; makes page 3 the thumbnail; pastes a hostile chapter title. No CSP violation."""

from __future__ import annotations

import subprocess
import time

import pytest
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalObject, Page
from thuvien.digital.tests.booklet import page_image
from thuvien.testing.fixtures import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(300, 200), (320, 220), (340, 240)]


@pytest.fixture
def digitiser(world):
    from thuvien.accounts.models import Membership, Role, User

    with scopes_disabled():
        user = User.objects.create_user(username="tinh_digitiser", password="mat-khau-dai-123",
                                        full_name="Cán bộ số hóa", email="so@example.org")
        Membership.objects.create(user=user, network=world.hung_yen, library=world.provincial,
                                  role=Role.objects.get(code="digitiser"))
    return user


def _ingest(world, paths, title, **kw):
    from thuvien.digital.services import digital_ingest

    with scopes_disabled():
        report = digital_ingest(paths=paths, library=world.provincial, title=title, **kw)
        return DigitalObject.all_objects.get(pk=report.objects[0])


def _widths(obj):
    with scopes_disabled():
        return [p.width for p in Page.all_objects.filter(obj=obj).order_by("seq")]


def _login(page, path):
    page.goto(f"{page.base_url}/accounts/login/?next={path}")
    page.fill("#id_username", "tinh_digitiser")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{path}")


def test_reorder_by_keyboard_replace_and_thumbnail(world, digitiser, page, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for n, size in enumerate(SIZES, start=1):
        page_image(f"Trang {n}", folder / f"{n:03d}.png", size=size, font_size=20)
    obj = _ingest(world, [folder], "Sách thử")
    with scopes_disabled():
        first = Page.all_objects.get(obj=obj, seq=1)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1024, "height": 900})
    _login(page, f"/staff/digital/{obj.pk}/pages/")

    # 1. keyboard only: focus reaches "move page 1 down" by Tab, Enter moves it
    down = page.get_by_role("button", name="Chuyển trang 1 xuống")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == (
                "Chuyển trang 1 xuống"):
            break
    else:
        raise AssertionError("Tab never reached the button")
    assert down.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/pages/?moved={first.pk}:down*")
    assert _widths(obj) == [320, 300, 340]
    # focus came back to the moved page's button (now page 2's), announced by the message
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Chuyển trang 2 xuống")
    assert "vị trí 2" in page.locator("body").inner_text()

    # 2. Alt+ArrowUp on the focused row moves it back (the script posts the whole order)
    page.keyboard.press("Alt+ArrowUp")
    page.wait_for_url(f"**/staff/digital/{obj.pk}/pages/#p-{first.pk}")
    wait_for_js(page, "document.readyState === 'complete'")
    assert _widths(obj) == [300, 320, 340]
    assert "Đã lưu thứ tự trang" in page.locator("body").inner_text()

    # 3. replace page 2 with a new scan
    page.get_by_role("link", name="Thay ảnh trang 2").click()
    new = page_image("Trang 2 quét lại", tmp_path / "new.png", size=(400, 260), font_size=20)
    page.set_input_files("#id_file", str(new))
    page.get_by_role("button", name="Thay ảnh").click()
    page.wait_for_url(f"**/staff/digital/{obj.pk}/pages/#p-*")
    assert "Đã thay trang 2" in page.locator("body").inner_text()
    assert _widths(obj) == [300, 400, 340]
    assert "Bản gốc đã thay" in page.locator("body").inner_text()

    # 4. page 3 becomes the thumbnail
    page.get_by_role("button", name="Đặt trang 3 làm ảnh đại diện").click()
    page.wait_for_url(f"**/staff/digital/{obj.pk}/pages/#p-*")
    with scopes_disabled():
        third = Page.all_objects.get(obj=obj, seq=3)
    assert "Ảnh đại diện" in page.locator(f"#p-{third.pk}").inner_text()

    # 5. a pasted hostile chapter title is kept as text
    page.goto(f"{page.base_url}/staff/digital/{obj.pk}/structure")
    page.fill("#id_label", "<script>alert(1)</script> Chương 1")
    page.fill("#id_first_seq", "1")
    page.fill("#id_last_seq", "2")
    page.get_by_role("button", name="Thêm").click()
    page.wait_for_url(f"**/staff/digital/{obj.pk}/structure")
    assert "<script>alert(1)</script> Chương 1" in page.locator("ol").inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_reader_on_a_slow_phone(world, page, tmp_path):
    tone = tmp_path / "dan-ca.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=3", "-c:a", "libvorbis", str(tone)],
                   check=True, timeout=120)
    recording = _ingest(world, [tone], "Dân ca quan họ", publish=True)
    scans = tmp_path / "scans"
    scans.mkdir()
    for n in range(1, 4):
        page_image(f"Trang {n} Phố Hiến", scans / f"{n}.png")
    book = _ingest(world, [scans], "Phố Hiến xưa", publish=True)

    context = page.context.browser.new_context(viewport={"width": 360, "height": 740},
                                               locale="vi-VN")
    phone = context.new_page()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    cdp = context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 400, "downloadThroughput": 1_600_000 / 8,
        "uploadThroughput": 750_000 / 8, "connectionType": "cellular3g"})  # 1.6 Mbit/s down

    # the recording plays in the page: the player reads its duration through byte ranges
    phone.goto(f"{page.base_url}/digital/{recording.pk}/")
    duration = wait_for_js(phone, "(() => { const a = document.querySelector('audio');"
                                  " return a && a.duration > 0 ? a.duration : 0; })()",
                           timeout=30000)
    assert abs(float(duration) - 3.0) < 0.3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 362

    # the book opens in Mirador on the phone; time until the first page is drawn
    started = time.perf_counter()
    phone.goto(f"{page.base_url}/digital/{book.pk}/")
    wait_for_js(phone, "document.querySelectorAll('.openseadragon-canvas canvas').length > 0",
                timeout=60000)
    print(f"viewer drawn after {time.perf_counter() - started:.1f} s at 360 px, 400 ms latency")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 362
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()
