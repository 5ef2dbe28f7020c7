"""The desk's hottest reads as fixed SQL, sent with server-side binding so PostgreSQL prepares it.

Why: at 25 desks on two cores (issue 5: p95 < 50 ms, 200 scans a second) compiling the ORM's
``select_related`` queries (column lists, joins, aliases, converters) cost the web process more
CPU per scan than PostgreSQL spent running them, and every statement sent with its values
inlined (Django's default client-side binding) was parsed and planned again on each scan.

Here the text of each statement is built once per process from the models' metadata (a column
added to a model is read without editing any SQL) and sent with its parameters apart; psycopg
prepares a statement on a connection once it has run ``prepare_threshold`` times (DATABASES
OPTIONS, PostgreSQL only), so later scans skip parsing and planning. Rows become model instances
as ``select_related`` builds them: the same database converters, related objects in the field
caches, the columns not read deferred (loaded on first use). The statements go through Django's
cursor wrapper: query logging, ``assertNumQueries``, execute wrappers and error translation see
them as they see the ORM's.

Scoping: like the ORM code they replace (``_base_manager``, ``all_objects``) these reads do not
use the scoped managers; each statement filters by the network itself, and the callers are the
library-taking selectors and services of this app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from thuvien.core.db import prepared_cursor, prepared_insert, prepared_update


@dataclass(frozen=True)
class _Part:
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


def part(model: type[models.Model], alias: str, names: Iterable[str] | None = None) -> _Part:
    """``names``: field names or attnames to read (the primary key always); None: every column."""
    wanted = None if names is None else set(names)
    attnames = tuple(
        f.attname
        for f in model._meta.concrete_fields
        if wanted is None or f.primary_key or f.name in wanted or f.attname in wanted
    )
    return _Part(model, alias, attnames)


_CONVERTERS: dict[tuple[str, _Part], list[tuple[list[Any], Any]]] = {}


def _converters(p: _Part, conn: Any) -> list[tuple[list[Any], Any]]:
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


def split(row: Sequence[Any], parts: Sequence[_Part]) -> list[Any]:
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


def desk_cursor() -> Any:
    """A cursor for one desk statement: prepared by PostgreSQL (``core.db.prepared_cursor``)."""
    return prepared_cursor()


# The desk's writes (the loan's INSERT and its return's UPDATE), prepared the same way.
insert = prepared_insert
update = prepared_update


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    with desk_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def lock_clause(alias: str) -> str:
    """``FOR UPDATE OF`` the one table where the database has row locks (SQLite locks the whole
    database for a desk transaction: IMMEDIATE)."""
    if not connection.features.has_select_for_update:
        return ""
    if connection.features.has_select_for_update_of:
        return f" FOR UPDATE OF {alias}"
    return " FOR UPDATE"
