"""The new-books list of the home page in a real Chromium, as a reader sees it: on a 360 px
phone and on a desktop screen each book is a styled card (cover, title, author), not a bullet
and a stray letter, and nothing scrolls sideways. Screenshots go to
/tmp/thuvien-new-items-*.png for a person to look at."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOT = "/tmp/thuvien-new-items-{}.png"


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _new_books():
    from django_scopes import scopes_disabled

    from thuvien.conftest import build_world
    from thuvien.core.outbox import outbox_drain
    from thuvien.search.tests.factories import make_item, make_record
    from thuvien.sip2.tests.conftest import ensure_builtin_roles

    ensure_builtin_roles()
    world = build_world()
    titles = [
        ("Truyện Kiều", ["Nguyễn Du"]),
        ("Số đỏ", ["Vũ Trọng Phụng"]),
        (
            "Lịch sử và văn hóa vùng đất Phố Hiến qua các thời kỳ dựng nước và giữ nước "
            "của dân tộc Việt Nam",
            ["Nguyễn Văn Một Tác Giả Có Tên Rất Dài"],
        ),
        ("Nhãn lồng Hưng Yên", []),
    ]
    with scopes_disabled():
        for i, (title, authors) in enumerate(titles):
            record = make_record(world.hung_yen, title, authors=authors, year=2025)
            make_item(record, world.commune_a, acquired_on=date(2026, 10, 1 + i))
    outbox_drain()
    return titles


def _cards(page):
    return page.locator(".new-items .newlist > li")


def _check_cards(page, titles, width):
    cards = _cards(page)
    assert cards.count() == len(titles)
    for i in range(cards.count()):
        card = cards.nth(i)
        style = card.evaluate(
            "el => { const s = getComputedStyle(el); return {list: s.listStyleType, "
            "display: s.display, border: s.borderTopWidth, radius: s.borderTopLeftRadius} }"
        )
        # a card: no bullet, a frame around it, the cover beside the text
        assert style["list"] == "none", style
        assert style["border"] != "0px" and style["radius"] != "0px", style
        cover = card.locator(".cover")
        box = cover.bounding_box()
        assert box is not None and box["width"] >= 40 and box["height"] >= 56, box
        assert cover.evaluate("el => getComputedStyle(el).backgroundImage") != "none"
        title = card.locator(".ntitle a")
        assert title.count() == 1
        title_box = title.bounding_box()
        # the title sits beside the cover, not under a bullet
        assert title_box["x"] >= box["x"] + box["width"]
        card_box = card.bounding_box()
        assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= width
    texts = cards.all_inner_texts()
    for (title, authors), text in zip(
        sorted(titles, key=lambda t: t[0]), sorted(texts), strict=False
    ):
        assert title in text
        for author in authors:
            assert author in text


def test_new_books_are_cards_on_a_360px_phone_and_on_a_desktop(page):
    titles = _new_books()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/")
    page.screenshot(path=SHOT.format("360"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width}px)"
    _check_cards(page, titles, 360)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/")
    page.screenshot(path=SHOT.format("1280"), full_page=True)
    _check_cards(page, titles, 1280)
    # on a wide screen the cards stand side by side
    first, second = _cards(page).nth(0).bounding_box(), _cards(page).nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]

    # the library page and the full new-books page show the same cards
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/libraries/HY-TIENLU/")
    _check_cards(page, titles, 360)
    page.goto(page.base_url + "/search/new/")
    assert (
        page.locator(".newlist > li .cover").first.evaluate(
            "el => getComputedStyle(el).backgroundImage"
        )
        != "none"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
