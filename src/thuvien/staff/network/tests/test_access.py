"""Who may see and change what under /staff/network/: another library's objects answer 404."""

from __future__ import annotations

import datetime as dt

import pytest

from thuvien.network.models import ClosedDay, Location, SettingValue

pytestmark = pytest.mark.django_db

BASE = "/staff/network/"


def test_network_admin_sees_the_tree(world, staff_client):
    client = staff_client(world.users["hy_admin"], world.provincial)
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Thư viện xã Tiên Lữ" in body and "Thêm thư viện" in body
    assert "Thư viện tỉnh Bắc Ninh" not in body


def test_tree_search_without_tone_marks_and_htmx_fragment(world, staff_client):
    client = staff_client(world.users["hy_admin"], world.provincial)
    response = client.get(BASE, {"q": "tien lu"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Tiên Lữ" in body and "Phố Hiến" not in body and "<html" not in body


def test_oversight_reads_but_cannot_write(world, staff_client):
    client = staff_client(world.users["hy_oversight"], world.provincial)
    assert client.get(BASE).status_code == 200
    assert "Thêm thư viện" not in client.get(BASE).content.decode()
    page = client.get(f"{BASE}libraries/HY-TIENLU/").content.decode()
    assert "Thư viện xã Tiên Lữ" in page and "Sửa thông tin" not in page
    assert "Lưu giờ mở cửa" not in client.get(f"{BASE}libraries/HY-TIENLU/hours/").content.decode()
    assert "Lưu thiết lập" not in client.get(f"{BASE}settings/").content.decode()
    assert client.get(f"{BASE}groups/").status_code == 200
    assert client.get(f"{BASE}libraries/new/").status_code == 403
    response = client.post(f"{BASE}libraries/HY-TIENLU/edit/", {"name_vi": "Đổi tên"})
    assert response.status_code == 403
    response = client.post(f"{BASE}closed-days/", {"date": "2027-03-08"})
    assert response.status_code == 403
    assert not ClosedDay.objects.exists()


def test_other_staff_are_refused(world, staff_client, client):
    assert client.get(BASE).status_code == 302  # anonymous: to the login page
    client = staff_client(world.users["tinh_cataloguer"], world.provincial)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}libraries/HY-TINH/").status_code == 403


def test_library_admin_sees_only_his_library(world, staff_client):
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    body = client.get(BASE).content.decode()
    assert "Thư viện tỉnh Hưng Yên" in body and "Thư viện xã Tiên Lữ" not in body
    assert client.get(f"{BASE}libraries/HY-TINH/").status_code == 200
    assert client.get(f"{BASE}groups/").status_code == 403
    assert client.get(f"{BASE}settings/").status_code == 403
    assert client.get(f"{BASE}libraries/new/").status_code == 403
    assert client.get(f"{BASE}libraries/HY-TINH/move/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "libraries/{code}/",
        "libraries/{code}/edit/",
        "libraries/{code}/locations/new/",
        "libraries/{code}/locations/{loc}/",
        "libraries/{code}/hours/",
        "libraries/{code}/closed-days/",
        "libraries/{code}/settings/",
    ],
)
def test_library_admin_gets_404_for_another_library(world, staff_client, path):
    other = world.commune_a
    loc = Location.objects.get(library=other).pk
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    url = BASE + path.format(code=other.code, loc=loc)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name_vi": "X", "code": "x", "date": "2027-01-02"}).status_code == 404
    # A location of another library reached through one's own library code: 404 too.
    own = BASE + f"libraries/{world.provincial.code}/locations/{loc}/"
    assert client.get(own).status_code == 404
    assert not ClosedDay.objects.exists() and not SettingValue.objects.exists()
    assert Location.objects.get(pk=loc).name_vi == "Kho mở"


def test_library_admin_cannot_delete_another_librarys_closed_day(world, staff_client):
    import datetime as dt

    from thuvien.network import services

    day = services.closed_day_add(library=world.commune_a, date=dt.date(2027, 3, 8), actor=None)
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    url = f"{BASE}libraries/HY-TIENLU/closed-days/{day.pk}/delete/"
    assert client.post(url).status_code == 404
    url = f"{BASE}libraries/HY-TINH/closed-days/{day.pk}/delete/"
    assert client.post(url).status_code == 404
    assert ClosedDay.objects.filter(pk=day.pk).exists()


def test_network_admin_of_another_network_gets_404(world, staff_client):
    from thuvien.accounts.models import Membership, Role, User

    user = User.objects.create_user(username="bn_admin", password="mat-khau-dai-123")
    Membership.objects.create(
        user=user, network=world.bac_ninh, role=Role.objects.get(code="network_admin")
    )
    client = staff_client(user, world.bn_provincial)
    assert client.get(f"{BASE}libraries/HY-TIENLU/").status_code == 404
    assert client.get(f"{BASE}libraries/HY-TIENLU/move/").status_code == 404
    assert client.get(f"{BASE}libraries/BN-TINH/").status_code == 200


def test_removing_a_closed_day_asks_first(world, staff_client):
    from thuvien.network.services import closed_day_add

    day = closed_day_add(
        library=world.provincial,
        date=dt.date(2027, 3, 8),
        reason="Họp cơ quan",
        actor=world.users["tinh_library_admin"],
    )
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    url = f"{BASE}libraries/HY-TINH/closed-days/{day.pk}/delete/"
    assert url in client.get(f"{BASE}libraries/HY-TINH/closed-days/").content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "08/03/2027 · Họp cơ quan" in page.content.decode()
    assert ClosedDay.objects.filter(pk=day.pk).exists()
    client.post(url)
    assert not ClosedDay.objects.filter(pk=day.pk).exists()
