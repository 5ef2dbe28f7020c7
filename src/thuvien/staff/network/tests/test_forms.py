"""Every staff form: bad input gives a Vietnamese message per field and saves nothing; good
input goes through the service."""

from __future__ import annotations

import datetime as dt

import pytest

from thuvien.accounts.models import Membership, Role
from thuvien.core.models import AuditEntry
from thuvien.network import services
from thuvien.network.models import (
    ClosedDay,
    Library,
    LibraryGroup,
    LibraryPlacement,
    Location,
    Network,
    NetworkMerge,
    OpeningHours,
    SettingValue,
)

pytestmark = pytest.mark.django_db

BASE = "/staff/network/"


@pytest.fixture
def admin(world, staff_client):
    return staff_client(world.users["hy_admin"], world.provincial)


@pytest.fixture
def lib_admin(world, staff_client):
    return staff_client(world.users["tienlu_library_admin"], world.commune_a)


def _snapshot():
    """Everything a network form could write, to show that a refused form wrote nothing."""
    return (
        list(Library.objects.order_by("pk").values()),
        list(Location.objects.order_by("pk").values()),
        list(LibraryGroup.objects.order_by("pk").values()),
        list(LibraryPlacement.objects.order_by("pk").values()),
        list(OpeningHours.objects.order_by("pk").values()),
        list(ClosedDay.objects.order_by("pk").values()),
        list(SettingValue.objects.order_by("pk").values()),
        list(Network.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _refused(client, url, data, *messages):
    before = _snapshot()
    response = client.post(url, data)
    assert response.status_code in (200, 400), response.status_code
    body = response.content.decode()
    assert "Chưa lưu được" in body
    for message in messages:
        assert message in body, message
    assert _snapshot() == before
    return body


GOOD_LIBRARY = {
    "code": "HY-ANTHI",
    "name_vi": "Thư viện xã Ân Thi",
    "library_type": "commune",
    "parent": "",
    "province": "Hưng Yên",
    "commune": "Ân Thi",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": ""}, "Trường này không được để trống."),
        ({"code": "HY-TINH"}, "đã được dùng"),
        ({"code": "ân thi"}, "Mã chỉ gồm chữ cái không dấu"),
        ({"name_vi": "  "}, "Trường này không được để trống."),
        ({"library_type": "castle"}, "Hãy chọn một loại thư viện trong danh sách."),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"website": "thuvien"}, "Địa chỉ trang web không hợp lệ."),
        ({"latitude": "200"}, "90"),
        ({"longitude": "abc"}, "Nhập một số"),
    ],
)
def test_library_create_bad_input(admin, change, message):
    _refused(admin, f"{BASE}libraries/new/", {**GOOD_LIBRARY, **change}, message)


def test_library_create_parent_of_another_network_is_refused(world, admin):
    data = {**GOOD_LIBRARY, "parent": world.bn_provincial.pk}
    _refused(admin, f"{BASE}libraries/new/", data, "phải là thư viện của mạng lưới này")


def test_library_create_and_edit(world, admin):
    response = admin.post(f"{BASE}libraries/new/", {**GOOD_LIBRARY, "parent": world.provincial.pk})
    assert response.status_code == 302
    lib = Library.objects.get(code="HY-ANTHI")
    assert lib.parent == world.provincial and lib.placements.count() == 1
    url = f"{BASE}libraries/HY-ANTHI/edit/"
    _refused(admin, url, {"name_vi": "", "library_type": "commune"}, "không được để trống")
    response = admin.post(
        url, {"name_vi": "Thư viện xã Ân Thi mới", "library_type": "commune", "phone": "0221"}
    )
    assert response.status_code == 302
    lib.refresh_from_db()
    assert lib.name_vi == "Thư viện xã Ân Thi mới" and lib.phone == "0221"


def test_library_admin_edits_his_own_library(world, lib_admin):
    url = f"{BASE}libraries/HY-TIENLU/edit/"
    assert lib_admin.get(url).status_code == 200
    _refused(
        lib_admin,
        url,
        {"name_vi": "X", "library_type": "commune", "email": "@@"},
        "Địa chỉ thư điện tử không hợp lệ.",
    )
    response = lib_admin.post(
        url, {"name_vi": "Thư viện xã Tiên Lữ", "library_type": "commune", "address": "Thôn Thủ Sỹ"}
    )
    assert response.status_code == 302
    world.commune_a.refresh_from_db()
    assert world.commune_a.address == "Thôn Thủ Sỹ"


