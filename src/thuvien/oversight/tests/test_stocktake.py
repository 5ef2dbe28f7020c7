"""A stocktake finds the copy missing from the shelf, the copy in the wrong place, the copy
marked lost that stands on the shelf, and a code nobody has — from the service and from a
phone at scanner speed over a slow line."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.tests.factories import make_item, make_record
from thuvien.holdings.models import Item, ItemStatus
from thuvien.network.models import Location
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import ScanOutcome, Stocktake
from thuvien.oversight.stocktake import (
    stocktake_close,
    stocktake_missing,
    stocktake_scan,
    stocktake_start,
)
from thuvien.testing.fixtures import wait_for_js


@pytest.fixture
def shelf(world):
    """Six copies on the stacks of the provincial library, one in the reading room, one marked
    lost that is in fact on the shelf, one on loan, one of another library."""
    with scopes_disabled():
        stacks = Location.objects.get_or_create(
            library=world.provincial, code="kho", defaults={"name_vi": "Kho mở"}
        )[0]
        reading = Location.objects.get_or_create(
            library=world.provincial, code="phong-doc", defaults={"name_vi": "Phòng đọc"}
        )[0]
    record = make_record(world.hung_yen, "Lịch sử Hưng Yên")
    on_shelf = [
        make_item(world.provincial, record=record, location=stacks, barcode=f"KK{i:04d}")
        for i in range(6)
    ]
    return {
        "stacks": stacks,
        "on_shelf": on_shelf,
        "reading": make_item(world.provincial, record=record, location=reading, barcode="KK0100"),
        "lost": make_item(
            world.provincial, location=stacks, barcode="KK0200", status=ItemStatus.LOST
        ),
        "lent": make_item(
            world.provincial, location=stacks, barcode="KK0300", status=ItemStatus.ON_LOAN
        ),
        "elsewhere": make_item(world.bn_provincial, barcode="BN0001"),
    }


@pytest.mark.django_db
def test_a_stocktake_finds_what_is_missing_and_what_is_out_of_place(world, shelf):
    actor = world.users["tinh_cataloguer"]
    st = stocktake_start(library=world.provincial, location=shelf["stacks"], actor=actor)
    removed = shelf["on_shelf"][3]
    outcomes = {}
    for item in [*shelf["on_shelf"][:3], *shelf["on_shelf"][4:]]:
        outcomes[item.barcode] = stocktake_scan(stocktake=st, barcode=item.barcode.lower()).outcome
    for key in ("reading", "lost", "lent", "elsewhere"):
        result = stocktake_scan(stocktake=st, barcode=shelf[key].barcode)
        outcomes[key] = result.outcome
        if key == "elsewhere":
            assert result.title == ""  # another library's title is not shown
    outcomes["unknown"] = stocktake_scan(stocktake=st, barcode="NOBODY-1").outcome
    again = stocktake_scan(stocktake=st, barcode=shelf["on_shelf"][0].barcode)
    assert again.repeated
    assert {outcomes[k] for k in ("reading", "lost", "lent", "elsewhere", "unknown")} == {
        ScanOutcome.MISPLACED, ScanOutcome.FOUND, ScanOutcome.NOT_ON_SHELF,
        ScanOutcome.OTHER_LIBRARY, ScanOutcome.UNKNOWN,
    }  # fmt: skip
    assert [i.barcode for i in stocktake_missing(st)] == [removed.barcode]

    with pytest.raises(OversightError):
        stocktake_start(library=world.provincial, location=shelf["stacks"], actor=actor)

    st = stocktake_close(stocktake=st, actor=actor)
    assert (st.status, st.expected, st.missing) == (Stocktake.Status.CLOSED, 6, 1)
    with scopes_disabled():
        assert Item.objects.get(pk=removed.pk).status == ItemStatus.LOST
        assert Item.objects.get(pk=shelf["lost"].pk).status == ItemStatus.AVAILABLE
        assert Item.objects.get(pk=shelf["lent"].pk).status == ItemStatus.ON_LOAN
    with pytest.raises(OversightError):
        stocktake_scan(stocktake=st, barcode="KK0001")


@pytest.mark.django_db
def test_another_librarys_stocktake_is_not_found(world, shelf, staff_client):
    st = stocktake_start(library=world.provincial, actor=world.users["tinh_cataloguer"])
    other = staff_client(world.users["tienlu_cataloguer"], world.commune_a)
    assert other.get(f"/staff/oversight/stocktakes/{st.pk}/").status_code == 404
    scan = other.post(f"/staff/oversight/stocktakes/{st.pk}/scan/", {"barcode": "KK0001"})
    assert scan.status_code == 404
    desk = staff_client(world.users["tinh_circulation"], world.provincial)
    assert desk.get("/staff/oversight/stocktakes/").status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_phone_at_scanner_speed_over_a_slow_line_loses_no_scan(world, page):
    shelf_items = {}
    with scopes_disabled():
        stacks = Location.objects.get_or_create(
            library=world.provincial, code="kho", defaults={"name_vi": "Kho mở"}
        )[0]
    record = make_record(world.hung_yen, "Địa chí Hưng Yên")
    for i in range(8):
        item = make_item(world.provincial, record=record, location=stacks, barcode=f"DC{i:05d}")
        shelf_items[item.barcode] = item
    removed = "DC00005"

    base = page.base_url
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "tinh_cataloguer")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")
    page.goto(base + "/staff/oversight/stocktakes/")
    page.select_option("#st-location", label="Kho mở")
    page.click("text=Bắt đầu kiểm kê")
    page.wait_for_selector("#barcode")

    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    codes = [code for code in shelf_items if code != removed] + ["NOBODY-9"]
    page.focus("#barcode")
    for code in codes:
        page.keyboard.type(code.lower(), delay=3)
        page.keyboard.press("Enter")
        page.wait_for_timeout(350)
    wait_for_js(
        page,
        "() => !document.querySelector('#stocktake-log .outcome-queued')", timeout=20000
    )
    log = page.inner_text("#stocktake-log")
    assert log.count("Đúng chỗ") == 7 and "Không có mã vạch này" in log
    assert "DC00007" in log  # the code as the library writes it, whatever the scanner's case
    assert page.inner_text("#st-missing") == "1"
    assert page.inner_text("#stocktake-missing tbody").split()[0] == removed
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/thuvien-browser-stocktake.png", full_page=True)

    page.reload()
    assert removed in page.inner_text("#stocktake-missing")
    page.click("text=Kết thúc kiểm kê")
    page.wait_for_load_state()
    assert "Đã kết thúc" in page.content()
    with scopes_disabled():
        assert Item.objects.get(barcode=removed).status == ItemStatus.LOST
        on_shelf = Item.objects.filter(barcode__startswith="DC", status=ItemStatus.AVAILABLE)
        assert on_shelf.count() == 7


@pytest.mark.django_db
def test_without_javascript_each_code_is_a_form_post(world, shelf, staff_client):
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    response = client.post("/staff/oversight/stocktakes/start/", {"location": shelf["stacks"].pk})
    with scopes_disabled():
        st = Stocktake.objects.get(library=world.provincial)
    assert response.status_code == 302 and response["Location"].endswith(f"/{st.pk}/")
    response = client.post(f"/staff/oversight/stocktakes/{st.pk}/scan/", {"barcode": "kk0001"})
    assert response.status_code == 302
    html = client.get(f"/staff/oversight/stocktakes/{st.pk}/").content.decode()
    assert "KK0001: Đúng chỗ" in html
    empty = client.post(f"/staff/oversight/stocktakes/{st.pk}/scan/", {"barcode": ""})
    assert empty.status_code == 302
    page = client.get(f"/staff/oversight/stocktakes/{st.pk}/").content.decode()
    assert "Chưa có mã vạch" in page
    bad = client.post("/staff/oversight/stocktakes/start/", {"location": "abc"})
    assert bad.status_code == 302
