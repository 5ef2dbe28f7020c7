"""The public directory, a library's page and the home page: anonymous, tone marks optional."""

from __future__ import annotations

import datetime as dt

import pytest

from thuvien.network import services

pytestmark = pytest.mark.django_db


def test_directory_lists_active_libraries_anonymously(world, client):
    response = client.get("/libraries/")
    assert response.status_code == 200
    body = response.content.decode()
    for lib in world.libraries:
        assert lib.name_vi in body
    services.library_deactivate(library=world.commune_a, actor=None)
    assert "Thư viện xã Tiên Lữ" not in client.get("/libraries/").content.decode()
    assert client.get("/libraries/HY-TIENLU/").status_code == 404


@pytest.mark.parametrize("q", ["tien lu", "Tiên Lữ", "TIEN LU", "tiên lu"])
def test_name_search_works_with_and_without_tone_marks(world, client, q):
    body = client.get("/libraries/", {"q": q}).content.decode()
    assert "Thư viện xã Tiên Lữ" in body
    assert "Thư viện tỉnh Bắc Ninh" not in body


def test_filters_by_type_area_and_network(world, client):
    body = client.get("/libraries/", {"type": "school"}).content.decode()
    assert "Thư viện trường THPT Hưng Yên" in body and "Thư viện xã Tiên Lữ" not in body
    body = client.get("/libraries/", {"commune": "Phố Hiến"}).content.decode()
    assert "Thư viện phường Phố Hiến" in body and "Thư viện xã Tiên Lữ" not in body
    body = client.get("/libraries/", {"province": "Bắc Ninh"}).content.decode()
    assert "Thư viện tỉnh Bắc Ninh" in body and "Thư viện tỉnh Hưng Yên" not in body
    body = client.get("/libraries/", {"network": "bac-ninh"}).content.decode()
    assert "Thư viện tỉnh Bắc Ninh" in body and "Thư viện xã Tiên Lữ" not in body
    # Nonsense filters give an empty or full list, never an error.
    assert client.get("/libraries/", {"type": "castle", "page": "x"}).status_code == 200


def test_library_page(world, client):
    lib = world.commune_a
    services.library_update(
        library=lib,
        latitude="20.684",
        longitude="106.141",
        phone="0221 3 555 666",
        actor=None,
    )
    services.opening_hours_set(
        library=lib, week={d: [(dt.time(8), dt.time(11))] for d in range(6)}, actor=None
    )
    services.closed_day_add(
        network=world.hung_yen, date=dt.date(2027, 9, 2), reason="Quốc khánh", actor=None
    )
    services.closed_day_add(library=lib, date=dt.date(2027, 3, 8), reason="Kiểm kê", actor=None)
    response = client.get("/libraries/HY-TIENLU/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "https://www.openstreetmap.org/?mlat=20.684000&amp;mlon=106.141000" in body
    assert "08:00–11:00" in body and "Chủ nhật" in body
    assert "Quốc khánh" in body and "Kiểm kê" in body
    assert "Thư viện tỉnh Hưng Yên" in body  # its parent
    assert "tel:02213555666" in body
    assert "<iframe" not in body and "tile" not in body
    parent = client.get("/libraries/HY-TINH/").content.decode()
    assert "Thư viện xã Tiên Lữ" in parent and "Thư viện phường Phố Hiến" in parent  # branches
    assert client.get("/libraries/NO-SUCH/").status_code == 404


def test_map_link_can_be_switched_off(world, client):
    services.library_update(library=world.commune_a, latitude="20.6", longitude="106.1", actor=None)
    services.setting_set(
        key="portal.show_map_link", value=False, network=world.hung_yen, actor=None
    )
    assert "openstreetmap" not in client.get("/libraries/HY-TIENLU/").content.decode()
