"""The digital library at /digital/ as a visitor meets it (audit6 item 3): a digitised object
without a catalogue record, ingested with ``thuvien digital-ingest --ocr vie --publish``
(Tesseract through the worker's task), is listed, found by its title, metadata and page text
with and without tone marks, shown in the portal's search, and linked from the home page;
restricted objects stay unlisted to those who may not open them; ``--record`` links an object
to a catalogue record by its number, ISBN or 001, and refuses an unknown one."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_add, outbox_drain
from thuvien.digital.models import AccessGrant, DigitalFile, DigitalObject
from thuvien.digital.tests.booklet import booklet_folder

pytestmark = pytest.mark.django_db

TITLE = "Làng nghề Hưng Yên tập 1"


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR


def _ingest(folder, *extra, capture=None):
    args = [str(folder), "--library", "HY-TINH", "--ocr", "vie", "--publish", *extra]
    if capture is None:
        call_command("digital_ingest", *args, verbosity=0)
    else:
        with capture(execute=True):
            call_command("digital_ingest", *args, verbosity=0)
    outbox_drain()


def test_an_object_without_a_record_is_listed_and_found(
    world, client, tmp_path, django_capture_on_commit_callbacks
):
    folder = booklet_folder(tmp_path / "b", title=TITLE,
                            csv_rows={"description": "Sách địa chí audit6"})  # fmt: skip
    _ingest(folder, capture=django_capture_on_commit_callbacks)
    with scopes_disabled():
        obj = DigitalObject.all_objects.get(title=TITLE)
        assert obj.record_id is None and obj.pages.filter(ocr_status="done").count() == 3

    # the home page and every page's navigation lead to the digital library
    home = client.get("/").content.decode()
    assert 'href="/digital/"' in home
    listing = client.get("/digital/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert TITLE in body and "3 trang" in body
    assert f"/iiif/3/image/{obj.pk}-1/full/!200,200/0/default.jpg" in body

    viewer = f"/digital/{obj.pk}/?q="
    # page text, with and without tone marks: the page and a snippet, linked to the viewer
    for q in ("thương cảng sầm uất", "pho hien thuong cang", "SẦM UẤT"):
        body = client.get("/digital/", {"q": q}).content.decode()
        assert TITLE in body, q
        assert "page=2" in body and "thương cảng" in body and "Trang 2" in body, q
    # title and metadata
    for q in ("Làng nghề Hưng Yên tập 1", "lang nghe", "audit6", "So Van hoa Hung Yen"):
        body = client.get("/digital/", {"q": q}).content.decode()
        assert TITLE in body and viewer in body, q
    nothing = client.get("/digital/", {"q": "khủng long bạo chúa"}).content.decode()
    assert TITLE not in nothing and "Không có kết quả" in nothing

    # the portal's search shows it in its "Tài liệu số" section
    for q in ("thuong cang sam uat", "Làng nghề Hưng Yên"):
        body = client.get("/search/", {"q": q}).content.decode()
        assert "Tài liệu số" in body and TITLE in body and viewer in body, q

    # English is complete
    client.post("/i18n/setlang/", {"language": "en", "next": "/digital/"})
    body = client.get("/digital/", {"q": "sam uat"}).content.decode()
    assert "Digital library" in body and "3 pages" in body and "Page 2" in body
    assert "Thư viện số" not in body.split("<main")[1] and "trang" not in body.split("<main")[1]


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


def _titles(client, **params):
    body = client.get("/digital/", params).content.decode()
    return {t for t in ("Sách mở", "Tài liệu mật", "Đang cấm", "Chưa công bố", "Thư viện ẩn")
            if t in body}  # fmt: skip


def test_only_what_the_visitor_may_see_is_listed_or_found(world, client):
    _object(world, "Sách mở bảo tàng")
    secret = _object(world, "Tài liệu mật bảo tàng", access="restricted")
    _object(
        world,
        "Đang cấm bảo tàng",
        embargo_until=datetime.date.today() + datetime.timedelta(days=30),
    )
    _object(world, "Chưa công bố bảo tàng", published=False)
    with scopes_disabled():
        world.school.visibility = "own_staff"
        world.school.save(update_fields=["visibility"])
    _object(world, "Thư viện ẩn bảo tàng", library=world.school)
    outbox_drain()

    assert _titles(client) == {"Sách mở"}
    assert _titles(client, q="bao tang") == {"Sách mở"}
    assert "Tài liệu mật" not in client.get("/search/", {"q": "bảo tàng"}).content.decode()
    # the provincial library's staff see its restricted and embargoed objects (published ones)
    client.force_login(world.users["tinh_cataloguer"])
    assert _titles(client, q="bảo tàng") == {"Sách mở", "Tài liệu mật", "Đang cấm"}
    # another library's staff do not, nor the school's hidden list
    client.force_login(world.users["tienlu_cataloguer"])
    assert _titles(client) == {"Sách mở"}
    # the school's own staff see the school's
    client.force_login(world.users["thpt_cataloguer"])
    assert _titles(client) == {"Sách mở", "Thư viện ẩn"}
    # a reader granted the restricted object sees it
    reader = world.users["tienlu_circulation"]
    with scopes_disabled():
        AccessGrant.all_objects.create(library=world.provincial, obj=secret, user=reader)
    client.force_login(reader)
    assert _titles(client, q="tai lieu mat") == {"Tài liệu mật"}


def _queries(client, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/digital/", params).status_code == 200
    return len(ctx.captured_queries)


def test_newest_first_twenty_a_page(world, client):
    for n in range(1, 4):
        _object(world, f"Tập ảnh số {n:02d}")
    outbox_drain()
    few = (_queries(client, {}), _queries(client, {"q": "tap anh"}))
    for n in range(4, 24):
        _object(world, f"Tập ảnh số {n:02d}")
    outbox_drain()
    # a page reads as much for 20 objects as for 3 (no query per object)
    assert (_queries(client, {}), _queries(client, {"q": "tap anh"})) == few
    first = client.get("/digital/").content.decode()
    assert "23 tài liệu số" in first
    assert first.index("Tập ảnh số 23") < first.index("Tập ảnh số 04")
    assert "Tập ảnh số 03" not in first and 'rel="next" href="?p=2"' in first
    second = client.get("/digital/", {"p": "2"}).content.decode()
    assert "Tập ảnh số 03" in second and "Tập ảnh số 01" in second
    assert "Tập ảnh số 04" not in second and 'rel="prev"' in second
    assert client.get("/digital/", {"p": "x"}).status_code == 200
    assert client.get("/digital/", {"p": "99999"}).status_code == 200


def test_ingest_attaches_objects_to_a_record(world, tmp_path):
    from thuvien.catalog.marc.isbn import isbn13_check_digit
    from thuvien.catalog.services.records import record_create

    isbn = "978604123456" + isbn13_check_digit("978604123456")
    marc = {"leader": "00000nam a2200000 a 4500", "fields": [
        {"001": "HYDC-0042"},
        {"020": {"ind1": " ", "ind2": " ", "subfields": [{"a": f"{isbn[:3]}-{isbn[3:]}"}]}},
        {"245": {"ind1": "0", "ind2": "0", "subfields": [{"a": "Địa chí Hưng Yên"}]}},
    ]}  # fmt: skip
    with scopes_disabled():
        record = record_create(network=world.hung_yen, marc=marc)
    for n, value in enumerate((isbn, "HYDC-0042", str(record.pk), f"isbn:{isbn[:3]}-{isbn[3:]}")):
        folder = booklet_folder(tmp_path / f"ok{n}", title=f"Bản số {n}",
                                pages=[f"Trang riêng số {n}"])  # fmt: skip
        call_command("digital_ingest", str(folder), "--library", "HY-TINH", "--record", value,
                     verbosity=0)  # fmt: skip
        with scopes_disabled():
            assert DigitalObject.all_objects.get(title=f"Bản số {n}").record_id == record.pk
    # a CSV column does the same per row
    folder = booklet_folder(tmp_path / "csv", title="Bản số CSV", pages=["Trang CSV"],
                            csv_rows={"record": "HYDC-0042"})  # fmt: skip
    call_command("digital_ingest", str(folder), "--library", "HY-TINH", verbosity=0)
    with scopes_disabled():
        assert DigitalObject.all_objects.get(title="Bản số CSV").record_id == record.pk

    # unknown: a clear error, and nothing kept
    with scopes_disabled():
        before = (DigitalObject.all_objects.count(), DigitalFile.all_objects.count())
    bad = booklet_folder(tmp_path / "bad", title="Không gắn được", pages=["Trang lạc"])
    with pytest.raises(CommandError, match="Không có biểu ghi thư mục “9786040000000”"):
        call_command("digital_ingest", str(bad), "--library", "HY-TINH", "--record",
                     "9786040000000", verbosity=0)  # fmt: skip
    bad_csv = booklet_folder(tmp_path / "badcsv", title="Không gắn được", pages=["Trang lạc"],
                             csv_rows={"record": "KHONG-CO"})  # fmt: skip
    with pytest.raises(CommandError, match="scans: Không có biểu ghi thư mục “KHONG-CO”"):
        call_command("digital_ingest", str(bad_csv), "--library", "HY-TINH", verbosity=0)
    with scopes_disabled():
        assert (DigitalObject.all_objects.count(), DigitalFile.all_objects.count()) == before


def test_reindex_pages_brings_the_descriptions_back(world, client):
    from thuvien.search.engine import engine

    _object(world, "Sách mở bảo tàng")
    outbox_drain()
    engine().rebuild_pages([])  # an index from before the descriptions
    assert _titles(client, q="bao tang") == set()
    call_command("reindex", "--pages", verbosity=0)
    assert _titles(client, q="bao tang") == {"Sách mở"}
