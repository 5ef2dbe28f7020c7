"""Core API: tokens (with the lock-out), who am I, memberships scoped, docs without a CDN, and
the anonymous throttle."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from thuvien.accounts.models import Membership


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_token_then_me(api, world):
    response = api.post(
        "/api/v1/auth/token/", {"username": "tienlu_library_admin", "password": "mat-khau-dai-123"}
    )
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api.get("/api/v1/me/").json()
    assert me["username"] == "tienlu_library_admin"
    assert [lib["code"] for lib in me["libraries"]] == ["HY-TIENLU"]
    assert "can_administer_library" in me["libraries"][0]["capabilities"]
    assert me["networks"] == []


@pytest.mark.django_db
def test_network_admin_me_lists_network_capabilities(api, world):
    api.force_authenticate(world.users["hy_admin"])
    me = api.get("/api/v1/me/").json()
    assert me["networks"][0]["code"] == "hung-yen"
    assert "can_administer_network" in me["networks"][0]["capabilities"]


@pytest.mark.django_db
def test_token_refuses_bad_passwords_and_locks(api, world):
    for _ in range(5):
        bad = api.post("/api/v1/auth/token/", {"username": "tinh_cataloguer", "password": "sai"})
        assert bad.status_code == 400
    assert bad.json()["code"] == "locked"
    locked = api.post(
        "/api/v1/auth/token/", {"username": "tinh_cataloguer", "password": "mat-khau-dai-123"}
    )
    assert locked.status_code == 400 and locked.json()["code"] == "locked"


@pytest.mark.django_db
def test_me_needs_a_login(api, world):
    assert api.get("/api/v1/me/").status_code in (401, 403)


@pytest.mark.django_db
def test_memberships_of_another_library_are_invisible(api, world):
    api.force_authenticate(world.users["tienlu_library_admin"])
    rows = api.get("/api/v1/memberships/").json()["results"]
    assert {r["library"] for r in rows} == {"HY-TIENLU"}
    other = Membership.objects.get(user=world.users["phohien_cataloguer"])
    assert api.get(f"/api/v1/memberships/{other.pk}/").status_code == 404
    assert api.get("/api/v1/memberships/", {"library": world.commune_b.pk}).json()["results"] == []
    own = Membership.objects.get(user=world.users["tienlu_cataloguer"])
    assert api.get(f"/api/v1/memberships/{own.pk}/").json()["username"] == "tienlu_cataloguer"


@pytest.mark.django_db
def test_network_admin_sees_network_memberships(api, world):
    api.force_authenticate(world.users["hy_admin"])
    rows = api.get("/api/v1/memberships/", {"limit": 200}).json()["results"]
    libraries = {r["library"] for r in rows}
    assert "HY-PHOHIEN" in libraries and None in libraries and "BN-TINH" not in libraries


@pytest.mark.django_db
def test_docs_are_served_without_a_cdn(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html and "//cdn" not in html
    assert "/static/drf_spectacular_sidecar/" in html
    import re

    assets = re.findall(r'"(/static/drf_spectacular_sidecar/[^"]+)"', html)
    assert assets
    for src in assets:
        assert client.get(src).status_code == 200, src
    assert client.get("/api/v1/schema/").status_code == 200


@pytest.mark.django_db
def test_anonymous_throttle_answers_429(api, world, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "token": "1000/min"})
    codes = [
        api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code
        for _ in range(4)
    ]
    assert codes[:3] == [400, 400, 400] and codes[3] == 429
    cache.clear()


@pytest.mark.django_db
def test_network_admin_gets_a_token_only_with_totp(api, world):
    import pyotp

    body = {"username": "hy_admin", "password": "mat-khau-dai-123"}
    refused = api.post("/api/v1/auth/token/", body)
    assert refused.status_code == 400 and refused.json()["code"] == "totp_not_enrolled"
    user = world.users["hy_admin"]
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.date_joined
    user.save()
    assert api.post("/api/v1/auth/token/", body).json()["code"] == "totp_invalid"
    ok = api.post("/api/v1/auth/token/", {**body, "code": pyotp.TOTP(user.totp_secret).now()})
    assert ok.status_code == 200 and ok.json()["token"]
