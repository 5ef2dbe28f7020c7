"""Who may see what (issue 19): every path × every visibility level × every kind of viewer.

One world is built per module (libraries at each visibility level, a hidden and a restricted
copy, a hidden location; readers and staff of each kind) and indexed once. Each case asks a
real path (the portal, the APIs, OAI-PMH, SIP2, feeds) as one viewer and checks the answer:
present, or absent exactly as a record that does not exist (status, totals, facet counts).

The expected table below is written out by hand, not computed by the rule under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

pytestmark = pytest.mark.django_db

WORD = "kyvisib"  # in every title: a search that finds every record of the world
# record key -> (unique title word, holding copies [(library key, item visibility, location)])
RECORDS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "public": ("alphavis", [("prov", "normal", "kho")]),
    "readers": ("bravovis", [("tienlu", "normal", "kho")]),
    "staff": ("charlievis", [("phohien", "normal", "kho")]),
    "own": ("deltavis", [("bchqs", "normal", "kho")]),
    "mixed": ("echovis", [("prov", "normal", "kho"), ("bchqs", "normal", "kho")]),
    "hidden_item": ("foxtrotvis", [("prov", "hidden", "kho")]),
    "hidden_loc": ("golfvis", [("prov", "normal", "an")]),
    "restricted": ("hotelvis", [("prov", "restricted", "kho")]),
}
VIEWERS = ("anonymous", "reader", "other_staff", "owner_staff", "bn_staff")
# record -> the viewers who see it ("owner_staff" is staff of the library that holds it:
# BCHQS for "own", the provincial library for the hidden copy and location)
SEES: dict[str, set[str]] = {
    "public": set(VIEWERS),
    "readers": {"reader", "other_staff", "owner_staff"},  # logged-in readers of Hưng Yên
    "staff": {"other_staff", "owner_staff"},  # staff of the Hưng Yên network
    "own": {"owner_staff"},
    "mixed": set(VIEWERS),
    "hidden_item": {"owner_staff"},
    "hidden_loc": {"owner_staff"},
    "restricted": set(VIEWERS),
}
# whose staff "owner_staff" is, per record
OWNER = {"own": "bchqs", "hidden_item": "prov", "hidden_loc": "prov"}
# libraries each viewer may see in facets and library pages (issue's four levels)
LIB_SEES = {
    "anonymous": {"prov", "bn"},
    "reader": {"prov", "tienlu", "bn"},
    "other_staff": {"prov", "tienlu", "phohien", "bn"},
    "bn_staff": {"prov", "bn"},
}


@dataclass
class VWorld:
    libs: dict[str, Any]
    records: dict[str, Any]
    items: dict[str, list[Any]]
    users: dict[str, Any]
    clients: dict[tuple[str, str], Client] = field(default_factory=dict)
    group_id: int = 0
    digital: dict[str, int] = field(default_factory=dict)

    def client(self, viewer: str, record: str = "own") -> Client:
        """A client logged in as ``viewer`` (owner staff of the record's library)."""
        key = (viewer, OWNER.get(record, "bchqs") if viewer == "owner_staff" else "")
        found = self.clients.get(key)
        if found is None:
            found = self.clients[key] = Client()
            user = self.user(viewer, record)
            if user is not None:
                found.force_login(user)
        return found

    def user(self, viewer: str, record: str = "own") -> Any:
        if viewer == "owner_staff":
            return self.users[f"owner_{OWNER.get(record, 'bchqs')}"]
        return self.users.get(viewer)

    def sees(self, viewer: str, record: str) -> bool:
        if viewer == "owner_staff" and record not in OWNER:
            # the owner of BCHQS is staff of the Hưng Yên network too
            return record in {"public", "readers", "staff", "mixed", "restricted"}
        return viewer in SEES[record]


@pytest.fixture(scope="module")
def vw(django_db_setup, django_db_blocker, tmp_path_factory):
    from thuvien.accounts.models import Membership, Role, User
    from thuvien.conftest import build_world
    from thuvien.core.outbox import outbox_drain
    from thuvien.holdings.services import (
        item_visibility_set,
        library_visibility_set,
        location_visibility_set,
    )
    from thuvien.network.models import LibraryType, Location
    from thuvien.network.services import library_create
    from thuvien.patrons.models import Patron
    from thuvien.search.tests.factories import make_item, make_record

    index_dir = tmp_path_factory.mktemp("visibility-index")
    with override_settings(SEARCH_INDEX_DIR=index_dir), django_db_blocker.unblock():
        with transaction.atomic(), scopes_disabled():
            w = build_world()
            admin = w.users["hy_admin"]
            bchqs = library_create(
                network=w.hung_yen,
                code="HY-BCHQS",
                name_vi="Thư viện Bộ Chỉ huy Quân sự tỉnh",
                library_type=LibraryType.ARMED_FORCES,
                actor=admin,
            )
            Location.objects.create(library=bchqs, code="kho", name_vi="Kho")
            Location.objects.create(library=w.provincial, code="an", name_vi="Kho mật")
            from thuvien.network.models import LibraryGroup

            group = LibraryGroup.objects.create(
                network=w.hung_yen, code="quan-doan", name_vi="Nhóm thư viện kiểm thử"
            )
            group.libraries.set([w.provincial, w.commune_a, w.commune_b, bchqs])
            from thuvien.network.models import FeaturedCollection

            FeaturedCollection.objects.create(
                network=w.hung_yen, title_vi="Bộ sưu tập mạng lưới kiểm thử", query=WORD
            )
            FeaturedCollection.objects.create(
                network=w.hung_yen, library=bchqs, title_vi="Tủ sách truyền thống", query=WORD
            )
            libs = {
                "prov": w.provincial,
                "tienlu": w.commune_a,
                "phohien": w.commune_b,
                "bchqs": bchqs,
                "bn": w.bn_provincial,
            }
            library_visibility_set(library=w.commune_a, visibility="network_readers", actor=admin)
            library_visibility_set(library=w.commune_b, visibility="network_staff", actor=admin)
            roles = {r.code: r for r in Role.objects.all()}
            users: dict[str, Any] = {}
            for key, lib in (("owner_bchqs", bchqs), ("owner_prov", w.provincial)):
                users[key] = User.objects.create_user(username=f"vis_{key}", password="x" * 12)
                Membership.objects.create(
                    user=users[key], network=lib.network, library=lib, role=roles["cataloguer"]
                )
            users["other_staff"] = w.users["tienlu_cataloguer"]
            users["bn_staff"] = w.users["bn_cataloguer"]
            from thuvien.circulation.tests.factories import make_patron

            patron = make_patron(w.commune_b)
            users["reader"] = User.objects.create_user(username="vis_reader", password="x" * 12)
            Patron.objects.filter(pk=patron.pk).update(user=users["reader"])
            records, items = {}, {}
            if True:
                for key, (word, copies) in RECORDS.items():
                    rec = make_record(
                        w.hung_yen, f"{word} {WORD} sách", subjects=["Quân sự địa phương"]
                    )
                    records[key] = rec
                    items[key] = []
                    for lib_key, vis, loc_code in copies:
                        lib = libs[lib_key]
                        item = make_item(
                            rec,
                            lib,
                            acquired_on=timezone.localdate(),
                            location=Location.objects.get(library=lib, code=loc_code),
                        )
                        if vis != "normal":
                            item_visibility_set(item=item, visibility=vis, actor=admin)
                        items[key].append(item)
                location_visibility_set(
                    location=Location.objects.get(library=w.provincial, code="an"),
                    visibility="hidden",
                    actor=admin,
                )
            outbox_drain()
            world = VWorld(libs, records, items, users)
            # logged in here, inside the module's transaction: a session written inside a test
            # would be rolled back with it
            world.group_id = group.pk
            from thuvien.digital.models import DigitalObject

            for key, lib in (("own", bchqs), ("public", w.provincial)):
                world.digital[key] = DigitalObject.all_objects.create(
                    library=lib,
                    network=w.hung_yen,
                    record=records[key],
                    title=f"{RECORDS[key][0]} số hoá",
                    access="open",
                    published=True,
                    ingest_complete=True,
                ).pk
            for viewer in VIEWERS:
                for record in ("own", "hidden_item"):
                    world.client(viewer, record)
            yield world
            transaction.set_rollback(True)


CASES = [(r, v) for r in RECORDS for v in VIEWERS]


def _same_page(content: bytes, pk: int) -> str:
    """A page with what differs per request (the CSRF token, its own address) masked."""
    text = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", content.decode())
    return text.replace(f"/search/record/{pk}/", "/search/record/PK/")


def _ids_in(html: str) -> set[int]:
    return {int(x) for x in re.findall(r"/search/record/(\d+)/", html)}


@pytest.mark.parametrize(("record", "viewer"), CASES)
def test_portal_search_and_record_page(vw, record, viewer):
    rec = vw.records[record]
    client = vw.client(viewer, record)
    sees = vw.sees(viewer, record)
    word = RECORDS[record][0]
    html = client.get("/search/", {"q": word}).content.decode()
    assert (rec.pk in _ids_in(html)) is sees
    api = client.get("/api/v1/search/", {"q": word}).json()
    assert api["total"] == (1 if sees else 0)
    # absent exactly as a word that finds nothing
    if not sees:
        nothing = client.get("/api/v1/search/", {"q": "khongcogica"}).json()
        assert {k: v for k, v in api.items() if k not in ("q", "took_ms")} == {
            k: v for k, v in nothing.items() if k not in ("q", "took_ms")
        }
    page = client.get(f"/search/record/{rec.pk}/")
    assert page.status_code == (200 if sees else 404)
    if not sees:
        missing = client.get("/search/record/99999999/")
        assert _same_page(page.content, rec.pk) == _same_page(missing.content, 99999999)
    else:
        body = page.content.decode()
        assert '"@type"' in body  # JSON-LD is on the page it belongs to
        if record == "restricted":
            assert "Đọc hạn chế" in body


@pytest.mark.parametrize(("record", "viewer"), CASES)
def test_rest_api_records_and_items(vw, record, viewer):
    rec = vw.records[record]
    client = vw.client(viewer, record)
    sees = vw.sees(viewer, record)
    assert client.get(f"/api/v1/records/{rec.pk}/").status_code == (200 if sees else 404)
    items = client.get(f"/api/v1/records/{rec.pk}/items/")
    assert items.status_code == (200 if sees else 404)
    listed = client.get("/api/v1/records/", {"network": "hung-yen", "limit": 100}).json()
    assert (rec.pk in {r["id"] for r in listed["results"]}) is sees
    if sees and record == "mixed" and viewer != "owner_staff":
        codes = {i["library"]["code"] for i in items.json()["items"]}
        assert codes == {"HY-TINH"}  # the armed forces' copy is not told


@pytest.mark.parametrize("viewer", VIEWERS)
def test_facets_and_totals_count_only_what_the_viewer_sees(vw, viewer):
    client = vw.client(viewer)
    data = client.get("/api/v1/search/", {"q": WORD}).json()
    expected = {r for r in RECORDS if vw.sees(viewer, r)}
    if viewer == "owner_staff":  # staff of BCHQS: not the provincial library's hidden copies
        expected -= {"hidden_item", "hidden_loc"}
    assert data["total"] == len(expected)
    facets = {
        name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()
    }
    libs = facets.get("lib", {})
    shown = {k for k, lib in vw.libs.items() if str(lib.pk) in libs}
    if viewer in LIB_SEES:
        assert shown <= LIB_SEES[viewer]
        assert str(vw.libs["bchqs"].pk) not in libs
        assert "armed_forces" not in facets.get("ltype", {})
        # the provincial library counts its shown copies only (not the hidden copy/location)
        assert libs[str(vw.libs["prov"].pk)] == 3  # public, mixed, restricted
    else:  # staff of BCHQS: its own library is counted
        assert libs[str(vw.libs["bchqs"].pk)] == 2  # own, mixed
    # a hidden library chosen as a filter or a scope finds nothing, as an unknown one
    hidden_lib = client.get("/api/v1/search/", {"q": WORD, "lib": vw.libs["bchqs"].pk}).json()
    unknown = client.get("/api/v1/search/", {"q": WORD, "lib": 999999}).json()
    if viewer != "owner_staff":
        assert hidden_lib["total"] == unknown["total"] == 0
        scoped = client.get("/api/v1/search/", {"q": WORD, "library": "HY-BCHQS"}).json()
        stale = client.get("/api/v1/search/", {"q": WORD, "library": "KHONG-CO"}).json()
        assert scoped["total"] == stale["total"] == data["total"]
    else:
        assert hidden_lib["total"] == 2


@pytest.mark.parametrize("viewer", VIEWERS)
def test_library_pages_and_api(vw, viewer):
    client = vw.client(viewer)
    for key, lib in vw.libs.items():
        sees = viewer == "owner_staff" and key in ("prov", "tienlu", "phohien", "bchqs", "bn")
        sees = sees or key in LIB_SEES.get(viewer, set())
        assert client.get(f"/libraries/{lib.code}/").status_code == (200 if sees else 404)
        assert client.get(f"/api/v1/libraries/{lib.code}/").status_code == (
            200 if sees else 404
        )
        listed = client.get("/libraries/").content.decode()
        assert (f"/libraries/{lib.code}/" in listed) is sees


@pytest.mark.parametrize("viewer", VIEWERS)
def test_new_acquisitions_feeds_and_similar(vw, viewer):
    client = vw.client(viewer)
    pages = [
        client.get("/search/new/").content.decode(),
        client.get("/search/new/feed/").content.decode(),
        client.get("/search/new/", {"network": "hung-yen"}).content.decode(),
        client.get("/").content.decode(),
        # "more like this" on the public record's page (every record shares its subject)
        client.get(f"/search/record/{vw.records['public'].pk}/").content.decode(),
    ]
    for record in vw.records:
        if record == "public":
            continue
        word = RECORDS[record][0]
        seen = [word in page for page in pages]
        if not vw.sees(viewer, record):
            assert not any(seen), (record, seen)
    assert client.get("/search/new/", {"library": "HY-BCHQS"}).status_code == (
        200 if viewer == "owner_staff" else 404
    )
    assert client.get("/search/new/feed/", {"library": "HY-BCHQS"}).status_code == (
        200 if viewer == "owner_staff" else 404
    )


@pytest.mark.parametrize("record", list(RECORDS))
def test_oai_pmh_shows_what_the_public_sees(vw, record):
    rec = vw.records[record]
    client = vw.client("anonymous")
    sees = vw.sees("anonymous", record)
    got = client.get(
        "/oai", {"verb": "GetRecord", "identifier": _oai_id(rec.pk), "metadataPrefix": "oai_dc"}
    ).content.decode()
    word = RECORDS[record][0]
    assert (word in got) is sees
    listed = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    listed_text = listed.content.decode()
    assert (word in listed_text) is sees
    if not sees:
        # never shown: as if it never was; shown, then hidden (a copy or a location marked
        # hidden after it was catalogued): a deleted header, no metadata
        once_public = record in ("hidden_item", "hidden_loc")
        assert ("idDoesNotExist" in got) is not once_public
        assert ('status="deleted"' in got) is once_public
        header = re.search(
            r"<header[^>]*>\s*<identifier>" + re.escape(_oai_id(rec.pk)), listed_text
        )
        assert (header is not None) is once_public
        if header:
            assert 'status="deleted"' in header.group(0)
    with_holdings = client.get(
        "/oai", {"verb": "ListRecords", "metadataPrefix": "marc21_withholdings"}
    ).content.decode()
    assert "HY-BCHQS" not in with_holdings
    assert "library:HY-BCHQS" not in client.get("/oai", {"verb": "ListSets"}).content.decode()


def _oai_id(pk: int) -> str:
    from thuvien.oai.views import _identifier

    return _identifier(pk)


@pytest.mark.parametrize(("kiosk", "copy", "found"), [
    ("prov", "own", False),  # a kiosk of another library: as an unknown barcode
    ("bchqs", "own", True),  # its own library's kiosk lends to its own readers
    ("prov", "hidden_item", True),  # the provincial library's own hidden copy
    ("tienlu", "hidden_item", False),
    ("tienlu", "public", True),
])  # fmt: skip
def test_sip2_item_information(vw, kiosk, copy, found):
    from thuvien.sip2.session import Session

    item = vw.items[copy][0]
    session = Session(user=vw.users["owner_prov"], library=vw.libs[kiosk])
    reply = session.handle(f"1720261207    120000AO|AB{item.barcode}|AC|".encode())
    text = reply.decode("utf-8")
    assert (RECORDS[copy][0] in text) is found
    if not found:
        unknown = session.handle(b"1720261207    120000AO|ABKHONGCO999|AC|").decode("utf-8")
        assert text.split("AB", 1)[0][:2] == unknown.split("AB", 1)[0][:2] == "18"
        assert re.sub(r"AB[^|]*\|", "", text)[24:] == re.sub(r"AB[^|]*\|", "", unknown)[24:]



@pytest.mark.parametrize("record", list(RECORDS))
def test_a_reader_places_holds_and_postal_loans_only_on_what_he_sees(vw, record):
    rec = vw.records[record]
    client = vw.client("reader")
    sees = vw.sees("reader", record)
    hold = client.get("/account/holds/place/", {"record": rec.pk})
    assert hold.status_code == (200 if sees else 404)
    postal = client.get("/account/postal/", {"record": rec.pk}).content.decode()
    assert (RECORDS[record][0] in postal) is sees


@pytest.mark.parametrize("record", list(RECORDS))
def test_sru_answers_what_the_public_sees(vw, record):
    """SRU (and the Z39.50 server in front of it) search as an anonymous visitor."""
    word = RECORDS[record][0]
    got = vw.client("anonymous").get(
        "/sru",
        {"operation": "searchRetrieve", "version": "1.2", "query": f"dc.title = {word}",
         "recordSchema": "dc", "maximumRecords": "5"},
    ).content.decode()  # fmt: skip
    count = re.search(r"numberOfRecords>(\d+)<", got)
    assert count is not None, got[:500]
    assert int(count.group(1)) == (1 if vw.sees("anonymous", record) else 0)


def test_open_data_dumps_show_what_the_public_sees(vw):
    """The catalogue dumps carry the public's records; the registry does not name a library
    the public may not see."""
    import gzip

    from django.conf import settings
    from django.core.files.storage import default_storage

    from thuvien.opendata.build import opendata_build

    manifest = opendata_build()
    files = {
        x["file"]: gzip.decompress(
            default_storage.open(f"{settings.OPENDATA_PREFIX}/{x['file']}").read()
        ).decode("utf-8")
        for d in manifest["datasets"]
        for x in d["distributions"]
        if x["file"].endswith(".gz")
    }
    catalogue = files["catalogue-marcxml.xml.gz"]
    for record, (word, _copies) in RECORDS.items():
        assert (word in catalogue) is vw.sees("anonymous", record), record
    registry = "".join(text for name, text in files.items() if name.startswith("libraries"))
    assert "HY-BCHQS" not in registry and "HY-BCHQS" not in catalogue


def _sitemap_locs(client: Client) -> list[str]:
    """Every address of the portal's sitemaps, followed from the index as a crawler does."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and b"<sitemapindex" in index.content
    out: list[str] = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        page = client.get(re.sub(r"^https?://[^/]+", "", loc).replace("&amp;", "&"))
        assert page.status_code == 200, loc
        body = page.content.decode()
        locs = re.findall(r"<loc>([^<]+)</loc>", body)
        assert len(locs) <= 50_000
        if "sitemap-portal" not in loc:  # the portal's own pages have no last change
            assert body.count("<lastmod>") == len(locs), loc
        out += [re.sub(r"^https?://[^/]+", "", x) for x in locs]
    return out


@pytest.mark.parametrize("record", list(RECORDS))
def test_sitemap_lists_what_the_public_sees(vw, record):
    locs = _sitemap_locs(vw.client("anonymous"))
    rec = vw.records[record]
    assert (f"/search/record/{rec.pk}/" in locs) is vw.sees("anonymous", record)


def test_sitemap_library_pages_and_the_switch_to_public(vw):
    from thuvien.holdings.services import library_visibility_set

    client = vw.client("anonymous")
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    locs = _sitemap_locs(client)
    for key, lib in vw.libs.items():
        assert (f"/libraries/{lib.code}/" in locs) is (key in LIB_SEES["anonymous"]), key
    own = f"/search/record/{vw.records['own'].pk}/"
    assert own not in locs
    library_visibility_set(
        library=vw.libs["bchqs"], visibility="public", actor=vw.users["owner_bchqs"]
    )
    locs = _sitemap_locs(client)
    assert own in locs and "/libraries/HY-BCHQS/" in locs


def test_sitemap_lists_the_digital_library_and_its_open_objects(vw):
    """A crawler following /sitemap.xml finds the digital library's page and the viewer of the
    public library's open object; the hidden library's object (404 to the public) is not
    listed, and it is once its library is made public."""
    from thuvien.holdings.services import library_visibility_set

    client = vw.client("anonymous")
    locs = _sitemap_locs(client)
    assert "/digital/" in locs
    assert f"/digital/{vw.digital['public']}/" in locs
    hidden = f"/digital/{vw.digital['own']}/"
    assert hidden not in locs
    for loc in locs:  # every listed page answers the crawler, none is a refusal
        if loc.startswith("/digital/"):
            assert client.get(loc).status_code == 200, loc
    library_visibility_set(
        library=vw.libs["bchqs"], visibility="public", actor=vw.users["owner_bchqs"]
    )
    assert hidden in _sitemap_locs(client)


# Facet counts of the search for WORD, per viewer, written out by hand: library (by key),
# library type and group (every Hưng Yên library but the Bắc Ninh one is in the group). A
# viewer counts exactly the records he sees through a copy of that library, type or group.
# "owner_prov" is staff of the provincial library: its hidden copy and location count for it.
FACET_COUNTS: dict[str, dict[str, dict[str, int]]] = {
    "anonymous": {
        "lib": {"prov": 3},
        "ltype": {"provincial": 3},
        "grp": {"test": 3},
    },
    "reader": {
        "lib": {"prov": 3, "tienlu": 1},
        "ltype": {"provincial": 3, "commune": 1},
        "grp": {"test": 4},
    },
    "other_staff": {
        "lib": {"prov": 3, "tienlu": 1, "phohien": 1},
        "ltype": {"provincial": 3, "commune": 2},
        "grp": {"test": 5},
    },
    "owner_staff": {  # of the Military Command library (hidden: its own staff only)
        "lib": {"prov": 3, "tienlu": 1, "phohien": 1, "bchqs": 2},
        "ltype": {"provincial": 3, "commune": 2, "armed_forces": 2},
        "grp": {"test": 6},
    },
    "owner_prov": {
        "lib": {"prov": 5, "tienlu": 1, "phohien": 1},
        "ltype": {"provincial": 5, "commune": 2},
        "grp": {"test": 7},
    },
    "bn_staff": {
        "lib": {"prov": 3},
        "ltype": {"provincial": 3},
        "grp": {"test": 3},
    },
}
FACET_CASES = [(v, f) for v in FACET_COUNTS for f in ("lib", "ltype", "grp")]


@pytest.mark.parametrize(("viewer", "facet"), FACET_CASES)
def test_library_type_and_group_facets_count_exactly_what_the_viewer_sees(vw, viewer, facet):
    if viewer == "owner_prov":
        client = vw.client("owner_staff", "hidden_item")
    else:
        client = vw.client(viewer)
    data = client.get("/api/v1/search/", {"q": WORD}).json()
    got = {v["value"]: v["count"] for v in data["facets"].get(facet, [])}
    names = {
        "lib": {str(lib.pk): key for key, lib in vw.libs.items()},
        "grp": {str(vw.group_id): "test"},
    }.get(facet, {})
    got = {names.get(k, k): n for k, n in got.items()}
    assert got == FACET_COUNTS[viewer][facet]
    # choosing a value finds as many records as its count said
    for value, count in FACET_COUNTS[viewer][facet].items():
        key = {v: k for k, v in names.items()}.get(value, value)
        chosen = client.get("/api/v1/search/", {"q": WORD, facet: key}).json()
        assert chosen["total"] == count, (value, chosen["total"])


@pytest.mark.parametrize("viewer", VIEWERS)
def test_featured_collections(vw, viewer):
    """A network's collection is a card on the home page whose link finds only what the viewer
    sees; a hidden library's own collection is on its page alone, which only its staff open."""
    import html as html_lib

    client = vw.client(viewer)
    home = client.get("/").content.decode()
    assert "Bộ sưu tập mạng lưới kiểm thử" in home
    assert "Tủ sách truyền thống" not in home
    link = re.search(r'href="(/search/\?[^"]*q=' + WORD + r'[^"]*)"', home)
    assert link is not None
    found = client.get(html_lib.unescape(link.group(1))).content.decode()
    for record, (word, _copies) in RECORDS.items():
        sees = vw.sees(viewer, record)
        if viewer == "owner_staff" and record in OWNER and OWNER[record] == "prov":
            sees = False  # staff of BCHQS: not the provincial library's hidden copies
        assert (word in found) is sees, record
    page = client.get("/libraries/HY-BCHQS/")
    assert page.status_code == (200 if viewer == "owner_staff" else 404)
    assert ("Tủ sách truyền thống" in page.content.decode()) is (viewer == "owner_staff")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_digital_objects(vw, viewer):
    """An open digital object of the hidden library is absent (404 as an unknown id) on the
    viewer page and the IIIF manifest for everyone but its staff; the public library's is open."""
    client = vw.client(viewer)
    unknown = max(vw.digital.values()) + 1000
    for key, pk in vw.digital.items():
        sees = key == "public" or viewer == "owner_staff"
        for path in (f"/digital/{pk}/", f"/iiif/3/{pk}/manifest"):
            got = client.get(path)
            assert got.status_code == (200 if sees else 404), (key, path)
            if not sees:
                missing = client.get(path.replace(str(pk), str(unknown)))
                assert missing.status_code == 404
                assert _same_page(got.content, pk).replace(f"/{pk}/", "/PK/") == _same_page(
                    missing.content, unknown
                ).replace(f"/{unknown}/", "/PK/")
