"""What the result page says about where it searches: a stale scope link, a group scope,
groups of two networks with one name; and no empty promises ("on the shelf 0",
"held by 0 libraries")."""

from __future__ import annotations

import re

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.holdings.models import ItemStatus
from thuvien.network.models import LibraryGroup
from thuvien.search.tests.factories import make_item, make_record

pytestmark = pytest.mark.django_db


def _html(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def catalogue(world):
    a = make_record(world.hung_yen, "Lịch sử Hưng Yên", year=2001)
    b = make_record(world.hung_yen, "Lịch sử Phố Hiến", year=1990)
    c = make_record(world.bac_ninh, "Lịch sử Bắc Ninh", year=1995)
    make_item(a, world.provincial)
    make_item(b, world.school, status=ItemStatus.ON_LOAN)
    make_item(c, world.bn_provincial)
    outbox_drain()
    return a, b, c


def test_an_unknown_library_code_is_named_and_the_search_widens(client, catalogue):
    html = _html(client, q="lich su", library="NOPE")
    assert "Không có thư viện mã “NOPE”: kết quả là của toàn mạng lưới." in html
    assert "1–3 trong 3 kết quả" in html
    assert "Không có nhóm" in _html(client, q="lich su", group="abc")
    assert "Không có mạng lưới" in _html(client, q="lich su", network="zzz")
    assert "Không có" not in _html(client, q="lich su", library="HY-TINH")


def test_a_group_scope_is_shown_in_the_menu_and_as_a_chip(client, world, catalogue):
    group = LibraryGroup.objects.create(
        network=world.hung_yen, code="schools", name_vi="Khối trường"
    )
    group.libraries.add(world.school)
    html = _html(client, q="lich su", group=str(group.pk))
    assert '<option value="">Khối trường</option>' in html  # not "Toàn mạng lưới"
    menu = re.search(r'<select id="scope".*?</select>', html, re.S).group(0)
    assert world.school.code in menu and world.provincial.code not in menu
    assert "Phạm vi: Khối trường" in html and 'href="?q=lich+su"' in html  # the chip leaves it
    assert "1–1 trong 1 kết quả" in html


def test_groups_of_two_networks_with_one_name_are_told_apart(client, world):
    places = ((world.hung_yen, world.provincial), (world.bac_ninh, world.bn_provincial))
    for network, library in places:
        group = LibraryGroup.objects.create(network=network, code="tt", name_vi="Trung tâm")
        group.libraries.add(library)
        make_item(make_record(network, "Lịch sử trung tâm", year=2000), library)
    outbox_drain()
    html = _html(client, q="lich su trung tam")
    assert f"Trung tâm ({world.hung_yen.name_vi})" in html
    assert f"Trung tâm ({world.bac_ninh.name_vi})" in html


def test_nothing_on_the_shelf_shows_no_availability_filter(client, world):
    record = make_record(world.hung_yen, "Nhật ký đi mượn", year=2000)
    make_item(record, world.provincial, status=ItemStatus.ON_LOAN)
    outbox_drain()
    assert "Có sẵn trên giá" not in _html(client, q="nhat ky di muon")


def test_a_work_without_copies_is_not_held_by_zero_libraries(client, world):
    for year in (2001, 2002):
        make_record(world.hung_yen, "Tác phẩm chưa có bản", year=year, work_key="work:none")
    outbox_drain()
    html = _html(client, q="tac pham chua co ban")
    assert "2 biểu ghi của tác phẩm này" in html and "có tại 0 thư viện" not in html


def test_a_doubled_operator_is_named(client, catalogue):
    html = _html(client, q="lich OR OR su")
    assert "cần có từ cần tìm ở cả hai phía" in html


@pytest.mark.parametrize(
    "params,said",
    [
        ({"year": "abc"}, "Bỏ qua khoảng năm “abc”: không có khoảng năm này."),
        ({"year": "2020-1990"}, "Bỏ qua khoảng năm “2020-1990”: không có khoảng năm này."),
        ({"sort": "xyz"}, "Bỏ qua cách sắp xếp “xyz”: kết quả xếp theo mức độ phù hợp."),
        ({"start": "-1"}, "Bỏ qua vị trí “-1”: kết quả bắt đầu từ đầu."),
        ({"start": "abc"}, "Bỏ qua vị trí “abc”: kết quả bắt đầu từ đầu."),
        ({"lib": "x<b>"}, "Bỏ qua bộ lọc thư viện “x&lt;b&gt;”: không phải mã thư viện."),
    ],
)
def test_a_junk_parameter_is_named_and_left_out(client, catalogue, params, said):
    """A hand-edited or mangled link (year=abc, sort=xyz, start=-1) is not silently dropped:
    the page says what it left out and searches without it (never a 500)."""
    html = _html(client, q="lich su", **params)
    assert said in html
    assert "1–3 trong 3 kết quả" in html


def test_good_parameters_say_nothing_of_the_kind(client, catalogue):
    html = _html(client, q="lich su", year="1986-1999", sort="title", start="0", lib="1")
    assert "Bỏ qua khoảng" not in html and "Bỏ qua cách" not in html
    assert "Bỏ qua vị trí" not in html and "Bỏ qua bộ lọc" not in html


def test_a_junk_parameter_is_named_in_english_too(client, catalogue):
    client.cookies["thuvien_language"] = "en"
    html = _html(client, q="lich su", sort="xyz", year="abc")
    assert "Left out the order “xyz”: results are sorted by relevance." in html
    assert "Left out the year range “abc”: there is no such range." in html
