"""Holds on a title or a copy, the queue, transits between libraries and the hold shelf.

A returned (or pulled) copy is routed by ``route_item``: to the first reader in the queue (on
this library's hold shelf, or in transit to the pickup library), else home in transit, else
back on the shelf. The hold shelf expires by a periodic task, which passes the copy on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.holdings.item_sql import item_lock
from thuvien.holdings.models import ItemStatus

from ..errors import CirculationError, CirculationErrorCode
from ..items import item_set_status
from ..lending import copy_lends_home, hold_copy_check, hold_title_check
from ..loan_policy import due_date, rule_for
from ..models import ACTIVE_HOLD_STATUSES, Hold, HoldStatus, Transit

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.catalog.models import Record
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

C = CirculationErrorCode


@dataclass
class Routed:
    hold: Hold | None = None
    transit: Transit | None = None
    message: str = ""
    nothing_to_do: bool = False


def _library_name(library: Library) -> str:
    return library.name_vi


def _put_on_shelf(hold: Hold, item: Item, library: Library, actor: User | None, now: Any) -> None:
    rule = rule_for(
        library=library,
        category=hold.patron.category.code if hold.patron else "",
        item_type=item.item_type,
    )
    hold.status = HoldStatus.READY
    hold.item = item
    hold.ready_at = now
    hold.expires_on = due_date(
        library=library, start=timezone.localdate(), days=max(rule.hold_shelf_days, 1)
    )
    hold.save(update_fields=["status", "item", "ready_at", "expires_on"])
    item_set_status(item=item, status=ItemStatus.ON_HOLD_SHELF, actor=actor)
    hold_id = hold.pk
    transaction.on_commit(lambda: _enqueue_hold_ready(hold_id))


def _enqueue_hold_ready(hold_id: int) -> None:
    from ..tasks import hold_ready_notice_task

    hold_ready_notice_task(hold_id)


_FIRST_QUEUED_SQL = (
    "SELECT h.id FROM {hold} h INNER JOIN {library} l ON l.id = h.library_id"
    " WHERE h.status = %s AND l.network_id = %s AND h.patron_id IS NOT NULL"
    " AND ((h.item_id = %s AND h.item_level) OR (h.record_id = %s AND NOT h.item_level))"
    " ORDER BY h.placed_at, h.id LIMIT 1"
)


def first_queued_hold_sql(item: Item) -> tuple[str, list[Any]]:
    """The query for the first waiting reader's hold id; the check-in reads it as a subquery
    of its open-loan query (one round trip less per scan)."""
    from thuvien.network.models import Library

    sql = _FIRST_QUEUED_SQL.format(
        hold=connection.ops.quote_name(Hold._meta.db_table),
        library=connection.ops.quote_name(Library._meta.db_table),
    )
    return sql, [str(HoldStatus.QUEUED), item.library.network_id, item.pk, item.record_id]


def _first_queued_hold_id(item: Item) -> int | None:
    """Every check-in asks this; plain SQL costs a fraction of the ORM query with its joins,
    which then runs only when somebody is actually waiting."""
    sql, params = first_queued_hold_sql(item)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


UNKNOWN = object()  # "the caller did not read the first waiting hold": read it here


def next_hold_for(item: Item, *, hold_id: Any = UNKNOWN) -> Hold | None:
    """The first reader waiting for this copy or its title, anywhere in the network
    (``hold_id``: its id, or None for nobody, when the caller read it already)."""
    if hold_id is UNKNOWN:
        hold_id = _first_queued_hold_id(item)
    if hold_id is None:
        return None
    return (
        Hold.all_objects.select_related("library", "patron__category")
        .filter(pk=hold_id)
        .filter(
            status=HoldStatus.QUEUED,
            library__network_id=item.library.network_id,
            patron__isnull=False,
        )
        .filter(Q(item=item, item_level=True) | Q(record_id=item.record_id, item_level=False))
        .order_by("placed_at", "id")
        .first()
    )


def route_item(
    *, item: Item, library: Library, actor: User | None, now: Any, first_hold_id: Any = UNKNOWN
) -> Routed:
    """Decide where a copy that is in hand at ``library`` goes next (the item row is locked).

    ``first_hold_id``: the first waiting hold's id (or None) when the caller read it already
    with ``first_queued_hold_sql`` in this transaction."""
    transit = None
    if item.status == ItemStatus.IN_TRANSIT:  # an open transit always has its copy in transit
        transit = Transit.all_objects.filter(item=item, received_at__isnull=True).first()
    if transit is not None:
        if transit.library_id != library.pk:
            return Routed(
                transit=transit,
                message=_("Tài liệu đang luân chuyển: chuyển tiếp đến %(library)s.")
                % {"library": _library_name(transit.library)},
            )
        transit.received_at = now
        transit.save(update_fields=["received_at"])
        hold = transit.hold
        if hold is not None and hold.status == HoldStatus.IN_TRANSIT:
            _put_on_shelf(hold, item, library, actor, now)
            return Routed(
                hold=hold,
                transit=transit,
                message=_("Đã nhận luân chuyển. Đặt tài liệu lên giá giữ chỗ cho bạn đọc %(card)s.")
                % {"card": hold.patron.card_number if hold.patron else "-"},
            )
    # a copy in restricted reading stays in the library: no reader's hold traps it
    hold = next_hold_for(item, hold_id=first_hold_id) if copy_lends_home(item) else None
    if hold is not None:
        if hold.library_id == library.pk:
            _put_on_shelf(hold, item, library, actor, now)
            return Routed(
                hold=hold,
                message=_(
                    "Có bạn đọc đặt trước. Đặt tài liệu lên giá giữ chỗ cho bạn đọc %(card)s."
                )
                % {"card": hold.patron.card_number if hold.patron else ""},
            )
        hold.status = HoldStatus.IN_TRANSIT
        hold.item = item
        hold.save(update_fields=["status", "item"])
        new_transit = Transit.all_objects.create(
            library=hold.library,
            from_library=library,
            item=item,
            hold=hold,
            reason=Transit.Reason.HOLD,
            sent_at=now,
        )
        item_set_status(item=item, status=ItemStatus.IN_TRANSIT, actor=actor)
        return Routed(
            hold=hold,
            transit=new_transit,
            message=_("Có bạn đọc đặt trước. Chuyển tài liệu đến %(library)s.")
            % {"library": _library_name(hold.library)},
        )
    if item.library_id != library.pk:
        new_transit = Transit.all_objects.create(
            library=item.library,
            from_library=library,
            item=item,
            reason=Transit.Reason.RETURN,
            sent_at=now,
        )
        item_set_status(item=item, status=ItemStatus.IN_TRANSIT, actor=actor)
        return Routed(
            transit=new_transit,
            message=_("Tài liệu của thư viện khác. Chuyển trả về %(library)s.")
            % {"library": _library_name(item.library)},
        )
    was_available = item.status == ItemStatus.AVAILABLE and transit is None
    item_set_status(item=item, status=ItemStatus.AVAILABLE, actor=actor)
    return Routed(message=_("Đã nhận lại. Xếp tài liệu lên giá."), nothing_to_do=was_available)


def hold_place(
    *,
    patron: Patron,
    pickup_library: Library,
    actor: User | None,
    record: Record | None = None,
    item: Item | None = None,
) -> Hold:
    """Queue a hold on a title (any copy in the network) or on one copy."""
    if item is not None:
        record = item.record
    if record is None:
        raise CirculationError(C.HOLD_NOT_ALLOWED)
    if pickup_library.network_id != patron.network_id or record.network_id != patron.network_id:
        raise CirculationError(C.HOLD_NOT_ALLOWED)
    if patron.is_anonymised or patron.blocked_reason:
        raise CirculationError(C.PATRON_BLOCKED)
    if patron.expires_on < timezone.localdate():
        raise CirculationError(C.CARD_EXPIRED)
    rule = rule_for(
        library=pickup_library,
        category=patron.category.code,
        item_type=item.item_type if item is not None else "",
    )
    if not rule.holds_allowed:
        raise CirculationError(C.HOLD_NOT_ALLOWED)
    # the reader may queue only for what a desk could lend him (lending.py)
    if item is not None:
        hold_copy_check(item=item, patron=patron)
    else:
        hold_title_check(record=record, patron=patron)
    with transaction.atomic():
        active = Hold.all_objects.select_for_update().filter(
            patron=patron, status__in=ACTIVE_HOLD_STATUSES
        )
        active_list = list(active.values_list("record_id", flat=True))
        if record.pk in active_list:
            raise CirculationError(C.HOLD_ALREADY_PLACED)
        if len(active_list) >= rule.max_holds:
            raise CirculationError(C.HOLD_LIMIT_REACHED)
        hold = Hold.all_objects.create(
            library=pickup_library,
            patron=patron,
            record=record,
            item=item,
            item_level=item is not None,
            placed_at=timezone.now(),
            placed_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            action="circulation.hold.placed",
            obj=hold,
            library=pickup_library,
            changes={"record": record.pk, "item": item.barcode if item is not None else None},
        )
    return hold


def _release_item(hold: Hold, actor: User | None, now: Any) -> None:
    """A copy held for a hold that ended goes to the next reader or back to circulation."""
    if hold.item_id is None:
        return
    item = item_lock(pk=hold.item_id)
    if item.status != ItemStatus.ON_HOLD_SHELF:
        return  # in transit: the check-in at the destination routes it
    route_item(item=item, library=hold.library, actor=actor, now=now)


def hold_cancel(*, hold: Hold, actor: User | None) -> Hold:
    with transaction.atomic():
        hold = Hold.all_objects.select_for_update().get(pk=hold.pk)
        if hold.status not in ACTIVE_HOLD_STATUSES:
            raise CirculationError(C.HOLD_NOT_ACTIVE)
        now = timezone.now()
        was_ready = hold.status == HoldStatus.READY
        hold.status = HoldStatus.CANCELLED
        hold.closed_at = now
        hold.save(update_fields=["status", "closed_at"])
        if was_ready:
            _release_item(hold, actor, now)
        audit_record(
            actor=actor, action="circulation.hold.cancelled", obj=hold, library=hold.library
        )
    return hold


def holds_expire(*, today: dt.date | None = None) -> int:
    """Expire holds left on the shelf past their date and pass each copy on. Returns a count."""
    today = today or timezone.localdate()
    count = 0
    ids = list(
        Hold.all_objects.filter(status=HoldStatus.READY, expires_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            hold = Hold.all_objects.select_for_update().select_related("library").get(pk=pk)
            if hold.status != HoldStatus.READY:
                continue
            now = timezone.now()
            hold.status = HoldStatus.EXPIRED
            hold.closed_at = now
            hold.save(update_fields=["status", "closed_at"])
            _release_item(hold, None, now)
            audit_record(
                actor=None, action="circulation.hold.expired", obj=hold, library=hold.library
            )
            count += 1
    return count
