"""Reading items by record for the portal, with the library scope written out explicitly.

Why raw SQL: the scoped manager adds ``library_id IN (every library)``, and SQLite without
statistics then walks the library index (the whole table) instead of the (record, library)
index — 300 ms per result page on 300,000 items. ``+library_id`` keeps the scope condition but
tells the planner not to drive the query with it (a no-op for PostgreSQL). The scope is still
applied: only the given libraries' items are read.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.visibility import HIDDEN, Viewer
from thuvien.network.models import Location

_COLUMNS = {"id", "record_id", "library_id", "status", "call_number"}


def item_rows(
    *,
    record_ids: list[int],
    library_ids: list[int],
    columns: tuple[str, ...],
    viewer: Viewer | None = None,
) -> list[tuple]:
    """``columns`` of the non-withdrawn items of ``record_ids`` held by ``library_ids``; with
    a ``viewer``, only the copies shown to him (``holdings.visibility``: no hidden copy or
    location, except to the staff of its library)."""
    if not record_ids or not library_ids:
        return []
    assert set(columns) <= _COLUMNS, columns  # noqa: S101 - column names are ours, never input
    table = Item._meta.db_table
    rec = ", ".join(["%s"] * len(record_ids))
    libs = ", ".join(["%s"] * len(library_ids))
    sql = (
        f"SELECT {', '.join(columns)} FROM {table} "  # noqa: S608 - fixed names, bound values
        f"WHERE record_id IN ({rec}) AND +library_id IN ({libs}) AND status <> %s"
    )
    params = [*record_ids, *library_ids, str(ItemStatus.WITHDRAWN.value)]
    if viewer is not None and not viewer.superuser:
        locations = Location._meta.db_table
        cond = (
            "visibility <> %s AND (location_id IS NULL OR location_id NOT IN "  # noqa: S608 - table name from meta
            f"(SELECT id FROM {locations} WHERE visibility = %s))"
        )
        params += [HIDDEN, HIDDEN]
        if viewer.own_libraries:
            own = sorted(viewer.own_libraries)
            cond = f"({cond}) OR library_id IN ({', '.join(['%s'] * len(own))})"
            params += own
        sql += f" AND ({cond})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()



def _shown_condition(viewer: Viewer | None) -> tuple[str, list[Any]]:
    """The SQL condition (and its values) keeping the copies shown to ``viewer``: none hidden,
    none in a hidden location, except to the staff of its library."""
    if viewer is None or viewer.superuser:
        return "", []
    locations = Location._meta.db_table
    cond = (
        "visibility <> %s AND (location_id IS NULL OR location_id NOT IN "  # noqa: S608
        f"(SELECT id FROM {locations} WHERE visibility = %s))"
    )
    params: list[Any] = [HIDDEN, HIDDEN]
    if viewer.own_libraries:
        own = sorted(viewer.own_libraries)
        cond = f"({cond}) OR library_id IN ({', '.join(['%s'] * len(own))})"
        params += own
    return f" AND ({cond})", params


def newest_item_rows(
    *, library_ids: list[int], limit: int, viewer: Viewer | None = None
) -> list[tuple]:
    """(record_id, library_id, acquired_on, created_at) of the newest items of many libraries
    (with a ``viewer``: of the copies shown to him).

    Walks the acquisition-date index newest first and stops after ``limit`` rows, instead of
    reading every item of every library through the library index and sorting them.
    """
    if not library_ids:
        return []
    table = Item._meta.db_table
    libs = ", ".join(["%s"] * len(library_ids))
    shown, params = _shown_condition(viewer)
    sql = (
        f"SELECT record_id, library_id, acquired_on, created_at FROM {table} "  # noqa: S608
        f"WHERE +library_id IN ({libs}) AND status <> %s AND acquired_on IS NOT NULL"
        f"{shown} ORDER BY acquired_on DESC, id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*library_ids, str(ItemStatus.WITHDRAWN.value), *params, limit])
        return cursor.fetchall()
