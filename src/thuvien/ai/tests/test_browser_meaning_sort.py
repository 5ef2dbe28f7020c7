"""A reader searching by meaning ("Theo ý nghĩa") and choosing "Nhan đề (A–Z)" gets the
records meaning found in title order, and the sort menu says so; the API answers alike
(``sort`` is the order used). Decision (docs/reader-search.md): a chosen order orders the
records that meaning found; "Phù hợp nhất" there is nearest in meaning first."""

from __future__ import annotations

import pytest

from thuvien.ai.services import record_embeddings_refresh
from thuvien.ai.tests.test_fill_in import DEMO_LIKE
from thuvien.core.outbox import outbox_drain
from thuvien.core.text import vi_sort_string

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(world):
    from thuvien.search.tests.factories import make_item, make_record

    for title, subject in DEMO_LIKE:
        make_item(make_record(world.hung_yen, title, subjects=[subject]), world.provincial)
    outbox_drain()
    record_embeddings_refresh()


def _meaning_search(page, text: str, sort_label: str) -> list[str]:
    page.goto(page.base_url + "/search/?q=")
    page.locator("select#mode").select_option(label="Theo ý nghĩa")
    page.locator("select#sort").select_option(label=sort_label)
    page.fill("input[name=q]", text)
    page.locator("form[role=search] button[type=submit]").first.click()
    page.wait_for_load_state()
    return page.locator("ol.rlist h3.rtitle").all_inner_texts()


def test_meaning_results_follow_the_chosen_order(catalogue, page):
    nearest = _meaning_search(page, "sách dạy bơi", "Phù hợp nhất")
    assert len(nearest) >= 2, nearest
    by_title = sorted(nearest, key=vi_sort_string)
    assert nearest != by_title  # nearest in meaning first is not the alphabet here

    shown = _meaning_search(page, "sách dạy bơi", "Nhan đề (A–Z)")
    assert sorted(shown) == sorted(nearest)  # the same records...
    assert shown == by_title  # ...in title order
    assert page.locator("select#sort option:checked").inner_text() == "Nhan đề (A–Z)"
    assert page.locator("select#mode option:checked").inner_text() == "Theo ý nghĩa"

    answer = page.request.get(
        page.base_url + "/api/v1/search/?q=s%C3%A1ch+d%E1%BA%A1y+b%C6%A1i&mode=semantic&sort=title"
    ).json()
    assert answer["sort"] == "title"
    assert [r["title"] for r in answer["results"]] == by_title
