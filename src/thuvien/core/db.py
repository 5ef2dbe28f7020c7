"""A cursor whose statements PostgreSQL can prepare, for the few statements run on every scan.

Django binds parameters on the client by default (the values are spliced into the SQL text), so
every statement is parsed and planned again by the server. A statement of fixed text sent
through ``prepared_cursor`` has its parameters bound on the server; psycopg prepares it on a
connection once it has run ``prepare_threshold`` times (DATABASES OPTIONS, see
config/settings/base.py). Used by the circulation desk (``circulation/desk_sql.py``), the
audit batch and a copy's status change; the ORM's own queries are unchanged.

``sqlite_bulk_writes`` sets an import's connection up for a long run of large transactions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models


def prepared_cursor() -> Any:
    """A Django cursor wrapper (query logging, ``assertNumQueries``, execute wrappers, error
    translation) around a server-binding psycopg cursor on PostgreSQL; elsewhere Django's
    ordinary cursor. Built as ``BaseDatabaseWrapper._cursor`` builds Django's own, with the
    backend's server-binding cursor class in place of the client-binding one."""
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql":
        return conn.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    conn.close_if_health_check_failed()
    conn.ensure_connection()
    with conn.wrap_database_errors:
        return conn._prepare_cursor(ServerBindingCursor(conn.connection))


_M = TypeVar("_M", bound=models.Model)
_INSERTS: dict[tuple[str, type[models.Model]], tuple[str, list[Any]]] = {}
_UPDATES: dict[tuple[str, type[models.Model], tuple[str, ...]], tuple[str, list[Any]]] = {}


def prepared_insert(obj: _M) -> _M:
    """``obj.save(force_insert=True)`` as one prepared ``INSERT ... RETURNING`` the primary key.

    The values are prepared as Django's insert prepares them (``pre_save`` fills
    ``auto_now_add``, then ``get_db_prep_save``); a constraint refused raises Django's
    ``IntegrityError``. No model signal is sent: use it for models without receivers (the
    project keeps its rules in services, not in signals)."""
    conn = connections[DEFAULT_DB_ALIAS]
    if not conn.features.can_return_columns_from_insert:  # SQLite before 3.35
        obj.save(force_insert=True)
        return obj
    model = type(obj)
    key = (conn.vendor, model)
    found = _INSERTS.get(key)
    if found is None:
        meta = model._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key and not f.generated]
        quote = conn.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        # Names from the model only; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608
        found = _INSERTS[key] = (sql, fields)
    sql, fields = found
    with prepared_cursor() as cursor:
        cursor.execute(sql, [f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields])
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = conn.alias
    return obj


def prepared_update(obj: models.Model, names: Sequence[str]) -> None:
    """``obj.save(update_fields=names)`` as one prepared ``UPDATE`` of its row: the values
    prepared as Django prepares them (``pre_save`` fills ``auto_now``); no model signal (see
    ``prepared_insert``)."""
    conn = connections[DEFAULT_DB_ALIAS]
    model = type(obj)
    key = (conn.vendor, model, tuple(names))
    found = _UPDATES.get(key)
    if found is None:
        meta = model._meta
        fields = [meta.get_field(n) for n in names]
        quote = conn.ops.quote_name
        sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608 - names from the model
        found = _UPDATES[key] = (sql, fields)
    sql, fields = found
    params = [f.get_db_prep_save(f.pre_save(obj, False), conn) for f in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, obj.pk])
        if cursor.rowcount == 0:  # as save(update_fields=...) does for a vanished row
            raise DatabaseError("Save with update_fields did not affect any rows.")


# An import of a million records on SQLite: with the default auto-checkpoint (every 1,000 WAL
# pages) the pages of the random-key indexes (title_sort, match_key, identifiers) were copied
# from the WAL to the database file and fsynced again and again, and with a 64 MB cache the
# B-trees no longer fitted, so every batch re-read and re-wrote the same leaves. Durability is
# unchanged: synchronous stays NORMAL, every commit still reaches the WAL.
BULK_CHECKPOINT_PAGES = 100_000  # 400 MB of WAL between checkpoints
BULK_CACHE_KIB = 400_000


@contextlib.contextmanager
def sqlite_bulk_writes(
    *, checkpoint_pages: int = BULK_CHECKPOINT_PAGES, cache_kib: int = BULK_CACHE_KIB
) -> Iterator[None]:
    """Run a long series of large write transactions with a rare WAL checkpoint and a large
    page cache on this connection only; restore both afterwards and checkpoint once (PASSIVE:
    readers are never blocked), so the next small commit does not pay for the import's WAL.
    Does nothing on PostgreSQL."""
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "sqlite":
        yield
        return
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        old_checkpoint = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size")
        old_cache = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_pages)}")
        cursor.execute(f"PRAGMA cache_size = {-int(cache_kib)}")
    try:
        yield
    except BaseException:
        # the import's own error is the one to report: a broken connection that cannot take
        # the settings back must not replace it (a new connection starts with the defaults)
        with contextlib.suppress(DatabaseError):
            _restore(conn, old_checkpoint, old_cache)
        raise
    _restore(conn, old_checkpoint, old_cache)


def _restore(conn: Any, checkpoint_pages: int, cache_size: int) -> None:
    with conn.cursor() as cursor:
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_pages)}")
        cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")  # frees the extra pages
        if not conn.in_atomic_block:  # a checkpoint cannot run inside a transaction
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
