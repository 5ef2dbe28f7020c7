"""``audit_batch``: the entries of a block go in with one insert, in the block's transaction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from thuvien.core.audit import audit_batch, audit_record
from thuvien.core.models import AuditEntry


@pytest.mark.django_db
def test_entries_of_a_block_are_written_with_one_insert_in_order(world):
    with transaction.atomic(), CaptureQueriesContext(connection) as out:
        with audit_batch():
            first = audit_record(actor=None, action="tests.thing.one", obj=world.provincial)
            with audit_batch():  # a nested block joins the outer one
                audit_record(actor=None, action="tests.thing.two", obj=world.provincial)
            assert not AuditEntry.objects.filter(action__startswith="tests.").exists()
    inserts = [q for q in out.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    rows = list(AuditEntry.objects.filter(action__startswith="tests.").order_by("id"))
    assert [r.action for r in rows] == ["tests.thing.one", "tests.thing.two"]
    assert rows[0].library_id == world.provincial.pk and first.action == "tests.thing.one"


@pytest.mark.django_db
def test_a_block_left_by_an_error_writes_nothing(world):
    with pytest.raises(ValueError), transaction.atomic(), audit_batch():
        audit_record(actor=None, action="tests.thing.failed", obj=world.provincial)
        raise ValueError("refused")
    assert not AuditEntry.objects.filter(action="tests.thing.failed").exists()
    audit_record(actor=None, action="tests.thing.alone", obj=world.provincial)  # no block: at once
    assert AuditEntry.objects.filter(action="tests.thing.alone").exists()


@pytest.mark.django_db
def test_outbox_rows_of_a_block_go_in_with_its_entries(world):
    from thuvien.core.models import OutboxEntry
    from thuvien.core.outbox import outbox_add

    with transaction.atomic(), CaptureQueriesContext(connection) as out:
        with audit_batch():
            outbox_add("tests.batched", [4, 5])
            audit_record(actor=None, action="tests.thing.batched", obj=world.provincial)
            assert not OutboxEntry.objects.filter(topic="tests.batched").exists()
    writes = [q for q in out.captured_queries if "INSERT" in q["sql"]]
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)
    assert sorted(
        OutboxEntry.objects.filter(topic="tests.batched").values_list("object_id", flat=True)
    ) == [4, 5]
    entry = AuditEntry.objects.get(action="tests.thing.batched")
    assert entry.created_at is not None and entry.library_id == world.provincial.pk
    OutboxEntry.objects.filter(topic="tests.batched").delete()
