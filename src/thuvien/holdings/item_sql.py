"""Every statement on the copies' table (``holdings.Item``) that is not a plain ORM call: the
holdings app owns them all, written with ``core.db``'s toolkit from the model's metadata (no
column list typed out twice). Three readers and writers use them:

- the portal (``search``): items by record and the newest items, with the library scope
  written out explicitly. The scoped manager adds ``library_id IN (every library)``, and SQLite
  without statistics then walks the library index (the whole table) instead of the (record,
  library) index — 300 ms per result page on 300,000 items. ``+library_id`` keeps the scope
  condition but tells the planner not to drive the query with it (a no-op for PostgreSQL);
- the circulation desk: the scanned copy with its record, library and network, locked ``FOR
  UPDATE OF`` the copy alone, as one prepared statement (``desk_item_locked``), and a copy
  locked by its key (``item_lock``);
- the MARC import and the demo data: copies written in batches (``insert_items``).

Scoping: like the ORM code they replace (``_base_manager``) the desk's reads do not use the
scoped manager; each statement filters by the network itself, and the callers are
library-taking services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.catalog.models import Record
from thuvien.core import db
from thuvien.core.errors import NotFound
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.visibility import HIDDEN, Viewer
from thuvien.network.models import Library, Location, Network

_COLUMNS = {"id", "record_id", "library_id", "status", "call_number"}


def item_rows(
    *,
    record_ids: list[int],
    library_ids: list[int],
    columns: tuple[str, ...],
    viewer: Viewer | None = None,
) -> list[tuple[Any, ...]]:
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
    params: list[Any] = [*record_ids, *library_ids, str(ItemStatus.WITHDRAWN.value)]
    shown, shown_params = _shown_condition(viewer)
    sql += shown
    params += shown_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


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
) -> list[tuple[Any, ...]]:
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
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


# The desk: the scanned copy with what a desk shows and audits.

_LIBRARY_FIELDS = (
    *("network_id", "parent_id", "code", "name_vi", "name_en", "is_active"),
    "visibility",  # who may see its holdings: circulation.lending.copy_lending_check
)
_RECORD_FIELDS = ("network_id", "title")
_NETWORK_FIELDS = ("code", "name_vi")
_DESK_ITEM: dict[str, tuple[str, list[db.Part]]] = {}  # per database vendor: SQL text, parts


def desk_items() -> models.QuerySet[Item]:
    """Copies with what a desk shows and audits (record title, library and network) in one
    query. Of the record, the library and the network only the columns the desk uses are read
    (72 columns cost more to compile and load than the query takes in the database); any other
    is still there, read on first use."""
    own = [f.name for f in Item._meta.concrete_fields]
    return Item._base_manager.select_related("record", "library__network").only(
        *own,
        *(f"record__{n}" for n in _RECORD_FIELDS),
        *(f"library__{n}" for n in _LIBRARY_FIELDS),
        *(f"library__network__{n}" for n in _NETWORK_FIELDS),
    )


def _desk_item_statement() -> tuple[str, list[db.Part]]:
    """The text of ``desk_items().filter(barcode=.., library__network_id=..)`` locked ``FOR
    UPDATE OF`` the copy alone, built once per process (see ``core.db``)."""
    found = _DESK_ITEM.get(connection.vendor)
    if found is None:
        parts = [
            db.part(Item, "i"),
            db.part(Record, "r", _RECORD_FIELDS),
            db.part(Library, "l", _LIBRARY_FIELDS),
            db.part(Network, "n", _NETWORK_FIELDS),
        ]
        sql = (
            f"SELECT {', '.join(p.columns() for p in parts)}"  # noqa: S608 - names from the models; values are parameters
            f" FROM {db.table(Item)} i"
            f" INNER JOIN {db.table(Library)} l ON l.id = i.library_id"
            f" INNER JOIN {db.table(Network)} n ON n.id = l.network_id"
            f" INNER JOIN {db.table(Record)} r ON r.id = i.record_id"
            " WHERE i.barcode = %s AND l.network_id = %s"
        )
        found = _DESK_ITEM[connection.vendor] = (sql, parts)
    return found


def desk_item_locked(*, barcode: str, network_id: int) -> Item | None:
    """The copy of this network with this barcode (or None) with its record, library and
    network, its row locked until the end of the transaction (``SELECT ... FOR UPDATE OF`` the
    copy alone: the library and network rows stay unlocked, or every desk of a library would
    wait for each other). One prepared statement; the same row and objects as
    ``item_lock``'s query. Only the desk services call it, inside their own atomic block
    (``circulation.services.loans``)."""
    if transaction.get_autocommit():  # as Django's select_for_update (on every database)
        raise TransactionManagementError("desk_item_locked() outside of a transaction.")
    sql, parts = _desk_item_statement()
    row = db.fetch_one(sql + db.lock_clause("i"), [barcode, network_id])
    if row is None:
        return None
    item, record, library, network = db.split(row, parts)
    db.attach(library, "network", network)
    db.attach(item, "library", library)
    db.attach(item, "record", record)
    found: Item = item
    return found


def _barcode_candidates(barcode: str) -> Iterable[str]:
    """Barcodes are stored in capitals (``services._clean_barcode``); a scanner set to lower
    case or a typed ``dm001...`` finds ``DM001...``. A code stored otherwise (an old import)
    is still found as typed."""
    code = (barcode or "").strip()
    return dict.fromkeys((code.upper(), code)) if code else ()


def _item_not_found() -> NotFound:
    return NotFound("item_not_found", _("Không tìm thấy tài liệu có mã vạch này."))


def desk_item_for_update(*, library: Library, barcode: str) -> Item:
    """The scanned copy of the library's network, locked (``desk_item_locked``); a code typed
    in lower case finds the copy stored in capitals. ``NotFound`` (``item_not_found``) when no
    copy has that barcode."""
    for candidate in _barcode_candidates(barcode):
        item = desk_item_locked(barcode=candidate, network_id=library.network_id)
        if item is not None:
            return item
    raise _item_not_found()


def desk_item_get(*, library: Library, barcode: str) -> Item:
    """A copy of the library's network by barcode (a desk takes back any copy of the network),
    read without a lock; the desk services lock the copy themselves (``desk_item_for_update``).
    ``NotFound`` (``item_not_found``) when no copy has that barcode."""
    for candidate in _barcode_candidates(barcode):
        # barcode is unique: no ORDER BY needed (it costs compile time on every scan)
        qs = desk_items().filter(barcode=candidate, library__network_id=library.network_id)
        item = next(iter(qs.order_by()[:1]), None)
        if item is not None:
            return item
    raise _item_not_found()


def item_lock(*, pk: int) -> Item:
    """The copy's row with its record, library and network, locked until the end of the
    transaction (``FOR UPDATE OF`` the copy alone; works in any library scope)."""
    return desk_items().select_for_update(of=("self",)).get(pk=pk)


# The import and the demo data: copies written in batches.


def item_records_by_barcode(barcodes: Iterable[str]) -> dict[str, int]:
    """{barcode: record id} of the copies with these barcodes, in any library (barcodes are
    unique across the whole database): what an import checks before it adds copies."""
    wanted = list(barcodes)
    if not wanted:
        return {}
    return dict(
        Item._base_manager.filter(barcode__in=wanted).values_list("barcode", "record_id")
    )


def insert_items(rows: Iterable[Mapping[str, Any]]) -> None:
    """Copies given as mappings of field values (``record_id``, ``library_id``, ``barcode``,
    ...) in one batch insert; a field not given takes the model's default (``core.db.
    model_rows``), ``status_changed_at`` the time of the batch as the copy's creation."""
    now = timezone.now()
    columns, out = db.model_rows(Item, ({"status_changed_at": now, **r} for r in rows))
    if out:
        db.insert_rows(Item, columns, out)
