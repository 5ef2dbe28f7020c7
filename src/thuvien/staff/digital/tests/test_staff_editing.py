"""The digitisation librarian edits an object: metadata, page order, a replaced page, the
thumbnail, chapters, collections, publication and access grants. Each test acts through the
staff pages as the librarian does (forms posted without JavaScript), then checks what a reader
and the audit log see; another library's object stays a 404."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.core.models import AuditEntry, OutboxEntry
from thuvien.digital.models import (
    AccessGrant,
    Collection,
    DigitalFile,
    DigitalObject,
    FileEvent,
    Page,
)
from thuvien.digital.services import digital_ingest
from thuvien.digital.tests.booklet import page_image

pytestmark = pytest.mark.django_db

SIZES = [(300, 200), (320, 220), (340, 240)]


@pytest.fixture
def obj(world, tmp_path, record):
    """A three-page object of the provincial library whose pages differ in size."""
    folder = tmp_path / "scans"
    folder.mkdir()
    for n, size in enumerate(SIZES, start=1):
        page_image(f"Trang {n}", folder / f"{n:03d}.png", size=size, font_size=20)
    with scopes_disabled():
        report = digital_ingest(paths=[folder], library=world.provincial, title="Sách thử")
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        obj.record = record
        obj.save(update_fields=["record"])
        return obj


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _widths(obj):
    with scopes_disabled():
        return [p.width for p in Page.all_objects.filter(obj=obj).order_by("seq")]


def _actions(obj):
    return list(AuditEntry.objects.filter(object_id=str(obj.pk)).values_list("action", flat=True))


def _tile_width(client, obj, seq):
    info = client.get(f"/iiif/3/image/{obj.pk}-{seq}/info.json")
    assert info.status_code == 200
    return info.json()["width"]


def test_move_a_page_down_and_up_without_javascript(world, digitiser, obj):
    client = _client(digitiser)
    page = client.get(f"/staff/digital/{obj.pk}/pages/")
    assert page.status_code == 200
    assert "Chuyển xuống" in page.content.decode()
    with scopes_disabled():
        first = Page.all_objects.get(obj=obj, seq=1)
    response = client.post(f"/staff/digital/{obj.pk}/pages/move", {"page": first.pk,
                                                                   "direction": "down"})
    assert response.status_code == 302
    assert f"moved={first.pk}:down" in response["Location"]
    assert _widths(obj) == [320, 300, 340]
    # the tiles follow the page: image 2 is now the old first page
    assert _tile_width(client, obj, 2) == 300
    assert _tile_width(client, obj, 1) == 320
    client.post(f"/staff/digital/{obj.pk}/pages/move", {"page": first.pk, "direction": "up"})
    assert _widths(obj) == [300, 320, 340]
    # the first page cannot go further up: a message, nothing changes
    response = client.post(f"/staff/digital/{obj.pk}/pages/move",
                           {"page": first.pk, "direction": "up"}, follow=True)
    assert _widths(obj) == [300, 320, 340]
    assert "digital.page.reordered" in _actions(obj)
    assert OutboxEntry.objects.filter(topic="catalog.record", object_id=obj.record_id).exists()


def test_reorder_by_full_order(world, digitiser, obj):
    client = _client(digitiser)
    with scopes_disabled():
        ids = list(Page.all_objects.filter(obj=obj).order_by("seq").values_list("pk", flat=True))
    response = client.post(f"/staff/digital/{obj.pk}/pages/order",
                           {"order": ",".join(str(i) for i in reversed(ids))})
    assert response.status_code == 302
    assert _widths(obj) == [340, 320, 300]
    # an order that leaves a page out, or names another object's page, is refused whole
    response = client.post(f"/staff/digital/{obj.pk}/pages/order", {"order": f"{ids[0]}"})
    assert response.status_code == 400
    assert _widths(obj) == [340, 320, 300]
    response = client.post(f"/staff/digital/{obj.pk}/pages/order", {"order": "1,x,<script>"})
    assert response.status_code == 400


def test_replace_a_page_keeps_the_old_master(world, digitiser, obj, tmp_path,
                                            django_capture_on_commit_callbacks):
    client = _client(digitiser)
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj, seq=2)
        old_file = page.file
    new = page_image("Trang làm lại", tmp_path / "new.png", size=(400, 260), font_size=20)
    response = client.post(f"/staff/digital/{obj.pk}/pages/{page.pk}/replace", {
        "file": SimpleUploadedFile("new.png", new.read_bytes(), "image/png"),
    })
    assert response.status_code == 302, response.content.decode()[:500]
    assert _widths(obj) == [300, 400, 340]
    assert _tile_width(client, obj, 2) == 400
    with scopes_disabled():
        page.refresh_from_db()
        old_file.refresh_from_db()
        assert page.file_id != old_file.pk
        assert old_file.replaced and old_file.replaced_by_id == page.file_id
        assert default_storage.exists(old_file.storage_name)  # the old master is kept
        assert FileEvent.all_objects.filter(file=old_file, kind="replaced").exists()
        assert page.file.screened_at is not None
        assert page.file.events.filter(kind="screening").exists()
    assert "digital.page.replaced" in _actions(obj)
    # the old version stays in the fixity audit
    from thuvien.digital.tasks import fixity_enqueue

    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        job = fixity_enqueue(library=world.provincial, user=digitiser, check_all=True)
    job.refresh_from_db()
    assert job.result["checked"] == 4, (job.status, job.result, job.message)
    with scopes_disabled():
        assert FileEvent.all_objects.filter(file=old_file, kind="fixity").exists()


def test_replace_with_a_file_that_is_not_an_image_changes_nothing(world, digitiser, obj):
    client = _client(digitiser)
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj, seq=1)
        files = DigitalFile.all_objects.filter(obj=obj).count()
    response = client.post(f"/staff/digital/{obj.pk}/pages/{page.pk}/replace", {
        "file": SimpleUploadedFile("trang.png", b"<html><script>alert(1)</script>",
                                   "image/png"),
    })
    assert response.status_code == 400
    assert "không" in response.content.decode().lower()
    assert _widths(obj) == [300, 320, 340]
    with scopes_disabled():
        assert DigitalFile.all_objects.filter(obj=obj).count() == files


def test_set_the_thumbnail(world, digitiser, obj):
    client = _client(digitiser)
    with scopes_disabled():
        third = Page.all_objects.get(obj=obj, seq=3)
    response = client.post(f"/staff/digital/{obj.pk}/thumbnail", {"page": third.pk})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.thumbnail_page_id == third.pk
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    assert f"/iiif/3/image/{obj.pk}-3-{third.image_version}/" in manifest["thumbnail"][0]["id"]
    assert "digital.object.thumbnail_set" in _actions(obj)


def test_chapters_show_in_the_manifest(world, digitiser, obj):
    client = _client(digitiser)
    response = client.post(f"/staff/digital/{obj.pk}/structure",
                           {"label": "Chương 1. Phố Hiến", "first_seq": 1, "last_seq": 2})
    assert response.status_code == 302
    response = client.post(f"/staff/digital/{obj.pk}/structure",
                           {"label": "Chương 2", "first_seq": 3, "last_seq": 3})
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    labels = [r["label"]["vi"][0] for r in manifest["structures"]]
    assert labels == ["Chương 1. Phố Hiến", "Chương 2"]
    assert len(manifest["structures"][0]["items"]) == 2
    # pages outside the object: a clear error, nothing saved
    response = client.post(f"/staff/digital/{obj.pk}/structure",
                           {"label": "Sai", "first_seq": 3, "last_seq": 9})
    assert response.status_code == 400
    with scopes_disabled():
        rng = obj.ranges.get(label="Chương 2")
    client.post(f"/staff/digital/{obj.pk}/structure/{rng.pk}/delete")
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    assert [r["label"]["vi"][0] for r in manifest["structures"]] == ["Chương 1. Phố Hiến"]
    assert "digital.range.created" in _actions(obj)


def test_publish_and_unpublish(world, digitiser, obj):
    client = _client(digitiser)
    assert Client().get(f"/iiif/3/{obj.pk}/manifest").status_code in (401, 403)
    client.post(f"/staff/digital/{obj.pk}/publish", {"published": "1"})
    assert Client().get(f"/iiif/3/{obj.pk}/manifest").status_code == 200
    client.post(f"/staff/digital/{obj.pk}/publish", {"published": "0"})
    assert Client().get(f"/iiif/3/{obj.pk}/manifest").status_code in (401, 403)
    actions = _actions(obj)
    assert "digital.object.published" in actions and "digital.object.unpublished" in actions


def test_edit_dublin_core_rights_and_licence(world, digitiser, obj):
    client = _client(digitiser)
    page = client.get(f"/staff/digital/{obj.pk}/metadata")
    assert page.status_code == 200
    assert "Tác giả" in page.content.decode()
    response = client.post(f"/staff/digital/{obj.pk}/metadata", {
        "title": "Phố Hiến xưa", "object_type": "book", "language": "vie",
        "dcterms_creator": "Nguyễn Văn A\nTrần Thị B", "dcterms_date": "1925",
        "dcterms_subject": "Hưng Yên -- Lịch sử",
        "rights_status": "public_domain",
        "licence": "https://creativecommons.org/publicdomain/mark/1.0/",
    })
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.dc["dcterms:creator"] == ["Nguyễn Văn A", "Trần Thị B"]
    assert obj.rights_status == "public_domain"
    manifest = client.get(f"/iiif/3/{obj.pk}/manifest").json()
    assert manifest["rights"] == "http://creativecommons.org/publicdomain/mark/1.0/"
    # a javascript: URL or an unknown licence is refused with a message; nothing changes
    for bad in ("javascript:alert(1)", "https://example.org/my-licence"):
        response = client.post(f"/staff/digital/{obj.pk}/metadata", {
            "title": "Đổi", "object_type": "book", "language": "vie",
            "rights_status": "public_domain", "licence": bad,
        })
        assert response.status_code == 400
    obj.refresh_from_db()
    assert obj.title == "Phố Hiến xưa"


def test_collections_and_sub_collections(world, digitiser, obj):
    client = _client(digitiser)
    response = client.post("/staff/digital/collections/new", {
        "code": "dia-chi", "title_vi": "Địa chí Hưng Yên", "title_en": "Hung Yen local history",
    })
    assert response.status_code == 302
    with scopes_disabled():
        parent = Collection.objects.get(code="dia-chi")
    assert parent.library_id == world.provincial.pk
    client.post("/staff/digital/collections/new", {
        "code": "pho-hien", "title_vi": "Phố Hiến", "parent": parent.pk})
    with scopes_disabled():
        child = Collection.objects.get(code="pho-hien")
    assert child.parent_id == parent.pk
    # the same code again: a clear error
    response = client.post("/staff/digital/collections/new",
                           {"code": "dia-chi", "title_vi": "Trùng"})
    assert response.status_code == 400
    # add the object to the sub-collection, then remove it
    client.post(f"/staff/digital/{obj.pk}/collections", {"collection": child.pk,
                                                          "op": "add"})
    assert list(obj.collections.values_list("code", flat=True)) == ["pho-hien"]
    listing = client.get(f"/staff/digital/collections/{child.pk}/")
    assert "Sách thử" in listing.content.decode()
    client.post(f"/staff/digital/{obj.pk}/collections", {"collection": child.pk,
                                                          "op": "remove"})
    assert not obj.collections.exists()
    # a network-wide collection needs a network role
    response = client.post("/staff/digital/collections/new",
                           {"code": "toan-mang", "title_vi": "Toàn mạng", "scope": "network"})
    assert response.status_code == 403
    admin = _client(world.users["hy_admin"])
    admin.get("/staff/")  # choose the network
    response = admin.post("/staff/digital/collections/new",
                          {"code": "toan-mang", "title_vi": "Toàn mạng", "scope": "network"})
    with scopes_disabled():
        assert Collection.objects.get(code="toan-mang").library_id is None
    # another library's staff do not see the provincial collection
    other = _client(world.users["bn_library_admin"])
    assert other.get(f"/staff/digital/collections/{child.pk}/").status_code == 404


def test_access_grant_to_a_named_reader(world, digitiser, obj):
    from thuvien.accounts.models import User
    from thuvien.circulation.tests.factories import make_patron
    from thuvien.digital.access import Decision, access_decide

    with scopes_disabled():
        user = User.objects.create_user(username="doc_gia", password="mat-khau-dai-123",
                                        full_name="Lê Văn Đọc", email="d@example.org")
        patron = make_patron(world.provincial)
        patron.user = user
        patron.save(update_fields=["user"])
    client = _client(digitiser)
    client.post(f"/staff/digital/{obj.pk}/", {"title": obj.title, "access": "restricted",
                                              "published": "on"})
    obj.refresh_from_db()
    assert access_decide(obj=obj, user=user, ip=None) is Decision.DENY
    response = client.post(f"/staff/digital/{obj.pk}/grants",
                           {"card_number": patron.card_number, "until": ""})
    assert response.status_code == 302
    assert access_decide(obj=obj, user=user, ip=None) is Decision.ALLOW
    # an unknown card: a clear message
    response = client.post(f"/staff/digital/{obj.pk}/grants", {"card_number": "KHONG-CO"})
    assert response.status_code == 400
    with scopes_disabled():
        grant = AccessGrant.all_objects.get(obj=obj)
    client.post(f"/staff/digital/{obj.pk}/grants/{grant.pk}/delete")
    assert access_decide(obj=obj, user=user, ip=None) is Decision.DENY
    assert "digital.grant.added" in _actions(obj)
    assert "digital.grant.removed" in _actions(obj)


def test_another_library_cannot_edit(world, obj):
    other = _client(world.users["bn_library_admin"])
    with scopes_disabled():
        page = Page.all_objects.get(obj=obj, seq=1)
    for url in (f"/staff/digital/{obj.pk}/pages/", f"/staff/digital/{obj.pk}/metadata"):
        assert other.get(url).status_code == 404
    assert other.post(f"/staff/digital/{obj.pk}/pages/move",
                      {"page": page.pk, "direction": "down"}).status_code == 404
    assert other.post(f"/staff/digital/{obj.pk}/thumbnail", {"page": page.pk}).status_code == 404
    assert _widths(obj) == [300, 320, 340]
    circ = _client(world.users["tinh_circulation"])
    assert circ.get(f"/staff/digital/{obj.pk}/pages/").status_code == 403
