"""The sitemaps of a large catalogue page by id ranges: no page reads the rows before it
(no OFFSET), the index does not load every record to find the last change, a page never lists
more than the limit, and a page out of range or not a number is a 404, as a crawler expects."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thuvien.catalog.models import Record
from thuvien.opac.sitemaps.sections import RecordSitemap

pytestmark = pytest.mark.django_db


def _locs(body: bytes) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", body.decode())


def test_records_are_paged_by_id_ranges_without_offset(client, world, monkeypatch):
    monkeypatch.setattr(RecordSitemap, "limit", 4)
    records = [
        Record.objects.create(network=world.hung_yen, marc={"leader": "", "fields": []},
                              title=f"Sách số {n}")
        for n in range(11)
    ]
    top = max(r.pk for r in records)
    pages = -(-top // 4)
    with CaptureQueriesContext(connection) as index_queries:
        index = client.get("/sitemap.xml")
    assert index.status_code == 200
    listed = [u for u in _locs(index.content) if "sitemap-records" in u]
    assert len(listed) == pages  # page 1 and ?p=2 … ?p=pages
    assert "<lastmod>" in index.content.decode()  # the last change, from one aggregate
    # the index reads no record row: an aggregate and the highest id, whatever the size
    assert len(index_queries) < 15
    seen: list[str] = []
    with CaptureQueriesContext(connection) as page_queries:
        for n in range(1, pages + 1):
            page = client.get(f"/sitemap-records.xml?p={n}")
            assert page.status_code == 200
            locs = _locs(page.content)
            assert len(locs) <= 4
            seen += locs
    assert not any("OFFSET" in q["sql"].upper() for q in page_queries.captured_queries)
    listed_ids = {int(re.findall(r"/(\d+)/?$", loc)[0]) for loc in seen}
    assert listed_ids == {r.pk for r in records}
    assert len(seen) == len(set(seen)) == len(records)
    assert client.get(f"/sitemap-records.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-records.xml?p=muoi").status_code == 404
    assert client.get("/sitemap-records.xml?p=0").status_code == 404
