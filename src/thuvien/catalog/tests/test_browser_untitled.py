"""A record that came in without a title (no 245): the catalogue stores no title, not the
words "[Không nhan đề]" as if catalogued, and every page shows the placeholder in its own
language: "[Untitled]" on the English portal's result list and record page and on the staff
record page, "[Không nhan đề]" in Vietnamese."""

from __future__ import annotations

import pymarc
import pytest

from thuvien.catalog.models import Record
from thuvien.catalog.services import import_run
from thuvien.core.outbox import outbox_drain
from thuvien.holdings.services import item_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _untitled_file(path):
    record = pymarc.Record(force_utf8=True, leader="00000nam a2200000 a 4500")
    record.add_field(
        pymarc.Field(
            tag="100", indicators=["1", " "], subfields=[pymarc.Subfield("a", "Trần Văn Khuyết")]
        ),
        pymarc.Field(
            tag="260", indicators=[" ", " "],
            subfields=[pymarc.Subfield("a", "Hưng Yên"), pymarc.Subfield("c", "1998")],
        ),
    )  # fmt: skip
    path.write_bytes(record.as_marc())
    return path


def _english(page) -> None:
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")


def test_a_record_without_a_title_reads_untitled_in_each_language(world, page, tmp_path):
    import_run(paths=[_untitled_file(tmp_path / "untitled.mrc")], network=world.hung_yen,
               match_rules="")  # fmt: skip
    record = Record.objects.get(network=world.hung_yen, year=1998)
    assert record.title == ""  # no placeholder stored as if catalogued
    item_create(record=record, library=world.provincial, barcode="HYUNTITLED1")
    outbox_drain()

    page.goto(page.base_url + "/search/?q=Khuy%E1%BA%BFt")
    assert page.locator("ol.rlist h3.rtitle").all_inner_texts() == ["[Không nhan đề]"]
    _english(page)
    assert page.locator("ol.rlist h3.rtitle").all_inner_texts() == ["[Untitled]"]
    assert "Không nhan đề" not in page.content()
    page.locator("ol.rlist h3.rtitle a").click()
    page.wait_for_url(f"**/search/record/{record.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "[Untitled]"
    assert page.title().startswith("[Untitled]")
    assert "Không nhan đề" not in page.content()

    page.goto(f"{page.base_url}/accounts/login/?next=/staff/catalog/records/{record.pk}/")
    page.fill("#id_username", "tinh_cataloguer")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "[Untitled]"
    assert "Không nhan đề" not in page.content()
