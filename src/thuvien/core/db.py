"""A cursor whose statements PostgreSQL can prepare, for the few statements run on every scan.

Django binds parameters on the client by default (the values are spliced into the SQL text), so
every statement is parsed and planned again by the server. A statement of fixed text sent
through ``prepared_cursor`` has its parameters bound on the server; psycopg prepares it on a
connection once it has run ``prepare_threshold`` times (DATABASES OPTIONS, see
config/settings/base.py). Used by the circulation desk (``circulation/services/loans.py``), the
audit batch and a copy's status change; the ORM's own queries are unchanged.

``sqlite_bulk_writes`` sets an import's connection up for a long run of large transactions.

The small toolkit every app's fixed SQL is written with (the desk's reads, a copy's lock, the
import's batch inserts): statements are built from the models' metadata (``Model._meta``) so a
column added to a model is read and written without editing any SQL, and no column list is
typed out twice. ``part``/``split``/``attach`` turn a row of a join into model instances as
``select_related`` builds them; ``insert_rows``/``model_rows`` write rows in one
``executemany``; ``reserve_ids`` takes primary keys for them first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.utils import timezone


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


@dataclass(frozen=True)
class Part:
    """The columns of one model in a SELECT, in the order of its concrete fields."""

    model: type[models.Model]
    alias: str
    attnames: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.attnames)

    def columns(self) -> str:
        quote = connection.ops.quote_name
        fields = (self.model._meta.get_field(n) for n in self.attnames)
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in fields)

    def build(self, values: Sequence[Any], conn: Any) -> models.Model:
        """The instance for this part's slice of a row (converted as the ORM converts)."""
        converted = list(values)
        for i, (converters, col) in enumerate(_converters(self, conn)):
            if converters:
                value = converted[i]
                for convert in converters:
                    value = convert(value, col, conn)
                converted[i] = value
        return self.model.from_db(conn.alias, self.attnames, converted)


def part(model: type[models.Model], alias: str, names: Iterable[str] | None = None) -> Part:
    """``names``: field names or attnames to read (the primary key always); None: every column."""
    wanted = None if names is None else set(names)
    attnames = tuple(
        f.attname
        for f in model._meta.concrete_fields
        if wanted is None or f.primary_key or f.name in wanted or f.attname in wanted
    )
    return Part(model, alias, attnames)


_CONVERTERS: dict[tuple[str, Part], list[tuple[list[Any], Any]]] = {}


def _converters(p: Part, conn: Any) -> list[tuple[list[Any], Any]]:
    """Per column, the backend's and the field's converters (as ``SQLCompiler.get_converters``)."""
    key = (conn.vendor, p)
    found = _CONVERTERS.get(key)
    if found is None:
        found = []
        for name in p.attnames:
            col = p.model._meta.get_field(name).get_col(p.alias)
            backend = conn.ops.get_db_converters(col)
            found.append((backend + col.get_db_converters(conn), col))
        _CONVERTERS[key] = found
    return found


def split(row: Sequence[Any], parts: Sequence[Part]) -> list[Any]:
    """One instance per part; None for a part whose primary key is NULL (a LEFT JOIN miss)."""
    conn = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the proxy costs a lookup per use
    out: list[Any] = []
    start = 0
    for p in parts:
        values = row[start : start + p.width]
        out.append(None if values[0] is None else p.build(values, conn))
        start += p.width
    return out


def attach(obj: models.Model, field_name: str, related: models.Model | None) -> None:
    """Put ``related`` in ``obj``'s cache for the foreign key, as ``select_related`` does."""
    obj._meta.get_field(field_name).set_cached_value(obj, related)


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """The first row of one statement sent through ``prepared_cursor``."""
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row: tuple[Any, ...] | None = cursor.fetchone()
        return row


def table(model: type[models.Model]) -> str:
    """The model's table name, quoted."""
    return connection.ops.quote_name(model._meta.db_table)


def lock_clause(alias: str) -> str:
    """``FOR UPDATE OF`` the one table where the database has row locks (SQLite locks the whole
    database for a write transaction: IMMEDIATE)."""
    if not connection.features.has_select_for_update:
        return ""
    if connection.features.has_select_for_update_of:
        return f" FOR UPDATE OF {alias}"
    return " FOR UPDATE"


def db_now() -> Any:
    """The current time as the driver wants it, converted once for a whole batch."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    casts: dict[str, str] | None = None,
) -> None:
    """``rows`` (tuples of ``columns``' values, ready for the driver) into ``model``'s table in
    one ``executemany``; ``casts`` maps a column to the SQL type its value is cast to (bytes
    stored as text on SQLite). Only plain columns are written: the model's ``save()`` and
    signals are bypassed on purpose (there is no business rule in them, by convention)."""
    qn = connection.ops.quote_name
    casts = casts or {}
    # table and column names come from the model's meta and are quoted: not user input;
    # the cast types are the callers' constants
    names = ", ".join(qn(c) for c in columns)
    marks = ", ".join(f"CAST(%s AS {casts[c]})" if c in casts else "%s" for c in columns)
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


# Fields whose Python values the drivers bind as they are (no ``get_db_prep_save`` needed).
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def model_rows(
    model: type[models.Model], values: Iterable[Mapping[str, Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The columns of ``model`` (every concrete field but the primary key, from ``_meta``) and
    one tuple a row for ``insert_rows``: a field missing from a row's mapping takes the model's
    default, ``auto_now``/``auto_now_add`` fields the time of the batch; keys are field names
    or attnames (``record_id``). Values are prepared as Django prepares them
    (``get_db_prep_save``) except for the plain fields the drivers bind as they are."""
    conn = connections[DEFAULT_DB_ALIAS]
    now = timezone.now()
    columns: list[str] = []
    getters: list[Callable[[Mapping[str, Any]], Any]] = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.generated or (f.has_db_default() and not f.has_default()):
            continue  # the database fills these
        columns.append(f.column)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            stamp = f.get_db_prep_save(now, conn)
            getters.append(lambda _r, v=stamp: v)
            continue
        getters.append(_getter(f, conn))
    return columns, [tuple(get(r) for get in getters) for r in values]


def _getter(f: Any, conn: Any) -> Callable[[Mapping[str, Any]], Any]:
    name, attname = f.name, f.attname
    default = f.get_default() if f.has_default() or f.null else _required(f)
    plain = isinstance(f, _PLAIN_FIELDS)

    def get(row: Mapping[str, Any]) -> Any:
        value = row.get(name, _MISSING)
        if value is _MISSING:
            value = row.get(attname, default)
        if value is _MISSING:
            raise ValueError(f"{f.model.__name__}.{name} is required")
        return value if plain or value is None else f.get_db_prep_save(value, conn)

    return get


_MISSING = object()


def _required(f: Any) -> Any:
    """The default of a field without one: '' for text (Django's own empty value), else none."""
    if isinstance(f, models.CharField | models.TextField):
        return ""
    return _MISSING


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``; call inside the writing transaction."""
    if count <= 0:
        return []
    table_name = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table_name, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction already holds the write lock (IMMEDIATE), so max(id) is ours
        assert transaction.get_connection().in_atomic_block  # noqa: S101
        quoted = connection.ops.quote_name(table_name)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608
        top = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table_name]
        )
        top = max(top, cursor.fetchone()[0])
        return list(range(top + 1, top + 1 + count))


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
