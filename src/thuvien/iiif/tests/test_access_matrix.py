"""Every path of a digital object obeys its access level: anonymous / reader / staff x open /
registered / restricted / embargoed / on-site, over the viewer page, a tile, info.json, the
manifest, the PDF, content search and the snippet under a portal search result. A refused tile
is 401 or 403 with a JSON body, never an image."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.digital.models import DigitalObject, Page
from thuvien.digital.services import digital_ingest, object_update, page_text_correct
from thuvien.digital.tests.booklet import page_image

LEVELS = ["open", "registered", "restricted", "embargoed", "onsite"]
# who -> levels they may open (on-site: from 203.0.113.7, inside the library's range, as well)
ALLOWED = {
    "anonymous": {"open"},
    "reader": {"open", "registered"},
    "staff": set(LEVELS),
}


@pytest.fixture
def objects(world, tmp_path, record):
    from thuvien.network.services.settings import setting_set

    made = {}
    with scopes_disabled():
        for n, level in enumerate(LEVELS):
            path = page_image(f"Trang {level}", tmp_path / f"{level}.png", size=(320, 240),
                              font_size=24)
            report = digital_ingest(paths=[path], library=world.provincial, publish=True,
                                    title=f"Tài liệu {level}")
            obj = DigitalObject.all_objects.get(pk=report.objects[0])
            values = {"access": "open" if level == "embargoed" else level,
                      "record_id": record.pk}
            if level == "embargoed":
                values["embargo_until"] = timezone.localdate() + timedelta(days=30)
            object_update(obj=obj, actor=None, **values)
            page_text_correct(page=Page.all_objects.get(obj=obj), actor=None,
                              text=f"Cổng thương mại số {n}")
            made[level] = obj
        setting_set(key="digital.onsite_networks", value="203.0.113.0/24",
                    library=world.provincial, actor=None)
    return made


def _clients(world):
    from thuvien.circulation.tests.factories import make_patron

    anonymous = Client()
    with scopes_disabled():
        patron = make_patron(world.provincial)
        from thuvien.accounts.models import User

        user = User.objects.create_user(username="ban_doc", password="mat-khau-dai-123",
                                        full_name="Bạn đọc")
        patron.user = user
        patron.save(update_fields=["user"])
    reader = Client()
    reader.force_login(user)
    staff = Client()
    staff.force_login(world.users["tinh_cataloguer"])
    return {"anonymous": anonymous, "reader": reader, "staff": staff}


def _paths(obj):
    return {
        "viewer": f"/digital/{obj.pk}/",
        "tile": f"/iiif/3/image/{obj.pk}-1/0,0,256,240/256,/0/default.jpg",
        "info": f"/iiif/3/image/{obj.pk}-1/info.json",
        "manifest": f"/iiif/3/{obj.pk}/manifest",
        "pdf": f"/digital/{obj.pk}/pdf",
        "search": f"/iiif/3/{obj.pk}/search?q=thuong+mai",
    }


@pytest.mark.django_db
def test_access_matrix(world, objects):
    clients = _clients(world)
    wrong = []
    for who, client in clients.items():
        for level, obj in objects.items():
            for name, path in _paths(obj).items():
                response = client.get(path)
                allowed = level in ALLOWED[who]
                if allowed and response.status_code != 200:
                    wrong.append((who, level, name, response.status_code))
                if not allowed:
                    expected = 401 if (who, level) == ("anonymous", "registered") else 403
                    if response.status_code != expected:
                        wrong.append((who, level, name, response.status_code, expected))
                    if response.get("Content-Type", "").startswith("image/"):
                        wrong.append((who, level, name, "an image"))
    assert wrong == []


@pytest.mark.django_db
def test_onsite_from_the_library_network(world, objects):
    obj = objects["onsite"]
    inside = Client(REMOTE_ADDR="203.0.113.7")
    outside = Client(REMOTE_ADDR="198.51.100.1")
    for name, path in _paths(obj).items():
        assert inside.get(path).status_code == 200, name
        assert outside.get(path).status_code == 403, name


@pytest.mark.django_db
def test_snippets_under_search_results_follow_access(world, objects, settings):
    from thuvien.core.outbox import outbox_drain

    outbox_drain()
    clients = _clients(world)
    for who, client in clients.items():
        html = client.get("/search/", {"q": "thuong mai"}).content.decode()
        shown = {level for level, obj in objects.items()
                 if f"/digital/{obj.pk}/?q=thuong+mai&amp;page=1" in html}
        assert shown == ALLOWED[who], who


@pytest.mark.django_db
def test_page_hits_in_the_search_api_follow_access(world, objects):
    """The JSON search API carries the page and snippet of each hit (the page index the portal
    reads too): only of objects the caller may open, the others' text never shows."""
    from thuvien.core.outbox import outbox_drain

    outbox_drain()
    level_of = {obj.pk: level for level, obj in objects.items()}
    for who, client in _clients(world).items():
        data = client.get("/api/v1/search/", {"q": "thuong mai"}).json()
        hits = [hit for row in data["results"] for hit in row["fulltext"]]
        assert {level_of[hit["object"]] for hit in hits} == ALLOWED[who], who
        assert all(hit["page"] == 1 and "thương mại" in hit["snippet"] for hit in hits), who
        numbers = {hit["snippet"].rsplit(" ", 1)[-1] for hit in hits}
        assert numbers == {str(LEVELS.index(level)) for level in ALLOWED[who]}, who


