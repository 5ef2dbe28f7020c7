"""The page index: under a search result, the pages of a linked digitised book that hold the
reader's words, found by the index (not by reading every page), kept up to date through the
outbox, rebuilt by ``reindex``, and only for objects the reader may open."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_add, outbox_drain
from thuvien.digital.models import DigitalFile, DigitalObject, Page
from thuvien.digital.selectors import objects_for_records, records_have_objects
from thuvien.digital.services import object_update, page_text_correct
from thuvien.search.engine import engine
from thuvien.search.fulltext import TOPIC, fulltext_hits
from thuvien.search.indexing import reindex_all
from thuvien.search.tests.factories import make_record

pytestmark = pytest.mark.django_db

FILLER = "Đền Mẫu nằm bên hồ Bán Nguyệt, cây nhãn cổ thụ tỏa bóng trước sân"


def _book(world, title: str, texts: dict[int, str], pages: int = 30):
    """A published, open object of ``pages`` pages linked to a new record; ``texts`` gives
    the text of some pages, the others get ``FILLER``. Indexed through the outbox."""
    record = make_record(world.hung_yen, title)
    with scopes_disabled(), transaction.atomic():
        obj = DigitalObject.all_objects.create(
            library=world.provincial, network=world.hung_yen, record=record, title=title,
            published=True, ingest_complete=True)
        dfile = DigitalFile.all_objects.create(
            library=world.provincial, obj=obj, name="sach.pdf", storage_name="none",
            mime="application/pdf", kind="pdf", size=1, sha256="0" * 64)
        Page.all_objects.bulk_create([
            Page(library=world.provincial, obj=obj, file=dfile, seq=seq, label=str(seq),
                 width=100, height=100, text=texts.get(seq, FILLER), ocr_status="done")
            for seq in range(1, pages + 1)
        ])
        outbox_add(TOPIC, obj.pk)
        outbox_add("catalog.record", record.pk)
    outbox_drain()
    return record, obj


def test_a_word_without_marks_finds_its_pages_with_a_snippet(world):
    record, obj = _book(world, "Phố Hiến xưa", {
        4: "Chợ sâm cầm họp sớm, người uất ức vì giá cao",  # both syllables, apart
        12: "Phố Hiến là thương cảng sầm uất bậc nhất Đàng Ngoài",
        27: "Một thời sầm uất nay còn dấu tích",
    })
    hits = fulltext_hits(record_ids=[record.pk], q="sam uat", user=AnonymousUser(), ip=None)
    # the pages with the word itself first, in page order; the scattered syllables after
    assert [(h.obj_id, h.seq) for h in hits[record.pk]] == [(obj.pk, 12), (obj.pk, 27)]
    assert "thương cảng sầm uất bậc nhất" in hits[record.pk][0].snippet
    more = fulltext_hits(record_ids=[record.pk], q="sầm uất", user=AnonymousUser(), ip=None,
                         per_object=5)
    assert [h.seq for h in more[record.pk]] == [12, 27, 4]
    # a word on no page: nothing; a fielded query is not about the text
    assert fulltext_hits(record_ids=[record.pk], q="Kinh Bắc", user=None, ip=None) == {}
    assert fulltext_hits(record_ids=[record.pk], q="title:sam", user=None, ip=None) == {}


def test_a_corrected_page_is_found_by_its_new_text(world):
    record, obj = _book(world, "Văn miếu Xích Đằng", {3: "Văn miếu Xích Đằng dựng năm 1697"})
    anyone = AnonymousUser()
    assert [h.seq for h in fulltext_hits(record_ids=[record.pk], q="xich dang", user=anyone,
                                         ip=None)[record.pk]] == [3]
    with scopes_disabled():
        page_text_correct(page=Page.all_objects.get(obj=obj, seq=3), actor=None, text=FILLER)
        page_text_correct(page=Page.all_objects.get(obj=obj, seq=9), actor=None,
                          text="Khoa thi ở Văn miếu Xích Đằng")
    outbox_drain()
    hits = fulltext_hits(record_ids=[record.pk], q="xich dang", user=anyone, ip=None)
    assert [h.seq for h in hits[record.pk]] == [9]


def test_a_restricted_or_unpublished_object_shows_no_page(world):
    record, obj = _book(world, "Tài liệu mật", {5: "Bản đồ bố phòng thành Hưng Yên"})
    anyone, ip = AnonymousUser(), None
    assert fulltext_hits(record_ids=[record.pk], q="bo phong", user=anyone, ip=ip)
    with scopes_disabled():
        object_update(obj=obj, actor=None, access="restricted")
    outbox_drain()
    assert fulltext_hits(record_ids=[record.pk], q="bo phong", user=anyone, ip=ip) == {}
    # the library's staff still see where the words are
    staff = world.users["tinh_cataloguer"]
    assert [h.seq for h in fulltext_hits(record_ids=[record.pk], q="bo phong", user=staff,
                                         ip=ip)[record.pk]] == [5]
    with scopes_disabled():
        object_update(obj=obj, actor=None, access="open", published=False)
    assert fulltext_hits(record_ids=[record.pk], q="bo phong", user=anyone, ip=ip) == {}


def test_reindex_rebuilds_the_pages_and_a_deleted_object_leaves(world):
    record, obj = _book(world, "Hưng Yên địa chí", {2: "Nhãn lồng Hưng Yên nổi tiếng"}, pages=8)
    engine().rebuild_pages([])
    assert engine().page_count() == 0
    stats = reindex_all(workers=1)
    assert stats["pages"] == 8 and engine().page_count() == 8
    assert fulltext_hits(record_ids=[record.pk], q="nhan long", user=None, ip=None)
    with scopes_disabled(), transaction.atomic():
        obj_id = obj.pk
        Page.all_objects.filter(obj=obj).delete()
        DigitalFile.all_objects.filter(obj=obj).delete()
        obj.delete()
        outbox_add(TOPIC, obj_id)
    outbox_drain()
    assert engine().page_count() == 0


def test_the_search_api_carries_the_page_and_snippet(world):
    record, obj = _book(world, "Phố Hiến xưa", {7: "Phố Hiến là thương cảng sầm uất"})
    data = Client().get("/api/v1/search/", {"q": "thuong cang"}).json()
    row = next(r for r in data["results"] if r["id"] == record.pk)
    assert row["fulltext"] == [{
        "object": obj.pk, "page": 7, "snippet": "Phố Hiến là thương cảng sầm uất",
        "url": f"/digital/{obj.pk}/?q=thuong+cang&page=7",
    }]
    assert "facets" in data


def test_records_without_a_published_object_are_told_by_one_small_query(world):
    record, obj = _book(world, "Phố Hiến xưa", {7: "Phố Hiến là thương cảng sầm uất"}, pages=2)
    plain = make_record(world.hung_yen, "Ca dao xứ Bắc")
    with CaptureQueriesContext(connection) as queries:
        assert objects_for_records([plain.pk]) == {}
    assert len(queries) == 1 and "JOIN" not in queries[0]["sql"].upper()
    found = objects_for_records([plain.pk, record.pk])
    assert list(found) == [record.pk] and [o.pk for o in found[record.pk]] == [obj.pk]
    assert records_have_objects([plain.pk, record.pk]) and not records_have_objects([])
    for change in ({"ingest_complete": False}, {"published": False}):
        with scopes_disabled():
            DigitalObject.all_objects.filter(pk=obj.pk).update(
                **{"published": True, "ingest_complete": True, **change}
            )
        assert not records_have_objects([record.pk]) and objects_for_records([record.pk]) == {}
        assert fulltext_hits(record_ids=[record.pk], q="thuong cang", user=None, ip=None) == {}
