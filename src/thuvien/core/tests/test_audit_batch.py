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
