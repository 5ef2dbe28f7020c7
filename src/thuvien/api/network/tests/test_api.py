"""The network API: public reads, writes for network admins only (token or session), schema."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thuvien.core.models import AuditEntry
from thuvien.network import services
from thuvien.network.models import Library

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def api():
    return APIClient()


def _token_client(user) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_public_reads_anonymously(world, api):
    networks = api.get(f"{API}networks/").json()
    assert {n["code"] for n in networks["results"]} == {"hung-yen", "bac-ninh"}
    assert api.get(f"{API}networks/hung-yen/").json()["province"] == "Hưng Yên"
    libs = api.get(f"{API}libraries/").json()
    assert libs["count"] == 5
    one = api.get(f"{API}libraries/HY-TIENLU/").json()
    assert one["parent"] == "HY-TINH" and one["network"] == "hung-yen"
    locs = api.get(f"{API}libraries/HY-TIENLU/locations/").json()
    assert [loc["code"] for loc in locs] == ["kho"]
    assert api.get(f"{API}libraries/NO-SUCH/").status_code == 404
    assert api.get(f"{API}groups/").status_code == 200


def test_library_filters(world, api):
    def codes(**params):
        return sorted(r["code"] for r in api.get(f"{API}libraries/", params).json()["results"])

    assert codes(type="school") == ["HY-THPT"]
    assert codes(network="bac-ninh") == ["BN-TINH"]
    assert codes(q="tien lu") == ["HY-TIENLU"]
    assert codes(q="Tiên Lữ") == ["HY-TIENLU"]
    assert codes(network="no-such") == []
    # An unknown type is the client's mistake, said so (it silently found nothing before).
    refused = api.get(f"{API}libraries/", {"type": "castle"})
    assert refused.status_code == 400 and refused.json()["field"] == "type"
    group = services.group_create(network=world.hung_yen, code="xa", name_vi="Xã", actor=None)
    services.group_set_libraries(group=group, libraries=[world.commune_a], actor=None)
    assert codes(group=group.pk) == ["HY-TIENLU"]
    groups = api.get(f"{API}groups/", {"network": "hung-yen"}).json()["results"]
    assert groups[0]["libraries"] == ["HY-TIENLU"]
    # Inactive libraries are not public.
    services.library_deactivate(library=world.school, actor=None)
    assert codes(type="school") == []
    assert api.get(f"{API}libraries/HY-THPT/").status_code == 404


NEW = {
    "code": "HY-ANTHI",
    "name_vi": "Thư viện xã Ân Thi",
    "library_type": "commune",
    "network": "hung-yen",
    "parent": "HY-TINH",
    "commune": "Ân Thi",
}


def test_writes_need_the_capability(world, api, staff_client):
    assert api.post(f"{API}libraries/", NEW, format="json").status_code == 403
    assert api.patch(f"{API}libraries/HY-TIENLU/", {"phone": "1"}, format="json").status_code == 403
    for name in ("tinh_library_admin", "hy_oversight", "tinh_cataloguer"):
        client = _token_client(world.users[name])
        assert client.post(f"{API}libraries/", NEW, format="json").status_code == 403
        response = client.patch(f"{API}libraries/HY-TIENLU/", {"phone": "1"}, format="json")
        assert response.status_code == 403
    assert api.post(f"{API}networks/", {"code": "x"}, format="json").status_code in (403, 405)
    assert not Library.objects.filter(code="HY-ANTHI").exists()
    world.commune_a.refresh_from_db()
    assert world.commune_a.phone == ""


def test_network_admin_writes_with_a_token(world):
    client = _token_client(world.users["hy_admin"])
    response = client.post(f"{API}libraries/", NEW, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == "HY-TINH"
    lib = Library.objects.get(code="HY-ANTHI")
    assert lib.placements.count() == 1
    assert AuditEntry.objects.filter(
        action="network.library.created", actor=world.users["hy_admin"]
    )
    response = client.patch(f"{API}libraries/HY-ANTHI/", {"phone": "0221 3 888 999"}, format="json")
    assert response.status_code == 200 and response.json()["phone"] == "0221 3 888 999"
    # Rules of the services come back as 400 with a stable code and the field.
    response = client.post(f"{API}libraries/", NEW, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "duplicate_code" and response.json()["field"] == "code"
    response = client.post(f"{API}libraries/", {**NEW, "code": "X", "name_vi": ""}, format="json")
    assert response.status_code == 400 and "name_vi" in response.json()
    # Another network's library: refused.
    response = client.patch(f"{API}libraries/BN-TINH/", {"phone": "1"}, format="json")
    assert response.status_code == 403
    response = client.post(
        f"{API}libraries/",
        {**NEW, "code": "BN-X", "network": "bac-ninh", "parent": None},
        format="json",
    )
    assert response.status_code == 403
    response = client.post(
        f"{API}libraries/", {**NEW, "code": "HY-X", "parent": "BN-TINH"}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "parent_other_network"


def test_schema_has_the_network_paths(world, api):
    response = api.get(f"{API}schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json() if response["content-type"].startswith("application/json") else None
    if schema is None:
        import yaml

        schema = yaml.safe_load(response.content)
    paths = schema["paths"]
    for path in (
        "/api/v1/networks/",
        "/api/v1/networks/{code}/",
        "/api/v1/libraries/",
        "/api/v1/libraries/{code}/",
        "/api/v1/libraries/{code}/locations/",
        "/api/v1/groups/",
    ):
        assert path in paths, path
    assert "post" in paths["/api/v1/libraries/"]


def test_schema_generation_has_no_warnings_for_network_views():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=None, urlconf="thuvien.api.network.urls")
    generator.get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
