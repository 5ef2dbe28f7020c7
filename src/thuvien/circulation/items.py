"""Changing a copy's status through the holdings app's service; reading a copy's row locked for
the length of a desk service's transaction.

The holdings app owns ``Item``; circulation never writes to it except through
``holdings.services.item_status_change``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils.translation import gettext as _

from thuvien.core import db as q
from thuvien.core.errors import NotFound


def item_set_status(*, item: Any, status: str, actor: Any) -> None:
    if item.status == status:
        return
    from thuvien.holdings.services import item_status_change

    item_status_change(item=item, status=status, actor=actor)


def desk_items() -> Any:
    """Copies with what a desk shows and audits (record title, library and network) in one
    query. Of the record, the library and the network only the columns the desk uses are read
    (72 columns cost more to compile and load than the query takes in the database); any other
    is still there, read on first use."""
    from thuvien.holdings.models import Item

    own = [f.name for f in Item._meta.concrete_fields]
    return Item._base_manager.select_related("record", "library__network").only(
        *own,
        *(f"record__{n}" for n in ("network_id", "title")),
        *(f"library__{n}" for n in _LIBRARY_FIELDS),
        *(f"library__network__{n}" for n in ("code", "name_vi")),
    )


_LIBRARY_FIELDS = ("network_id", "parent_id", "code", "name_vi", "name_en", "is_active")
_RECORD_FIELDS = ("network_id", "title")
_NETWORK_FIELDS = ("code", "name_vi")
_DESK_ITEM: dict[str, tuple[str, list[Any]]] = {}  # per database vendor: SQL text, parts


def _desk_item_statement() -> tuple[str, list[Any]]:
    """The text of ``desk_items().filter(barcode=.., library__network_id=..)`` locked ``FOR
    UPDATE OF`` the copy alone, built once per process (see ``core.db``)."""
    from django.db import connection

    from thuvien.catalog.models import Record
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library, Network

    found = _DESK_ITEM.get(connection.vendor)
    if found is None:
        parts = [
            q.part(Item, "i"),
            q.part(Record, "r", _RECORD_FIELDS),
            q.part(Library, "l", _LIBRARY_FIELDS),
            q.part(Network, "n", _NETWORK_FIELDS),
        ]
        sql = (
            f"SELECT {', '.join(p.columns() for p in parts)}"  # noqa: S608 - names from the models; values are parameters
            f" FROM {q.table(Item)} i"
            f" INNER JOIN {q.table(Library)} l ON l.id = i.library_id"
            f" INNER JOIN {q.table(Network)} n ON n.id = l.network_id"
            f" INNER JOIN {q.table(Record)} r ON r.id = i.record_id"
            " WHERE i.barcode = %s AND l.network_id = %s"
        )
        found = _DESK_ITEM[connection.vendor] = (sql, parts)
    return found


def desk_item_locked(*, barcode: str, network_id: int) -> Any:
    """The copy of this network with this barcode (or None) with its record, library and
    network, its row locked until the end of the transaction (``SELECT ... FOR UPDATE OF`` the
    copy alone: the library and network rows stay unlocked, or every desk of a library would
    wait for each other). One prepared statement; the same row and objects as
    ``lock_queryset(desk_items())``. Only the desk services call it, inside their own atomic
    block (``services.desk``)."""
    if transaction.get_autocommit():  # as Django's select_for_update (on every database)
        raise TransactionManagementError("desk_item_locked() outside of a transaction.")
    sql, parts = _desk_item_statement()
    row = q.fetch_one(sql + q.lock_clause("i"), [barcode, network_id])
    if row is None:
        return None
    item, record, library, network = q.split(row, parts)
    q.attach(library, "network", network)
    q.attach(item, "library", library)
    q.attach(item, "record", record)
    return item


def desk_item_for_update(*, library: Any, barcode: str) -> Any:
    """The scanned copy of the library's network, locked (``desk_item_locked``); a code typed
    in lower case finds the copy stored in capitals. ``NotFound`` (``item_not_found``) when no
    copy has that barcode."""
    code = (barcode or "").strip()
    for candidate in dict.fromkeys((code.upper(), code)) if code else ():
        item = desk_item_locked(barcode=candidate, network_id=library.network_id)
        if item is not None:
            return item
    raise NotFound("item_not_found", _("Không tìm thấy tài liệu có mã vạch này."))


def lock_queryset(qs: Any) -> Any:
    """``SELECT ... FOR UPDATE OF`` the copy alone: the joined library and network rows stay
    unlocked, or every desk of a library would wait for each other."""
    return qs.select_for_update(of=("self",))


def item_lock(*, pk: int) -> Any:
    """The copy's row, locked until the end of the transaction (works in any library scope)."""
    return lock_queryset(desk_items()).get(pk=pk)
