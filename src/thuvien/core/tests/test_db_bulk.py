from __future__ import annotations

import pytest
from django.db import connection

from thuvien.core.db import sqlite_bulk_writes


def _pragma(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_bulk_writes_set_and_restore_the_checkpoint_and_cache():
    if connection.vendor != "sqlite":
        with sqlite_bulk_writes(checkpoint_pages=5000, cache_kib=8000):
            pass  # nothing to set on PostgreSQL, and nothing fails
        return
    before = (_pragma("wal_autocheckpoint"), _pragma("cache_size"))
    with sqlite_bulk_writes(checkpoint_pages=5000, cache_kib=8000):
        assert (_pragma("wal_autocheckpoint"), _pragma("cache_size")) == (5000, -8000)
    assert (_pragma("wal_autocheckpoint"), _pragma("cache_size")) == before


@pytest.mark.django_db
def test_bulk_writes_restore_the_settings_when_the_block_fails():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    before = (_pragma("wal_autocheckpoint"), _pragma("cache_size"))
    with pytest.raises(RuntimeError), sqlite_bulk_writes(checkpoint_pages=5000, cache_kib=8000):
        raise RuntimeError("boom")
    assert (_pragma("wal_autocheckpoint"), _pragma("cache_size")) == before


@pytest.mark.django_db
def test_a_connection_that_cannot_restore_does_not_hide_the_import_error(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    from django.db import DatabaseError

    from thuvien.core import db

    def broken(*args: object) -> None:
        raise DatabaseError("database connection lost")

    monkeypatch.setattr(db, "_restore", broken)
    with pytest.raises(RuntimeError, match="the disk is full"), sqlite_bulk_writes():
        raise RuntimeError("the disk is full")