def test_move_form(world, admin):
    url = f"{BASE}libraries/HY-TINH/move/"
    body = _refused(
        admin,
        url,
        {"network": world.hung_yen.pk, "parent": world.commune_a.pk},
        "Không thể chuyển thư viện vào chính nó",
    )
    assert "parent" in body
    _refused(admin, url, {"network": world.bac_ninh.pk, "parent": ""}, "Hãy chọn một mạng lưới bạn")
    _refused(
        admin,
        url,
        {"network": world.hung_yen.pk, "parent": "", "effective_on": "31/02/2027"},
        "Nhập một ngày hợp lệ",
    )
    url = f"{BASE}libraries/HY-TIENLU/move/"
    response = admin.post(
        url, {"network": world.hung_yen.pk, "parent": world.school.pk, "reason": "Sắp xếp lại"}
    )
    assert response.status_code == 302
    world.commune_a.refresh_from_db()
    assert world.commune_a.parent == world.school


def test_deactivate_confirmation(world, admin):
    url = f"{BASE}libraries/HY-TINH/status/"
    assert admin.get(url).status_code == 200
    before = _snapshot()
    response = admin.post(url)
    assert response.status_code == 400
    assert "đơn vị trực thuộc" in response.content.decode()
    assert _snapshot() == before
    assert admin.post(f"{BASE}libraries/HY-THPT/status/").status_code == 302
    world.school.refresh_from_db()
    assert not world.school.is_active


def test_location_forms(world, lib_admin):
    url = f"{BASE}libraries/HY-TIENLU/locations/new/"
    _refused(lib_admin, url, {"code": "kho", "name_vi": "Kho 2", "kind": "stacks"}, "đã có vị trí")
    _refused(
        lib_admin,
        url,
        {"code": "", "name_vi": "", "kind": "stacks"},
        "Trường này không được để trống.",
    )
    _refused(
        lib_admin,
        url,
        {"code": "doc", "name_vi": "Phòng đọc", "kind": "attic"},
        "Hãy chọn một loại vị trí",
    )
    response = lib_admin.post(
        url, {"code": "doc", "name_vi": "Phòng đọc", "kind": "reading_room", "is_public": "on"}
    )
    assert response.status_code == 302
    loc = Location.objects.get(library=world.commune_a, code="doc")
    url = f"{BASE}libraries/HY-TIENLU/locations/{loc.pk}/"
    _refused(lib_admin, url, {"name_vi": "", "kind": "reading_room"}, "không được để trống")
    assert (
        lib_admin.post(url, {"name_vi": "Phòng đọc chung", "kind": "reading_room"}).status_code
        == 302
    )
    loc.refresh_from_db()
    assert loc.name_vi == "Phòng đọc chung" and not loc.is_public


def test_hours_form(world, lib_admin):
    url = f"{BASE}libraries/HY-TIENLU/hours/"
    assert lib_admin.get(url).status_code == 200
    _refused(
        lib_admin,
        url,
        {"d0_open0": "11:00", "d0_close0": "08:00"},
        "Giờ đóng cửa phải sau giờ mở cửa.",
    )
    _refused(lib_admin, url, {"d1_open0": "08:00"}, "Hãy nhập cả giờ mở cửa và giờ đóng cửa.")
    _refused(lib_admin, url, {"d2_open0": "25:99", "d2_close0": "11:00"}, "Giờ không hợp lệ")
    _refused(
        lib_admin,
        url,
        {"d3_open0": "08:00", "d3_close0": "11:00", "d3_open1": "10:00", "d3_close1": "12:00"},
        "không được chồng lên nhau",
    )
    data = {}
    for d in range(6):
        data |= {
            f"d{d}_open0": "07:30",
            f"d{d}_close0": "11:30",
            f"d{d}_open1": "13:30",
            f"d{d}_close1": "17:00",
        }
    assert lib_admin.post(url, data).status_code == 302
    assert OpeningHours.objects.filter(library=world.commune_a).count() == 12


def test_closed_day_forms(world, lib_admin, admin):
    url = f"{BASE}libraries/HY-TIENLU/closed-days/"
    _refused(lib_admin, url, {"date": ""}, "Trường này không được để trống.")
    _refused(lib_admin, url, {"date": "30/02/2027"}, "Ngày không hợp lệ")
    assert lib_admin.post(url, {"date": "2027-03-08", "reason": "Họp"}).status_code == 302
    _refused(lib_admin, url, {"date": "08/03/2027"}, "đã có trong danh sách ngày nghỉ")
    day = ClosedDay.objects.get(library=world.commune_a)
    assert lib_admin.post(f"{url}{day.pk}/delete/").status_code == 302
    assert not ClosedDay.objects.exists()
    # Network-wide holidays, by the network admin.
    url = f"{BASE}closed-days/"
    assert admin.post(url, {"date": "2027-09-02", "reason": "Quốc khánh"}).status_code == 302
    _refused(admin, url, {"date": "2027-09-02"}, "đã có trong danh sách ngày nghỉ")
    _refused(admin, url, {"date": "hôm nay"}, "Ngày không hợp lệ")
    assert "Quốc khánh" in lib_admin.get(f"{BASE}libraries/HY-TIENLU/").content.decode()


