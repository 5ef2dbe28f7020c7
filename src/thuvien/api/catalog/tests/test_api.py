"""Records and items over REST: public reads, cataloguers write with a token and X-Library."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from thuvien.catalog.marc.mij import from_pymarc
from thuvien.catalog.models import Record
from thuvien.holdings.services import item_create
from thuvien.staff.catalog.tests.conftest import make_marc


def api_for(user, library_code: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_LIBRARY=library_code)
    return client


def test_public_list_and_detail_with_marc_and_dublin_core(
    world, make_record, django_assert_max_num_queries
):
    record = make_record("Dế Mèn phiêu lưu ký", author="Tô Hoài", isbn="9786042088213")
    make_record("Sách Bắc Ninh", network=world.bac_ninh)
    client = APIClient()
    with django_assert_max_num_queries(3):
        listing = client.get("/api/v1/records/", {"network": "hung-yen"}).json()
    assert [r["title"] for r in listing["results"]] == [record.title]
    assert "marc" not in listing["results"][0]
    assert client.get("/api/v1/records/", {"q": "de men"}).json()["count"] == 1
    detail = client.get(f"/api/v1/records/{record.pk}/").json()
    assert detail["authors"] == ["Tô Hoài"]
    assert detail["marc"]["leader"] and any("245" in f for f in detail["marc"]["fields"])
    assert any("Dế Mèn" in t for t in detail["dublin_core"]["title"])
    assert client.get("/api/v1/records/999999/").status_code == 404


def test_items_per_library_without_barcodes(world, make_record):
    record = make_record()
    item_create(record=record, library=world.provincial, barcode="HY1", call_number="895.9 T450H")
    item_create(record=record, library=world.commune_a, barcode="TL1")
    body = APIClient().get(f"/api/v1/records/{record.pk}/items/").json()
    assert [(i["library"]["code"], i["status"]) for i in body["items"]] == [
        ("HY-TIENLU", "available"),
        ("HY-TINH", "available"),
    ]
    assert "HY1" not in str(body) and "barcode" not in str(body)


def test_cataloguer_creates_and_updates(world):
    api = api_for(world.users["tinh_cataloguer"], "HY-TINH")
    marc = from_pymarc(make_marc("Truyện Kiều", author="Nguyễn Du"))
    created = api.post("/api/v1/records/", {"marc": marc}, format="json")
    assert created.status_code == 201, created.content
    record = Record.objects.get()
    assert record.network == world.hung_yen and created.json()["title"].startswith("Truyện Kiều")
    marc2 = from_pymarc(make_marc("Truyện Kiều (bản mới)", author="Nguyễn Du"))
    updated = api.put(f"/api/v1/records/{record.pk}/", {"marc": marc2}, format="json")
    assert updated.status_code == 200
    record.refresh_from_db()
    assert record.title.startswith("Truyện Kiều (bản mới)")


def test_invalid_marc_gives_every_problem_and_saves_nothing(world):
    api = api_for(world.users["tinh_cataloguer"], "HY-TINH")
    marc = from_pymarc(make_marc("X"))
    marc["leader"] = "short"
    marc["fields"].append({"245": {"ind1": "9", "ind2": "0", "subfields": [{"a": "Hai"}]}})
    response = api.post("/api/v1/records/", {"marc": marc}, format="json")
    assert response.status_code == 400
    messages = [p["message"] for p in response.json()["problems"]]
    assert any("24 ký tự" in m for m in messages)
    assert any("Trường 245 không lặp lại" in m for m in messages)
    assert api.post("/api/v1/records/", {"marc": "nope"}, format="json").status_code == 400
    assert Record.objects.count() == 0


@pytest.mark.parametrize(
    ("user", "library", "status"),
    [
        ("tinh_circulation", "HY-TINH", 403),  # no CATALOGUE
        ("tinh_cataloguer", "HY-TIENLU", 403),  # not their library
        ("hy_oversight", "HY-TINH", 403),  # reads only
        ("tinh_cataloguer", "NOPE", 404),
    ],
)
def test_write_access(world, user, library, status):
    api = api_for(world.users[user], library)
    marc = from_pymarc(make_marc("X"))
    assert api.post("/api/v1/records/", {"marc": marc}, format="json").status_code == status
    assert APIClient().post("/api/v1/records/", {"marc": marc}, format="json").status_code in (
        401,
        403,
    )


def test_another_networks_record_cannot_be_updated(world, make_record):
    theirs = make_record("Sách Bắc Ninh", network=world.bac_ninh)
    api = api_for(world.users["tinh_cataloguer"], "HY-TINH")
    marc = from_pymarc(make_marc("Đổi tên"))
    assert (
        api.put(f"/api/v1/records/{theirs.pk}/", {"marc": marc}, format="json").status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.title.startswith("Sách Bắc Ninh")


def test_a_body_that_is_not_json_is_refused_in_vietnamese(world):
    api = api_for(world.users["tinh_cataloguer"], "HY-TINH")
    response = api.post("/api/v1/records/", data="not json{", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "parse_error",
        "detail": "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở dòng 1, cột 1).",
    }
    api.cookies["thuvien_language"] = "en"
    english = api.post("/api/v1/records/", data='{"marc": ', content_type="application/json")
    assert english.status_code == 400
    assert english.json() == {
        "code": "parse_error",
        "detail": "The request body is not valid JSON (error at line 1, column 10).",
    }
    assert Record.objects.count() == 0
