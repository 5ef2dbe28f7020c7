"""In a real browser: the MARC editor's buttons move, add and delete rows in the page (the
vanilla script), and the record saved is exactly what the page shows."""

from __future__ import annotations

import pytest

from thuvien.catalog.marc.mij import to_pymarc
from thuvien.catalog.models import Record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, next_url: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/?next={next_url}")
    page.fill("#id_username", "tinh_cataloguer")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()


def test_marc_editor_in_the_page(world, page, make_record):
    record = make_record("Sách thử", author="Tô Hoài")
    page.set_viewport_size({"width": 1024, "height": 900})
    login(page, f"/staff/catalog/records/{record.pk}/marc/")
    fields = page.locator("#marc-fields > li.marc-field")
    count = fields.count()
    tags = lambda: [fields.nth(i).locator("input.tag").input_value() for i in range(fields.count())]  # noqa: E731
    assert tags()[-2:] == ["245", "264"]
    # Move 264 above 245 without a round trip.
    fields.nth(count - 1).locator("button[data-op=up]").click()
    assert tags()[-2:] == ["264", "245"]
    # Add a 500 note at the end.
    page.locator("button[data-op=add_field_end]").click()
    new = fields.nth(count)
    new.locator("input.tag").fill("500")
    new.locator("input.code").first.fill("a")
    new.locator("input.sub-value").first.fill("Có minh hoạ")
    # A second subfield added then deleted leaves nothing behind.
    new.locator("button[data-op=add_sub]").click()
    assert new.locator("li.subfield").count() == 2
    new.locator("li.subfield").nth(1).locator("button[data-op=delete_sub]").click()
    # Delete the 100 field.
    idx = tags().index("100")
    fields.nth(idx).locator("button[data-op=delete_field]").click()
    page.screenshot(path="/tmp/catalog-marc-editor.png", full_page=True)
    page.locator("#save-record").click()
    page.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    marc = to_pymarc(Record.objects.get(pk=record.pk).marc)
    order = [f.tag for f in marc.fields]
    assert "100" not in order
    assert order.index("264") < order.index("245")
    assert marc["500"].get_subfields("a") == ["Có minh hoạ"]
