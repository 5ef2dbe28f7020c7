"""A reader on a 360 px phone, in Chromium, under the project's CSP, sees which results were
found by meaning.

Catalogue of test_hybrid_labels: the words of "sách về nghề nuôi ong" find a farmer's handbook
whose note holds them; meaning adds the bee book under the heading "Kết quả gần nghĩa", each
such row tagged in words. "Truyện Kiều" is answered by its words: no such heading. An absent
subject ("núi lửa", "astronomy") shows nothing rather than unrelated records.
"""

from __future__ import annotations

import pytest

from thuvien.ai.tests.test_browser_ai import CSP_WATCH
from thuvien.ai.tests.test_fill_in import BEES
from thuvien.ai.tests.test_hybrid_labels import HANDBOOK, PARAPHRASE, build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(world):
    build(world)


def _search(page, text: str) -> None:
    """Typed in the box, with the search mode the page offers by default."""
    page.goto(page.base_url + "/search/?q=")
    page.fill("input[name=q]", text)
    page.locator("form[role=search] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_meaning_fill_ins_are_labelled_on_a_phone(catalogue, page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(CSP_WATCH)

    _search(page, PARAPHRASE)
    titles = page.locator("ol.rlist h3.rtitle").all_inner_texts()
    assert titles[0] == HANDBOOK and BEES in titles[1:]  # the words first
    heading = page.get_by_role("heading", name="Kết quả gần nghĩa")
    assert heading.is_visible()
    section = page.locator("section.by-meaning")
    assert section.locator("h3.rtitle").all_inner_texts() == titles[1:]
    # every row of the section says it in words, and no word result does
    assert section.locator(".mtag").count() == len(titles) - 1
    assert section.locator(".mtag").first.inner_text() == "Gần nghĩa"
    assert page.locator("li.ritem:not(.rmeaning) .mtag").count() == 0
    # the heading sits between the last word result and the first fill-in, on screen
    word_box = page.locator("li.ritem").first.bounding_box()
    head_box = heading.bounding_box()
    first_fill = section.locator("li.ritem").first.bounding_box()
    assert word_box["y"] < head_box["y"] < first_fill["y"]
    assert head_box["x"] + head_box["width"] <= 360

    _search(page, "Truyện Kiều")
    assert page.locator("ol.rlist h3.rtitle").all_inner_texts() == ["Truyện Kiều"]
    assert page.locator("section.by-meaning").count() == 0

    for absent in ("núi lửa", "astronomy"):
        _search(page, absent)
        assert page.locator("li.ritem").count() == 0, absent
        assert page.locator("section.by-meaning").count() == 0
        assert "Không có kết quả" in page.locator("main").inner_text()
    assert errors == []
