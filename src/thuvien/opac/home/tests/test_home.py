"""The portal home page: a search box and a short list of libraries per network."""

from __future__ import annotations

import pytest

from thuvien.network import services

pytestmark = pytest.mark.django_db


def test_home_page(world, client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'action="/search/"' in body and 'name="q"' in body
    assert "Thư viện tỉnh Hưng Yên" in body and "Thư viện tỉnh Bắc Ninh" in body
    services.setting_set(
        key="portal.home_library_count", value=1, network=world.hung_yen, actor=None
    )
    body = client.get("/").content.decode()
    assert "Thư viện tỉnh Hưng Yên" in body and "Thư viện xã Tiên Lữ" not in body
    assert "/libraries/?network=hung-yen" in body
