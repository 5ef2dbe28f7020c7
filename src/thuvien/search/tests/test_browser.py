"""The portal in headless Chromium: search without marks, narrow by a facet, open a record."""

from __future__ import annotations

from pathlib import Path

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.holdings.models import ItemStatus

from .factories import make_item, make_record

SHOTS = Path("/tmp/thuvien-search-shots")


@pytest.mark.browser
def test_search_facet_and_record_page(transactional_db, world, page):
    SHOTS.mkdir(exist_ok=True)
    kieu = make_record(
        world.hung_yen,
        "Lịch sử Hưng Yên",
        authors=["Nguyễn Văn Nam"],
        subjects=["Lịch sử -- Hưng Yên"],
        publisher="Nxb. Chính trị quốc gia",
        place="Hà Nội",
        year=2015,
        isbns=["9786041234567"],
    )
    make_item(kieu, world.provincial, call_number="959.73 NG527N")
    make_item(kieu, world.commune_a, status=ItemStatus.ON_LOAN, call_number="959.73 L302S")
    make_item(kieu, world.commune_b)
    other = make_record(world.hung_yen, "Lịch sử Phố Hiến", year=1999)
    make_item(other, world.commune_b)
    make_record(world.hung_yen, "Địa chí Hưng Yên", year=2001)
    outbox_drain()

    page.goto(page.base_url + "/search/")
    page.fill("#q", "lich su")  # typed without tone marks, as on a phone
    page.press("#q", "Enter")
    page.wait_for_selector(".rlist")
    listed = page.inner_text(".rlist")
    assert "Lịch sử Hưng Yên" in listed and "Địa chí Hưng Yên" not in listed
    page.screenshot(path=str(SHOTS / "results-phone.png"), full_page=True)

    # narrow to one library through its facet
    page.click(f"#filters a:has-text('{world.commune_b.name_vi}')")
    page.wait_for_selector(".chips")
    titles = page.locator(".rtitle").all_inner_texts()
    assert set(titles) == {"Lịch sử Hưng Yên", "Lịch sử Phố Hiến"}

    page.click("text=Lịch sử Hưng Yên")
    page.wait_for_selector("#hold")
    holdings = page.inner_text("table")
    for lib in (world.provincial, world.commune_a, world.commune_b):
        assert lib.name_vi in holdings
    assert "959.73 NG527N" in holdings and "Đang cho mượn" in holdings
    page.screenshot(path=str(SHOTS / "record-phone.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/search/?q=l%E1%BB%8Bch+s%E1%BB%AD")
    page.wait_for_selector("#filters")
    page.screenshot(path=str(SHOTS / "results-desktop.png"), full_page=True)
    page.goto(page.base_url + f"/search/record/{kieu.pk}/")
    page.screenshot(path=str(SHOTS / "record-desktop.png"), full_page=True)
