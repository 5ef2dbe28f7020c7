"""In a real browser: a cataloguer writes a title, asks for suggestions, and accepts a DDC class
and a subject heading with a click each; nothing is filled in before the click."""

from __future__ import annotations

import pytest

from thuvien.ai import vectors
from thuvien.ai.services import record_embeddings_refresh
from thuvien.catalog.models import Record
from thuvien.search.tests.factories import make_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOGUE = [
    ("Kỹ thuật nuôi ong mật", "638.1", "Nuôi ong"),
    ("Nghề nuôi ong lấy mật ở miền núi", "638.1", "Nuôi ong"),
    ("Phòng trị bệnh cho đàn ong", "638.15", "Nuôi ong"),
    ("Kỹ thuật trồng lúa nước", "633.18", "Trồng lúa"),
    ("Thâm canh lúa năng suất cao", "633.18", "Trồng lúa"),
    ("Lịch sử Việt Nam thời Lý Trần", "959.7", "Lịch sử Việt Nam"),
    ("Việt Nam sử lược", "959.7", "Lịch sử Việt Nam"),
    ("Giáo trình giải tích", "515", "Toán học"),
    ("Đại số tuyến tính", "512", "Toán học"),
]


def login(page, next_url: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/?next={next_url}")
    page.fill("#id_username", "tinh_cataloguer")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()


def test_a_cataloguer_accepts_a_suggested_class_and_subject(world, page, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.AI_VECTOR_DIR = tmp_path / "vectors"
    vectors._views.clear()
    for title, ddc, subject in CATALOGUE:
        make_record(world.hung_yen, title, ddc=ddc, subjects=[subject])
    record_embeddings_refresh()

    login(page, "/staff/catalog/records/new/form/?type=book")
    page.fill("#id_title", "Cẩm nang người nuôi ong")
    page.click("#suggest-ask")
    first_class = page.locator("#suggest-ddc li").first
    first_class.wait_for()
    assert first_class.locator(".suggest-value").inner_text() == "638"
    assert page.input_value("#id_ddc") == ""  # proposed, never applied by itself
    first_class.locator("button").click()
    assert page.input_value("#id_ddc") == "638"
    subject = page.locator("#suggest-subjects li", has_text="Nuôi ong").first
    subject.locator("button").click()
    assert "Nuôi ong" in page.input_value("#id_subjects")
    page.screenshot(path="/tmp/catalog-suggest.png", full_page=True)
    page.locator("button[type=submit].btn-primary").click()
    page.wait_for_url("**/staff/catalog/records/*/")
    saved = Record.objects.get(title__startswith="Cẩm nang người nuôi ong")
    assert saved.ddc == "638"
    assert saved.subjects == ["Nuôi ong"]
