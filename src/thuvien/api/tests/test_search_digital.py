"""The search API answers with the digital library's objects its words find, as the portal's
result page shows them in its "Tài liệu số" box: digitised objects linked to no catalogue record
(a linked one shows under its record's ``fulltext``), only those the caller is shown, a snippet
only from an object he may open; asked for with ``digital=1`` (the API's common search, where no
object matches, pays nothing for it)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_add, outbox_drain
from thuvien.digital.models import DigitalObject
from thuvien.digital.tests.booklet import booklet_folder

pytestmark = pytest.mark.django_db

TITLE = "Làng nghề Hưng Yên tập 1"


def _object(world, title, *, library=None, **values):
    values.setdefault("published", True)
    values.setdefault("ingest_complete", True)
    library = library or world.provincial
    with scopes_disabled():
        obj = DigitalObject.all_objects.create(library=library, network=library.network,
                                               title=title, **values)  # fmt: skip
    with transaction.atomic():
        outbox_add("digital.pages", obj.pk)
    return obj


def _digital(client, **params):
    response = client.get("/api/v1/search/", {"digital": "1", **params})
    assert response.status_code == 200, response.content
    return response.json()["digital"]


def test_the_api_returns_the_objects_the_result_page_shows(
    world, search_index_dir, tmp_path, django_capture_on_commit_callbacks
):
    folder = booklet_folder(tmp_path / "b", title=TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("digital_ingest", str(folder), "--library", "HY-TINH", "--ocr", "vie",
                     "--publish", verbosity=0)  # fmt: skip
    outbox_drain()
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(title=TITLE)
    client = Client()
    for q in ("thuong cang sam uat", "Làng nghề Hưng Yên"):
        page = client.get("/search/", {"q": q}).content.decode()
        assert "Tài liệu số" in page and TITLE in page, q
        found = _digital(client, q=q)
        assert found["total"] == 1, q
        (one,) = found["objects"]
        assert one["id"] == obj.pk and one["title"] == TITLE and one["pages"] == 3
        assert one["library"] == "HY-TINH" and one["opens"] is True
        assert one["url"].startswith(f"/digital/{obj.pk}/?q=")
        assert found["url"].startswith("/digital/?q=")
    # where the words are: the page, a snippet, a link that opens the viewer there
    (hit,) = _digital(client, q="thương cảng sầm uất")["objects"][0]["fulltext"]
    assert hit["page"] == 2 and "thương cảng" in hit["snippet"]
    assert hit["url"].startswith(f"/digital/{obj.pk}/?") and "page=2" in hit["url"]
    # nothing found, a later page, or not asked for: the key is there and says so
    assert _digital(client, q="khủng long bạo chúa") == {"total": 0, "objects": [], "url": None}
    assert _digital(client, q="thuong cang", start="20") is None
    assert client.get("/api/v1/search/", {"q": "thuong cang"}).json()["digital"] is None
    bad = client.get("/api/v1/search/", {"q": "thuong cang", "digital": "yes"})
    assert bad.status_code == 400
    # the schema documents the parameter and the key
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    params = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert "digital" in params
    assert "digital" in schema["components"]["schemas"]["SearchAnswer"]["properties"]


def _titles(client, q="bảo tàng") -> set[str]:
    found = _digital(client, q=q)
    assert found["total"] == len(found["objects"])  # at most three in these cases
    return {o["title"].removesuffix(" bảo tàng") for o in found["objects"]}


def test_the_api_lists_only_what_the_caller_is_shown(world, search_index_dir):
    _object(world, "Sách mở bảo tàng")
    secret = _object(world, "Tài liệu mật bảo tàng", access="restricted")
    _object(world, "Đang cấm bảo tàng",
            embargo_until=datetime.date.today() + datetime.timedelta(days=30))  # fmt: skip
    _object(world, "Chưa công bố bảo tàng", published=False)
    _object(world, "Đọc tại chỗ bảo tàng", access="onsite")
    with scopes_disabled():
        world.school.visibility = "own_staff"
        world.school.save(update_fields=["visibility"])
    _object(world, "Thư viện ẩn bảo tàng", library=world.school)
    outbox_drain()

    client = Client()
    anonymous = _titles(client)
    page = client.get("/search/", {"q": "bảo tàng"}).content.decode()
    assert anonymous == {t for t in ("Sách mở", "Tài liệu mật", "Đang cấm", "Chưa công bố",
                                     "Đọc tại chỗ", "Thư viện ẩn") if t in page}  # fmt: skip
    assert anonymous == {"Sách mở", "Đọc tại chỗ"}
    shown = {o["title"]: o for o in _digital(client, q="bảo tàng")["objects"]}
    # listed, to be read at the library: no text of it, and what it needs
    onsite = shown["Đọc tại chỗ bảo tàng"]
    assert onsite["opens"] is False and onsite["needs"] == "onsite"
    assert onsite["fulltext"] == []
    assert shown["Sách mở bảo tàng"]["opens"] is True and shown["Sách mở bảo tàng"]["needs"] == ""
    assert _titles(client, "tài liệu mật") == set() == _titles(client, "thư viện ẩn")
    # the provincial library's staff see its restricted and embargoed objects
    client.force_login(world.users["tinh_cataloguer"])
    assert _titles(client, "tài liệu mật") == {"Tài liệu mật"}
    assert _titles(client, "đang cấm") == {"Đang cấm"}
    assert _titles(client, "thư viện ẩn") == set()
    # the school's own staff see the school's hidden library, not another's restricted object
    client.force_login(world.users["thpt_cataloguer"])
    assert _titles(client, "thư viện ẩn") == {"Thư viện ẩn"}
    assert _titles(client, "tài liệu mật") == set()
    # through a token too (DRF's own cycle)
    with scopes_disabled():
        from rest_framework.authtoken.models import Token

        token, _ = Token.objects.get_or_create(user=world.users["tinh_cataloguer"])
    bearer = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert [o["id"] for o in _digital(bearer, q="tài liệu mật")["objects"]] == [secret.pk]