@pytest.mark.django_db
def test_embargo_lifts_by_itself(world, objects):
    obj = objects["embargoed"]
    anonymous = Client()
    assert anonymous.get(_paths(obj)["tile"]).status_code == 403
    DigitalObject.all_objects.filter(pk=obj.pk).update(
        embargo_until=timezone.localdate() - timedelta(days=1))
    assert anonymous.get(_paths(obj)["tile"]).status_code == 200


@pytest.mark.django_db
def test_unpublished_and_other_library_staff(world, objects):
    obj = objects["open"]
    object_update(obj=obj, actor=None, published=False)
    assert Client().get(_paths(obj)["manifest"]).status_code == 403
    other = Client()
    other.force_login(world.users["bn_cataloguer"])
    assert other.get(_paths(obj)["tile"]).status_code == 403
    own = Client()
    own.force_login(world.users["tinh_cataloguer"])
    assert own.get(_paths(obj)["tile"]).status_code == 200


@pytest.mark.django_db
def test_a_hidden_librarys_objects_are_refused_to_the_public(world, objects):
    """Issue 19: when the library's holdings are shown to its own staff only (an armed-forces
    library), its open digital objects are refused on every path to the public and to a
    reader, and stay open to its staff."""
    from thuvien.holdings.services import library_visibility_set

    library_visibility_set(library=world.provincial, visibility="own_staff", actor=None)
    clients = _clients(world)
    obj = objects["open"]
    missing = DigitalObject.all_objects.order_by("-pk").first().pk + 1000
    for name, path in _paths(obj).items():
        # absent exactly as an object that does not exist (no 401/403 telling it is there)
        unknown = path.replace(f"/{obj.pk}", f"/{missing}", 1)
        assert clients["anonymous"].get(path).status_code == 404, name
        assert clients["anonymous"].get(unknown).status_code == 404, name
        assert clients["reader"].get(path).status_code == 404, name
        assert clients["staff"].get(path).status_code == 200, name
    # nor does a search show where its words are, in the portal or the API
    from thuvien.core.outbox import outbox_drain

    outbox_drain()
    for who in ("anonymous", "reader"):
        html = clients[who].get("/search/", {"q": "thuong mai"}).content.decode()
        assert f"/digital/{obj.pk}/" not in html and "Cổng thương mại" not in html, who
        data = clients[who].get("/api/v1/search/", {"q": "thuong mai"}).json()
        assert not [h for r in data["results"] for h in r["fulltext"]], who
    staff_html = clients["staff"].get("/search/", {"q": "thuong mai"}).content.decode()
    assert f"/digital/{obj.pk}/?q=thuong+mai&amp;page=1" in staff_html
    library_visibility_set(library=world.provincial, visibility="public", actor=None)
    assert clients["anonymous"].get(_paths(obj)["manifest"]).status_code == 200
