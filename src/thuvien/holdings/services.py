"""Writing items (copies): create, batch-create, update, change status, withdraw, delete.

Every change is audited and queues the record for the search index (the record document
carries its items' availability), in the same transaction as the write.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from thuvien.catalog.services.records import record_touch
from thuvien.core.audit import audit_record
from thuvien.core.db import prepared_update
from thuvien.core.hooks import Hook
from thuvien.core.outbox import outbox_add
from thuvien.core.scoping import scopes_disabled

from .errors import HoldingsError, HoldingsErrorCode
from .models import Item, ItemStatus, ItemType
from .selectors import item_move_allowed
from .set_follow import record_sets_kept

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.catalog.models import Record
    from thuvien.network.models import Library, Location

OUTBOX_TOPIC = "catalog.record"
MAX_BATCH = 500
_UNSET: Any = object()
_BARCODE_TAIL = re.compile(r"^(.*?)(\d+)$")
# Statuses circulation owns: only a checkout, a trapped hold or a transit sets them, and only
# a check-in, a pick-up or a receipt clears them.
CIRCULATION_STATUSES = frozenset(
    {ItemStatus.ON_LOAN, ItemStatus.ON_HOLD_SHELF, ItemStatus.IN_TRANSIT}
)
# What a cataloguer may set by hand (the item page's status list).
MANUAL_STATUSES = tuple(s for s in ItemStatus if s not in CIRCULATION_STATUSES)


# What a barcode label or a scanner gives: letters without marks, digits and a few separators.
# Anything else (a pasted "<script>", quotes, a tone mark) is refused, never stored.
BARCODE_CHARS = re.compile(r"[A-Z0-9][A-Z0-9.\-_/]*")


def _clean_barcode(barcode: str) -> str:
    barcode = (barcode or "").strip().upper()
    if not barcode:
        raise HoldingsError(
            HoldingsErrorCode.BARCODE_EMPTY,
            gettext("Mã vạch không được để trống."),
            field="barcode",
        )
    if len(barcode) > 50 or not BARCODE_CHARS.fullmatch(barcode):
        raise HoldingsError(
            HoldingsErrorCode.BARCODE_PATTERN,
            gettext(
                "Mã vạch không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và các dấu - . _ / "
                "(tối đa 50 ký tự, không có khoảng trắng)."
            ),
            field="barcode",
        )
    return barcode


def _taken(barcodes: list[str]) -> list[str]:
    with scopes_disabled():
        return sorted(Item.objects.filter(barcode__in=barcodes).values_list("barcode", flat=True))


def _barcode_taken_error(barcodes: list[str]) -> HoldingsError:
    return HoldingsError(
        HoldingsErrorCode.BARCODE_TAKEN,
        gettext("Mã vạch đã tồn tại: %(codes)s.") % {"codes": ", ".join(barcodes[:10])},
        field="barcode",
    )


def _check_record_library(record: Record, library: Library) -> None:
    if record.is_deleted:
        raise HoldingsError(HoldingsErrorCode.RECORD_DELETED, gettext("Biểu ghi này đã bị xoá."))
    if record.network_id != library.network_id:
        raise HoldingsError(
            HoldingsErrorCode.WRONG_NETWORK,
            gettext("Thư viện không thuộc mạng lưới của biểu ghi này."),
        )


def _check_location(location: Location | None, library: Library) -> None:
    if location is not None and location.library_id != library.pk:
        raise HoldingsError(
            HoldingsErrorCode.WRONG_LIBRARY,
            gettext("Vị trí không thuộc thư viện này."),
            field="location",
        )


def _check_item_type(item_type: str) -> None:
    if item_type not in ItemType.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_STATUS, gettext("Loại bản sao không hợp lệ."), field="item_type"
        )


def _check_price(price: Decimal | int | None) -> None:
    if price is not None and price < 0:
        raise HoldingsError(
            HoldingsErrorCode.PRICE_NEGATIVE,
            gettext("Giá không được là số âm."),
            field="price",
        )


def item_create(
    *,
    record: Record,
    library: Library,
    barcode: str,
    actor: User | None = None,
    location: Location | None = None,
    call_number: str = "",
    item_type: str = ItemType.BOOK,
    price: Decimal | int | None = None,
    acquired_on: dt.date | None = None,
    acquisition_source: str = "",
    status: str = ItemStatus.AVAILABLE,
    notes: str = "",
) -> Item:
    """Add one copy of ``record`` to ``library``; the barcode must be new in the whole system."""
    return items_create_batch(
        record=record,
        library=library,
        first_barcode=barcode,
        count=1,
        actor=actor,
        location=location,
        call_number=call_number,
        item_type=item_type,
        price=price,
        acquired_on=acquired_on,
        acquisition_source=acquisition_source,
        status=status,
        notes=notes,
    )[0]


def barcode_sequence(first_barcode: str, count: int) -> list[str]:
    """``"HY000120", 5`` -> ``HY000120 .. HY000124``, keeping the zero padding."""
    first = _clean_barcode(first_barcode)
    if count == 1:
        return [first]
    match = _BARCODE_TAIL.match(first)
    if not match:
        raise HoldingsError(
            HoldingsErrorCode.BARCODE_PATTERN,
            gettext("Mã vạch đầu tiên phải kết thúc bằng chữ số để đánh số liên tiếp."),
            field="barcode",
        )
    prefix, digits = match.groups()
    start, width = int(digits), len(digits)
    last = start + count - 1
    if len(str(last)) > width:
        raise HoldingsError(
            HoldingsErrorCode.BARCODE_PATTERN,
            gettext("Dãy mã vạch vượt quá số chữ số của mã vạch đầu tiên."),
            field="barcode",
        )
    return [f"{prefix}{n:0{width}d}" for n in range(start, last + 1)]


def items_create_batch(
    *,
    record: Record,
    library: Library,
    first_barcode: str,
    count: int,
    actor: User | None = None,
    location: Location | None = None,
    call_number: str = "",
    item_type: str = ItemType.BOOK,
    price: Decimal | int | None = None,
    acquired_on: dt.date | None = None,
    acquisition_source: str = "",
    status: str = ItemStatus.AVAILABLE,
    notes: str = "",
) -> list[Item]:
    """Add ``count`` copies with consecutive barcodes; nothing is created if any barcode exists."""
    if not 1 <= count <= MAX_BATCH:
        raise HoldingsError(
            HoldingsErrorCode.BATCH_SIZE,
            gettext("Số bản sao phải từ 1 đến %(max)s.") % {"max": MAX_BATCH},
            field="count",
        )
    _check_record_library(record, library)
    _check_location(location, library)
    _check_item_type(item_type)
    _check_price(price)
    if status not in ItemStatus.values:
        raise HoldingsError(HoldingsErrorCode.BAD_STATUS, gettext("Trạng thái không hợp lệ."))
    barcodes = barcode_sequence(first_barcode, count)
    now = timezone.now()
    items = [
        Item(
            record=record,
            library=library,
            barcode=code,
            location=location,
            call_number=(call_number or "").strip()[:100],
            item_type=item_type,
            price=price,
            acquired_on=acquired_on or timezone.localdate(),
            acquisition_source=(acquisition_source or "").strip()[:255],
            status=status,
            status_changed_at=now,
            notes=notes or "",
        )
        for code in barcodes
    ]
    try:
        with transaction.atomic():
            taken = _taken(barcodes)
            if taken:
                raise _barcode_taken_error(taken)
            with record_visibility_kept([record.pk]), record_sets_kept([record.pk]):
                for item in items:
                    item.save()
            for item in items:
                audit_record(
                    actor=actor,
                    action="holdings.item.created",
                    obj=item,
                    library=library,
                    changes={"barcode": [None, item.barcode], "record": [None, record.pk]},
                )
            outbox_add(OUTBOX_TOPIC, record.pk)
            record_touch(record_ids=[record.pk])
    except IntegrityError as exc:  # a concurrent desk took one of the barcodes
        raise _barcode_taken_error(_taken(barcodes) or barcodes) from exc
    return items


def item_update(
    *,
    item: Item,
    actor: User | None = None,
    barcode: str = _UNSET,
    location: Location | None = _UNSET,
    call_number: str = _UNSET,
    item_type: str = _UNSET,
    price: Decimal | int | None = _UNSET,
    acquired_on: dt.date | None = _UNSET,
    acquisition_source: str = _UNSET,
    notes: str = _UNSET,
    record: Record = _UNSET,
    library: Library = _UNSET,
) -> Item:
    """Change the given attributes of ``item`` (those not passed stay as they are).

    Status changes go through ``item_status_change``; moving the copy to another record
    (``record``) is allowed within the network, for merging duplicates, and to another library
    of the network (``library``, with a shelving location of that library or none): the
    record leaves the OAI-PMH sets it had only through this copy (``set_follow``).
    """
    new: dict[str, Any] = {}
    if barcode is not _UNSET:
        new["barcode"] = _clean_barcode(barcode)
    home = item.library
    if library is not _UNSET and library.pk != item.library_id:
        _check_record_library(record if record is not _UNSET else item.record, library)
        if actor is not None and not item_move_allowed(user=actor, item=item, library=library):
            raise HoldingsError(
                HoldingsErrorCode.MOVE_NOT_ALLOWED,
                gettext("Bạn không được chuyển bản sao này sang thư viện đó."),
                field="library",
            )
        new["library"] = home = library
        if location is _UNSET and item.location_id is not None:
            location = None  # the old library's shelf is not in the new one
    if location is not _UNSET:
        _check_location(location, home)
        new["location"] = location
    if call_number is not _UNSET:
        new["call_number"] = (call_number or "").strip()[:100]
    if item_type is not _UNSET:
        _check_item_type(item_type)
        new["item_type"] = item_type
    if price is not _UNSET:
        _check_price(price)
        new["price"] = price
    if acquired_on is not _UNSET:
        new["acquired_on"] = acquired_on
    if acquisition_source is not _UNSET:
        new["acquisition_source"] = (acquisition_source or "").strip()[:255]
    if notes is not _UNSET:
        new["notes"] = notes or ""
    old_record_id = item.record_id
    if record is not _UNSET:
        _check_record_library(record, home)
        new["record"] = record
    changes = {k: [getattr(item, k), v] for k, v in new.items() if getattr(item, k) != v}
    if not changes:
        return item
    try:
        with transaction.atomic():
            if "library" in changes:  # a copy lent or travelling stays where circulation has it
                _refuse_if_lent(item)
            if "barcode" in changes:
                with scopes_disabled():
                    clash = Item.objects.filter(barcode=new["barcode"]).exclude(pk=item.pk)
                    if clash.exists():
                        raise _barcode_taken_error([new["barcode"]])
            moved = {"location", "record", "library"} & changes.keys()  # where it is shown
            to_record = new["record"].pk if "record" in changes else item.record_id
            touched = [old_record_id, to_record] if moved else []
            with record_visibility_kept(touched), record_sets_kept(touched):
                for name, (_old, value) in changes.items():
                    setattr(item, name, value)
                item.save(update_fields=[*changes.keys(), "updated_at"])
            if "library" in changes:
                # a move is both libraries' business: the one the copy left reads it in its own
                # audit log too (an entry is filed under one library), not only the one it joined
                for library in changes["library"]:
                    audit_record(
                        actor=actor, action="holdings.item.moved", obj=item, library=library,
                        changes=changes,
                    )  # fmt: skip
            else:
                audit_record(
                    actor=actor, action="holdings.item.updated", obj=item, changes=changes
                )
            outbox_add(OUTBOX_TOPIC, {old_record_id, item.record_id})
            record_touch(record_ids=[old_record_id, item.record_id])
    except IntegrityError as exc:
        raise _barcode_taken_error([new.get("barcode", item.barcode)]) from exc
    return item


def item_status_change(
    *, item: Item, status: str, actor: User | None = None, note: str = ""
) -> Item:
    """Set the status of a copy (circulation calls this on checkout, return, transit, loss)."""
    if status not in ItemStatus.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_STATUS,
            gettext("Trạng thái “%(status)s” không hợp lệ.") % {"status": status},
        )
    if item.status == status:
        return item
    old = item.status
    # No savepoint when nested (circulation's desk transaction): a failure here fails the
    # caller's whole transaction anyway, and a savepoint costs two round trips per scan.
    with transaction.atomic(savepoint=False):
        item.status = status
        item.status_changed_at = timezone.now()
        # save(update_fields=...) as one prepared statement: every desk scan runs it, and
        # compiling the ORM's UPDATE cost a sixth of the scan's CPU (core.db).
        prepared_update(item, ["status", "status_changed_at", "updated_at"])
        changes: dict[str, Any] = {"status": [old, status]}
        if note:
            changes["note"] = note
        audit_record(actor=actor, action="holdings.item.status_changed", obj=item, changes=changes)
        outbox_add(OUTBOX_TOPIC, item.record_id)
        if ItemStatus.WITHDRAWN in (old, status):  # the copy left (or came back to) its set
            record_touch(record_ids=[item.record_id])
    return item


# Apps above holdings that can hold a copy (circulation: loans, holds, transits) register
# ``check(item) -> bool`` here, so holdings refuses to change a copy in use without importing
# them.
item_in_use_checks: Hook[Callable[[Item], bool]] = Hook("holdings.item_in_use")


def _in_circulation(item: Item) -> bool:
    """The copy is lent, on the hold shelf or travelling: by its status, or by what a
    registered check finds in the database (an open loan, an active hold on this very copy, an
    open transit), so a copy whose status was set wrong by hand still counts."""
    if item.status in CIRCULATION_STATUSES:
        return True
    return any(check(item) for check in item_in_use_checks)


def _refuse_if_lent(item: Item) -> None:
    """Refuse while circulation holds the copy. Called inside the caller's transaction: the
    copy's row is locked first and its status read again, so a checkout at a desk at the same
    moment waits for this change instead of racing it."""
    with scopes_disabled():
        row = Item.objects.select_for_update().filter(pk=item.pk).values("status").first()
    if row is not None:
        item.status = row["status"]
    if _in_circulation(item):
        raise HoldingsError(
            HoldingsErrorCode.ITEM_ON_LOAN,
            gettext(
                "Bản sao đang được mượn, đặt trước, nằm trên giá giữ chỗ hoặc đang luân chuyển: "
                "hãy xử lý ở quầy lưu thông (trả sách, huỷ đặt trước, nhận luân chuyển) trước. "
                "Không có gì bị thay đổi."
            ),
        )


def item_status_set(*, item: Item, status: str, actor: User | None = None, note: str = "") -> Item:
    """A cataloguer sets a copy's status by hand (the item page).

    The statuses circulation owns (on loan, on the hold shelf, in transit) cannot be set by
    hand, and a copy circulation holds (open loan, active hold on it, open transit) keeps its
    status: a lent copy is marked lost or damaged through circulation, which also settles the
    loan and its fees (as Koha refuses to withdraw a checked-out item).
    """
    if status not in ItemStatus.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_STATUS,
            gettext("Trạng thái “%(status)s” không hợp lệ.") % {"status": status},
            field="status",
        )
    if status in CIRCULATION_STATUSES:
        raise HoldingsError(
            HoldingsErrorCode.STATUS_CIRCULATION_ONLY,
            gettext(
                "Trạng thái “%(status)s” chỉ do nghiệp vụ lưu thông đặt (cho mượn, giữ chỗ, "
                "luân chuyển), không đặt tay được."
            )
            % {"status": ItemStatus(status).label},
            field="status",
        )
    if item.status == status:
        return item
    with transaction.atomic():
        _refuse_if_lent(item)
        return item_status_change(item=item, status=status, actor=actor, note=note)


def item_withdraw(*, item: Item, actor: User | None = None, reason: str = "") -> Item:
    """Withdraw a copy (thanh lý): it stays for the statistics but leaves the collection."""
    with transaction.atomic():
        _refuse_if_lent(item)
        return item_status_change(item=item, status=ItemStatus.WITHDRAWN, actor=actor, note=reason)


def item_delete(*, item: Item, actor: User | None = None) -> None:
    """Delete a copy entered by mistake; one with a loan history is withdrawn instead."""
    with transaction.atomic():
        _refuse_if_lent(item)
        record_id = item.record_id
        audit_record(
            actor=actor,
            action="holdings.item.deleted",
            obj=item,
            changes={"barcode": [item.barcode, None]},
        )
        try:
            # the sets of its library it was the record's last copy in: deleted there
            with (
                transaction.atomic(),
                record_visibility_kept([record_id]),
                record_sets_kept([record_id]),
            ):
                item.delete()
        except IntegrityError:
            # protected by loans or other history: keep it, withdrawn
            item_status_change(item=item, status=ItemStatus.WITHDRAWN, actor=actor)
            return
        outbox_add(OUTBOX_TOPIC, record_id)
        record_touch(record_ids=[record_id])


# --- visibility (issue 19): who may see a library's, a location's, an item's holdings ---------
# Library and location visibility are written here, not in network: a change re-indexes every
# record the place holds, and items belong to holdings (network sits below it).


def _records_held(*, library_id: int | None = None, location_id: int | None = None) -> list[int]:
    from django.db import connection

    from thuvien.catalog.models import Record

    column, value = ("library_id", library_id) if library_id else ("location_id", location_id)
    sql = f"SELECT DISTINCT record_id FROM {Item._meta.db_table} WHERE {column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        held = [row[0] for row in cursor.fetchall()]
    if library_id:  # and the records it catalogued that have no copy yet: seen as it is
        catalogued = Record.objects.filter(cataloguing_library_id=library_id).exclude(
            pk__in=Item.objects.model._base_manager.values("record_id")
        )
        held += list(catalogued.values_list("pk", flat=True))
    return held


def _public_before(record_ids: list[int]) -> set[int]:
    from .visibility import ANONYMOUS, visible_record_ids

    return visible_record_ids(ANONYMOUS, record_ids)


def _public_after(record_ids: list[int], before: set[int]) -> None:
    """Records the public no longer sees get a ``hidden`` tombstone (a harvester is told they
    are deleted); records it sees again lose it and are dated now (harvested again)."""
    from thuvien.catalog.models import Record, RecordTombstone, TombstoneReason

    from .visibility import ANONYMOUS, visible_record_ids

    after = visible_record_ids(ANONYMOUS, record_ids)
    now = timezone.now()
    gone, back = sorted(before - after), sorted(after - before)
    for start in range(0, len(gone), 900):
        rows = list(
            Record.objects.filter(pk__in=gone[start : start + 900], is_deleted=False).values_list(
                "pk", "network_id"
            )
        )
        RecordTombstone.objects.filter(
            record_id__in=[pk for pk, _n in rows], reason=TombstoneReason.HIDDEN
        ).delete()
        RecordTombstone.objects.bulk_create(
            [
                RecordTombstone(
                    record_id=pk, network_id=net, reason=TombstoneReason.HIDDEN, datestamp=now
                )
                for pk, net in rows
            ],
            ignore_conflicts=True,
        )
    for start in range(0, len(back), 900):
        chunk = back[start : start + 900]
        RecordTombstone.objects.filter(record_id__in=chunk, reason=TombstoneReason.HIDDEN).delete()
        Record.objects.filter(pk__in=chunk).update(updated_at=now)


# Higher apps whose public content follows a library's visibility (the digital library's
# objects over OAI-PMH) hear of a change inside its transaction: (library, public before,
# public after).
library_visibility_changed: Hook[Callable[[Any, bool, bool], None]] = Hook(
    "holdings.library_visibility_changed"
)


def _public_library(library_id: int) -> bool:
    from thuvien.network.models import Library

    from .visibility import ANONYMOUS, library_visibility_q

    return Library.objects.filter(pk=library_id).filter(library_visibility_q(ANONYMOUS)).exists()
@contextmanager
def record_visibility_kept(record_ids: Iterable[int]) -> Iterator[None]:
    """Around a write that adds, moves or removes copies (inside its transaction): the records
    the public stops seeing get a ``hidden`` tombstone, those it sees again lose it and are
    dated now (``_public_after``). The index follows through the outbox row the write adds.
    Every write path of copies goes through here or through the visibility services."""
    ids = sorted({pk for pk in record_ids if pk})
    if not ids:
        yield
        return
    before = _public_before(ids)
    yield
    _public_after(ids, before)


def library_visibility_set(
    *,
    library: Library,
    visibility: str,
    actor: User | None,
    share_for_copy_cataloguing: bool | None = None,
) -> Any:
    """Set who may see a library's holdings (the network admin's choice), audited; every
    record it holds goes to the search index through the outbox in the same transaction, so
    the worker applies it within seconds."""
    from thuvien.network.models import Library, LibraryVisibility

    if visibility not in LibraryVisibility.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_VISIBILITY, gettext("Phạm vi hiển thị không hợp lệ.")
        )
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        changes: dict[str, Any] = {}
        if library.visibility != visibility:
            changes["visibility"] = [library.visibility, visibility]
            library.visibility = visibility
        share = share_for_copy_cataloguing
        if share is not None and library.share_for_copy_cataloguing != share:
            changes["share_for_copy_cataloguing"] = [library.share_for_copy_cataloguing, share]
            library.share_for_copy_cataloguing = share
        if not changes:
            return library
        held = _records_held(library_id=library.pk)
        before = _public_before(held)
        was_public = _public_library(library.pk)
        with record_sets_kept(held) as moved:  # the public's library:, type:, group: sets
            library.save(update_fields=[*changes, "updated_at"])
        _public_after(held, before)
        record_touch(record_ids=moved)
        is_public = _public_library(library.pk)
        for follow in library_visibility_changed:
            follow(library, was_public, is_public)
        audit_record(
            actor=actor, action="network.library.visibility_changed", obj=library, changes=changes
        )
        outbox_add(OUTBOX_TOPIC, held)
    return library


def location_visibility_set(*, location: Location, visibility: str, actor: User | None) -> Any:
    """Mark a location normal, restricted reading or not shown; audited and re-indexed."""
    from thuvien.network.models import Location, ShelfVisibility

    if visibility not in ShelfVisibility.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_VISIBILITY, gettext("Chế độ hiển thị không hợp lệ.")
        )
    with transaction.atomic():
        location = Location.objects.select_for_update().get(pk=location.pk)
        if location.visibility == visibility:
            return location
        changes = {"visibility": [location.visibility, visibility]}
        held = _records_held(location_id=location.pk)
        before = _public_before(held)
        location.visibility = visibility
        with record_sets_kept(held) as moved:
            location.save(update_fields=["visibility"])
        _public_after(held, before)
        record_touch(record_ids=moved)
        audit_record(
            actor=actor,
            action="network.location.visibility_changed",
            obj=location,
            library=location.library,
            changes=changes,
        )
        outbox_add(OUTBOX_TOPIC, held)
    return location


def item_visibility_set(*, item: Item, visibility: str, actor: User | None) -> Item:
    """Mark one copy normal, restricted reading or not shown; audited and re-indexed."""
    from thuvien.network.models import ShelfVisibility

    if visibility not in ShelfVisibility.values:
        raise HoldingsError(
            HoldingsErrorCode.BAD_VISIBILITY, gettext("Chế độ hiển thị không hợp lệ.")
        )
    with transaction.atomic(), scopes_disabled():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.visibility == visibility:
            return item
        changes = {"visibility": [item.visibility, visibility]}
        before = _public_before([item.record_id])
        item.visibility = visibility
        with record_sets_kept([item.record_id]) as moved:
            item.save(update_fields=["visibility", "updated_at"])
        _public_after([item.record_id], before)
        record_touch(record_ids=moved)
        audit_record(
            actor=actor,
            action="holdings.item.visibility_changed",
            obj=item,
            library=item.library,
            changes=changes,
        )
        outbox_add(OUTBOX_TOPIC, item.record_id)
    return item
