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


def test_search_record_and_editor_fit_a_phone(world, page, make_record):
    from thuvien.holdings.services import item_create

    record = make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài", isbn="9786042088213")
    item_create(
        record=record, library=world.provincial, barcode="HY000001", call_number="895.9 T450H"
    )
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, "/staff/catalog/")
    box = page.get_by_label("Nhan đề, tác giả, ISBN hoặc mã vạch")
    box.fill("de men")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Dế Mèn phiêu lưu ký").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dế Mèn phiêu lưu ký"
    # a scanner types the barcode and Enter: straight to the copy's record
    page.goto(page.base_url + "/staff/catalog/")
    box.fill("HY000001")
    box.press("Enter")
    page.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    assert page.get_by_text("HY000001").is_visible()
    page.screenshot(path="/tmp/catalog-record-360.png", full_page=True)
    for path in (
        "/staff/catalog/",
        f"/staff/catalog/records/{record.pk}/",
        f"/staff/catalog/records/{record.pk}/marc/",
    ):
        page.goto(page.base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.screenshot(path="/tmp/catalog-editor-360.png", full_page=True)


def test_move_a_copy_to_another_library_in_the_page(world, page, make_record):
    """A cataloguer of the provincial and the Tiên Lữ libraries moves a copy from its edit
    page; a lent copy is refused on the form, nothing moved."""
    from thuvien.accounts.models import Membership, Role
    from thuvien.holdings.models import Item, ItemStatus
    from thuvien.holdings.services import item_create, item_status_change

    user = world.users["tinh_cataloguer"]
    Membership.objects.create(
        user=user, network=world.hung_yen, library=world.commune_a,
        role=Role.objects.get(code="cataloguer"),
    )  # fmt: skip
    user.working_library = world.provincial  # works at the provincial library on logging in
    user.save(update_fields=["working_library"])
    record = make_record("Truyện Kiều", author="Nguyễn Du")
    copy = item_create(record=record, library=world.provincial, barcode="HYMOVE7")
    lent = item_create(record=record, library=world.provincial, barcode="HYMOVE8")
    item_status_change(item=lent, status=ItemStatus.ON_LOAN)

    login(page, f"/staff/catalog/items/{copy.pk}/")
    page.get_by_role("link", name="Chuyển bản sao sang thư viện khác").click()
    choices = page.get_by_label("Chuyển đến thư viện")
    offered = choices.locator("option").all_inner_texts()
    assert offered == ["—", "Thư viện xã Tiên Lữ"]
    choices.select_option(label="Thư viện xã Tiên Lữ")
    page.get_by_role("button", name="Chuyển bản sao").click()
    page.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    assert page.get_by_text("Đã chuyển bản sao HYMOVE7 sang Thư viện xã Tiên Lữ.").is_visible()
    assert Item._base_manager.get(pk=copy.pk).library_id == world.commune_a.pk

    page.goto(f"{page.base_url}/staff/catalog/items/{lent.pk}/move/")
    page.get_by_label("Chuyển đến thư viện").select_option(label="Thư viện xã Tiên Lữ")
    page.get_by_role("button", name="Chuyển bản sao").click()
    assert page.get_by_text("Bản sao đang được mượn").is_visible()
    page.screenshot(path="/tmp/catalog-item-move.png", full_page=True)
    assert Item._base_manager.get(pk=lent.pk).library_id == world.provincial.pk


def test_a_second_tab_moving_a_moved_copy_is_told_where_it_is(world, page, make_record):
    """Two tabs hold the move form of one copy; the first moves it. The second tab's move ends
    on the record with a plain sentence naming the library the copy is in, not a 404, and the
    list names the libraries as the library switcher does (no codes)."""
    from thuvien.accounts.models import Membership, Role
    from thuvien.holdings.models import Item
    from thuvien.holdings.services import item_create

    user = world.users["tinh_cataloguer"]
    Membership.objects.create(
        user=user, network=world.hung_yen, library=world.commune_a,
        role=Role.objects.get(code="cataloguer"),
    )  # fmt: skip
    user.working_library = world.provincial
    user.save(update_fields=["working_library"])
    record = make_record("Truyện Kiều", author="Nguyễn Du")
    copy = item_create(record=record, library=world.provincial, barcode="HYMOVE9")

    login(page, f"/staff/catalog/items/{copy.pk}/move/")
    first = page
    second = page.context.new_page()
    second.goto(f"{page.base_url}/staff/catalog/items/{copy.pk}/move/")
    for tab in (first, second):
        choices = tab.get_by_label("Chuyển đến thư viện")
        assert choices.locator("option").all_inner_texts() == ["—", "Thư viện xã Tiên Lữ"]
        choices.select_option(label="Thư viện xã Tiên Lữ")
    first.get_by_role("button", name="Chuyển bản sao").click()
    first.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    assert Item._base_manager.get(pk=copy.pk).library_id == world.commune_a.pk

    second.get_by_role("button", name="Chuyển bản sao").click()
    second.wait_for_url(f"**/staff/catalog/records/{record.pk}/")
    assert "Không tìm thấy" not in second.content()
    assert second.get_by_text(
        "Bản sao HYMOVE9 đã ở Thư viện xã Tiên Lữ: không cần chuyển nữa."
    ).is_visible()
    assert Item._base_manager.get(pk=copy.pk).library_id == world.commune_a.pk
