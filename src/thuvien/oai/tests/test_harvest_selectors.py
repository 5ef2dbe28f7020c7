"""The catalogue's harvest selectors: a page after a cursor starts with an index seek, so the
page at the end of a harvest costs what the first does (no offset, no scan from the start)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thuvien.catalog import selectors_harvest as harvest
from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("scope", ["all", "network"])
def test_a_page_after_a_cursor_seeks_in_the_index(world, scope):
    record = record_create(network=world.hung_yen, marc=vi_marc())
    harvest_scope = (
        harvest.HarvestScope(network_id=world.hung_yen.pk)
        if scope == "network"
        else harvest.HarvestScope()
    )
    with CaptureQueriesContext(connection) as queries:
        harvest.harvest_page(
            scope=harvest_scope, limit=10, after=(timezone.now(), record.pk), with_marc=False
        )
    plans = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if "ORDER BY" not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plans.append(" ".join(str(row[-1]) for row in cursor.fetchall()))
    assert len(plans) == 2, plans  # records and tombstones
    for plan in plans:
        assert "SEARCH" in plan and (">?" in plan or "> ?" in plan), plan
        assert "TEMP B-TREE" not in plan, plan


def test_a_page_merges_records_and_tombstones_in_datestamp_order(world):
    from thuvien.catalog.services import record_delete

    records = [record_create(network=world.hung_yen, marc=vi_marc(title=f"T{i}")) for i in range(5)]
    record_delete(record=records[1])
    seen, after = [], None
    while True:
        entries, more = harvest.harvest_page(scope=harvest.HarvestScope(), limit=2, after=after)
        seen += entries
        if not more:
            break
        after = (entries[-1].datestamp, entries[-1].record_id)
    keys = [(e.datestamp, e.record_id) for e in seen]
    assert keys == sorted(keys) and len(keys) == 5
    assert [e.record_id for e in seen if e.deleted] == [records[1].pk]
    other = harvest.harvest_page(scope=harvest.HarvestScope(network_id=world.bac_ninh.pk), limit=10)
    assert other == ([], False)  # another network's records stay out of its set


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize(
    "scope",
    [
        harvest.HarvestScope(library_any=True, set_spec="library"),
        harvest.HarvestScope(material_type="book", set_spec="material:book"),
    ],
    ids=["library", "material"],
)
def test_the_records_that_left_a_set_are_read_with_an_index_seek(world, scope):
    """The leaves of a set (``RecordSetLeave``) start at the cursor in their index too."""
    from thuvien.catalog.models import RecordSetLeave

    record = record_create(network=world.hung_yen, marc=vi_marc())
    RecordSetLeave.objects.create(
        record_id=record.pk, set_spec="library", network=world.hung_yen, datestamp=timezone.now()
    )
    with CaptureQueriesContext(connection) as queries:
        harvest.harvest_page(scope=scope, limit=10, after=(timezone.now(), record.pk))
    plans = []
    for query in queries.captured_queries:
        if "catalog_recordsetleave" not in query["sql"] or "ORDER BY" not in query["sql"]:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append(" ".join(str(row[-1]) for row in cursor.fetchall()))
    assert len(plans) == 1, plans
    assert "catalog_leave_oai" in plans[0] and (">?" in plans[0] or "> ?" in plans[0]), plans
    assert "TEMP B-TREE" not in plans[0], plans
