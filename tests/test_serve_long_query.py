"""A reader pastes a 5,000-character text into the search box of a real ``thuvien serve``
(gunicorn, as in production) in Chromium on a phone: they are told in Vietnamese that the box
keeps 500 characters, the search runs and answers a Vietnamese page, never gunicorn's raw
English "URI Too Long". A long query that arrives another way (a link, a bookmark) gets the
portal's own page saying the query is too long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .test_serve import SRC, _free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# Vietnamese words with tone marks: 2-3 bytes each in UTF-8, 6-9 characters percent-encoded;
# 500 of these characters make a request line longer than gunicorn's default 4094 bytes.
WORDS = "lịch sử việt nam thời kỳ đổi mới nghiên cứu văn hóa dân gian đồng bằng bắc bộ "


def _text(length: int) -> str:
    return (WORDS * (length // len(WORDS) + 1))[:length]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``thuvien migrate`` then ``thuvien serve`` (web only) on a free port."""
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THUVIEN_", "DJANGO_"))}
    env.update(
        THUVIEN_DATA_DIR=str(tmp),
        PYTHONPATH=str(SRC),
        THUVIEN_BIND=f"127.0.0.1:{port}",
        THUVIEN_WEB_WORKERS="1",
        THUVIEN_SERVE_WORKER="0",
    )
    cli = [sys.executable, "-m", "thuvien.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, cwd=tmp, check=True, timeout=300)
    log = open(tmp / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([*cli, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        ready = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5):
                    ready = True
                    break
            except OSError:
                time.sleep(0.3)
        assert ready, (tmp / "serve.log").read_text(errors="replace")
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def test_a_reader_pastes_5000_characters_into_the_search_box(served, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page = context.new_page()
    try:
        for start in ("/", "/search/"):
            page.goto(served + start)
            box = page.locator("input#q")
            box.click()
            pasted = _text(5000)
            page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
            page.keyboard.press("Control+V")
            kept = box.input_value()
            assert kept == pasted[:500]
            note = page.locator("#q-too-long")
            note.wait_for(state="visible")
            assert "5.000 ký tự" in note.inner_text() and "500 ký tự đầu" in note.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            page.keyboard.press("Enter")
            page.wait_for_url("**/search/?**")
            body = page.content()
            assert "URI Too Long" not in body and "Request Line" not in body
            assert page.locator("html").get_attribute("lang") == "vi"
            assert "Không có kết quả" in body  # the search ran on the 500 characters kept
            assert page.locator("input#q").input_value() == kept.strip()
        page.screenshot(path="/tmp/thuvien-long-query.png", full_page=True)
    finally:
        context.close()


def test_a_5000_character_query_in_the_address_gets_the_portals_own_page(served):
    q = ("lich su viet nam " * 300)[:5000]  # unaccented, as typed on a phone: ~5 KB
    status, body = _get(served + "/search/?" + urllib.parse.urlencode({"q": q}))
    assert status == 200, body[:300]
    assert "URI Too Long" not in body
    assert "Câu tìm kiếm quá dài: 5.000 ký tự" in body
    assert 'lang="vi"' in body
    # the box holds what it would have kept, ready to shorten and search again
    assert f'value="{q[:500]}"' in body


def test_a_link_longer_than_the_server_takes_gets_the_portals_page(served):
    """Found by audit: 5,000 Vietnamese letters in a link (about 45 KB) were past gunicorn's
    8,190-byte ceiling and got its raw English "URI Too Long"; the workers of ``thuvien
    serve`` answer with a Vietnamese and English page and the security headers."""
    query = urllib.parse.quote("ễ" * 5000)
    try:
        with urllib.request.urlopen(f"{served}/search/?q={query}", timeout=30) as r:
            status, headers, body = r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as exc:
        status, headers, body = exc.code, exc.headers, exc.read().decode()
    assert status == 414
    assert "Địa chỉ quá dài" in body and "Address too long" in body
    assert 'name="q" maxlength="500"' in body
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Request Line is too large" not in body
    # the server goes on answering
    assert _get(f"{served}/search/?q=kieu")[0] == 200
