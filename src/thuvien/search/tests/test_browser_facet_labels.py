"""The portal's filters in headless Chromium: no two filters of the library type and library
group columns read the same, in Vietnamese and in English (issue found by an audit: a group
named "Thư viện trường học" beside the library type of that name)."""

from __future__ import annotations

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.network.services import group_create, group_set_libraries

from .factories import make_item, make_record

pytestmark = pytest.mark.browser


def _filters(page) -> dict[str, list[str]]:
    """What the reader reads in each filter column: its heading and its links' words."""
    out = {}
    for section in page.locator("#filters section.fgroup").all():
        heading = section.locator("h3").inner_text()
        out[heading] = [a.inner_text().strip() for a in section.locator("a").all()]
    return out


def test_library_type_and_group_filters_read_differently(transactional_db, world, page):
    group = group_create(
        network=world.hung_yen,
        code="truong-hoc",
        name_vi="Thư viện trường học",
        name_en="School libraries",
        actor=None,
    )
    group_set_libraries(group=group, libraries=[world.school], actor=None)
    record = make_record(world.hung_yen, "Lịch sử Hưng Yên")
    make_item(record, world.school)
    make_item(record, world.provincial)
    outbox_drain()

    page.goto(page.base_url + "/search/?q=lich+su")
    shown = _filters(page)
    types, groups = shown["Loại thư viện"], shown["Nhóm thư viện"]
    assert "Thư viện trường học" in types
    labels = types + groups
    assert len(set(labels)) == len(labels), labels
    assert groups == ["Thư viện trường học (Mạng lưới thư viện tỉnh Hưng Yên)"]

    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    shown = _filters(page)
    types, groups = shown["Library type"], shown["Library groups"]
    labels = types + groups
    assert len(set(labels)) == len(labels), labels
    assert groups == ["School libraries (Hưng Yên library network)"]