def test_settings_forms(world, lib_admin, admin):
    url = f"{BASE}libraries/HY-TIENLU/settings/"
    assert lib_admin.get(url).status_code == 200
    _refused(
        lib_admin,
        url,
        {"portal.home_library_count": "tám", "portal.closed_days_shown": "3"},
        "phải là số nguyên",
    )
    assert lib_admin.post(url, {"portal.closed_days_shown": "3"}).status_code == 302
    assert SettingValue.objects.get(library=world.commune_a).value == 3
    url = f"{BASE}settings/"
    _refused(admin, url, {"portal.closed_days_shown": "1.5"}, "phải là số nguyên")
    _refused(admin, url, {"portal.show_map_link": "maybe"}, "Hãy chọn một giá trị trong danh sách.")
    assert admin.post(url, {"portal.show_map_link": "false"}).status_code == 302
    row = SettingValue.objects.get(library__isnull=True, key="portal.show_map_link")
    assert row.value is False and row.network == world.hung_yen


def test_group_forms(world, admin):
    url = f"{BASE}groups/new/"
    _refused(admin, url, {"code": "", "name_vi": ""}, "Trường này không được để trống.")
    _refused(
        admin,
        url,
        {"code": "xa", "name_vi": "Xã", "libraries": [world.bn_provincial.pk]},
        "Thư viện không thuộc mạng lưới này.",
    )
    data = {"code": "xa", "name_vi": "Thư viện xã", "libraries": [world.commune_a.pk]}
    assert admin.post(url, data).status_code == 302
    group = LibraryGroup.objects.get(code="xa")
    _refused(admin, url, data, "đã có nhóm mã")
    url = f"{BASE}groups/{group.pk}/"
    _refused(admin, url, {"name_vi": "", "libraries": []}, "không được để trống")
    data = {"name_vi": "Thư viện xã, phường", "libraries": [world.commune_a.pk, world.commune_b.pk]}
    assert admin.post(url, data).status_code == 302
    assert group.libraries.count() == 2
    assert "Thư viện xã, phường" in admin.get(f"{BASE}groups/").content.decode()


def test_merge_with_confirmation(world, admin):
    hy_admin = world.users["hy_admin"]
    tb = services.network_create(
        code="thai-binh", name_vi="Mạng lưới Thái Bình", province="Thái Bình", actor=None
    )
    services.library_create(
        network=tb,
        code="TB-TINH",
        name_vi="Thư viện tỉnh Thái Bình",
        library_type="provincial",
        actor=None,
    )
    url = f"{BASE}merge/"
    # Not yet admin of Thái Bình: it is not offered and cannot be posted.
    assert "Mạng lưới Thái Bình" not in admin.get(url).content.decode()
    _refused(admin, url, {"source": tb.pk, "confirm": "True"}, "Bạn không quản trị mạng lưới này.")
    Membership.objects.create(
        user=hy_admin, network=tb, role=Role.objects.get(code="network_admin")
    )
    hy_admin.__dict__.pop("_thuvien_access", None)
    _refused(admin, url, {"source": ""}, "Hãy chọn mạng lưới được sáp nhập.")
    before = _snapshot()
    preview = admin.post(url, {"source": tb.pk, "note": "NQ 202/2025/QH15"})
    body = preview.content.decode()
    assert "Thư viện tỉnh Thái Bình" in body and "Xác nhận sáp nhập" in body
    assert "0 bản tài liệu" in body and "0 bạn đọc" in body
    assert _snapshot() == before  # the preview writes nothing
    response = admin.post(url, {"source": tb.pk, "note": "NQ 202/2025/QH15", "confirm": "True"})
    assert response.status_code == 302
    tb.refresh_from_db()
    assert tb.merged_into == world.hung_yen
    assert NetworkMerge.objects.get().note == "NQ 202/2025/QH15"
    assert Library.objects.get(code="TB-TINH").network == world.hung_yen
    # The library's page shows its history.
    body = admin.get(f"{BASE}libraries/TB-TINH/").content.decode()
    assert "Mạng lưới Thái Bình" in body


def test_library_page_lists_its_parts(world, admin):
    services.opening_hours_set(
        library=world.commune_a, week={0: [(dt.time(8), dt.time(11))]}, actor=None
    )
    body = admin.get(f"{BASE}libraries/HY-TIENLU/").content.decode()
    assert "08:00–11:00" in body and "Kho mở" in body and "Thư viện tỉnh Hưng Yên" in body


def test_network_edit_form(world, admin, staff_client):
    url = f"{BASE}edit/"
    _refused(
        admin, url, {"name_vi": " ", "province": "Hưng Yên"}, "Trường này không được để trống."
    )
    response = admin.post(url, {"name_vi": "Mạng lưới thư viện Hưng Yên", "province": "Hưng Yên"})
    assert response.status_code == 302
    world.hung_yen.refresh_from_db()
    assert world.hung_yen.name_vi == "Mạng lưới thư viện Hưng Yên"
    oversight = staff_client(world.users["hy_oversight"], world.provincial)
    assert oversight.get(url).status_code == 403
