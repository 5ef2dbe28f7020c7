"""On SQLite, a reader in one thread never makes a writer in another thread fail.

Production's database is a file in WAL mode: readers see a snapshot and a writer waits out
``busy_timeout`` for another writer. The suite runs on such a file too; Django's default
in-memory test database is in shared-cache mode, where a half-read SELECT in one thread made
another thread's INSERT fail at once ("database table is locked"), and tests with a real
worker thread failed at random under load.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from thuvien.core import outbox
from thuvien.core.models import OutboxEntry


@pytest.mark.django_db(transaction=True)
def test_a_half_read_select_does_not_lock_out_a_writer_in_another_thread():
    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's locking")
    for object_id in range(5):
        with transaction.atomic():
            outbox.outbox_add("test.readers", object_id)
    table = connection.ops.quote_name(OutboxEntry._meta.db_table)
    errors: list[Exception] = []

    def writer() -> None:
        try:
            with transaction.atomic():
                outbox.outbox_add("test.readers", 99)
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            errors.append(exc)
        finally:
            connections.close_all()

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 - name from meta
        assert cursor.fetchone() is not None  # the statement is open, four rows unread
        thread = threading.Thread(target=writer)
        thread.start()
        thread.join(timeout=30)
        cursor.fetchall()
    assert errors == []
    assert OutboxEntry.objects.filter(topic="test.readers", object_id=99).exists()
