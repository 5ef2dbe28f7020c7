"""Stocktaking (kiểm kê, Circular 18/2014/TT-BVHTTDL art. 9): start, scan, close.

What should be on the shelves is every copy of the library (or of one location) whose status
says it is there: available or damaged. Each scan is judged at once (on the shelf, found
although marked lost, in the wrong location, not meant to be on a shelf, another library's,
unknown); closing marks every expected copy that was not scanned as lost (through the holdings
service, audited, with the stocktake named in the note) and, if asked, returns the copies found
although marked lost to the shelf. The result stays on the stocktake for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.catalog.titles import shown_title
from thuvien.core.audit import audit_record
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.services import item_status_change, item_status_set
from thuvien.network.models import Library, Location

from .errors import OversightError, OversightErrorCode
from .models import ScanOutcome, Stocktake, StocktakeScan

E = OversightErrorCode
# The statuses of a copy that should stand on a shelf.
ON_SHELF = (ItemStatus.AVAILABLE, ItemStatus.DAMAGED)


def expected_items(stocktake: Stocktake) -> QuerySet[Item]:
    """The copies that should be found on the shelves the stocktake covers."""
    with scopes_disabled():
        items = Item.objects.filter(library_id=stocktake.library_id, status__in=ON_SHELF)
        if stocktake.location_id:
            items = items.filter(location_id=stocktake.location_id)
        return items


def stocktake_start(
    *, library: Library, actor: Any, location: Location | None = None, reason: str = ""
) -> Stocktake:
    """Open a stocktake; one open stocktake at a time for the same shelves."""
    if location is not None and location.library_id != library.pk:
        raise OversightError(E.WRONG_LOCATION, _("Kho này không thuộc thư viện."), field="location")
    with transaction.atomic(), scopes_disabled():
        Library.objects.select_for_update().filter(pk=library.pk).first()
        if Stocktake.objects.filter(
            library=library, location=location, status=Stocktake.Status.OPEN
        ).exists():
            raise OversightError(
                E.STOCKTAKE_OPEN, _("Đang có một đợt kiểm kê chưa kết thúc cho kho này.")
            )
        stocktake = Stocktake.objects.create(
            library=library,
            location=location,
            reason=reason.strip()[:255],
            started_at=timezone.now(),
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(actor=actor, action="oversight.stocktake.started", obj=stocktake)
    return stocktake


@dataclass(frozen=True)
class ScanResult:
    barcode: str
    outcome: str
    title: str = ""
    repeated: bool = False

    @property
    def label(self) -> str:
        return str(ScanOutcome(self.outcome).label)


def _judge(stocktake: Stocktake, item: Item | None) -> str:
    if item is None:
        return ScanOutcome.UNKNOWN
    if item.library_id != stocktake.library_id:
        return ScanOutcome.OTHER_LIBRARY
    if item.status == ItemStatus.LOST:
        return ScanOutcome.FOUND
    if item.status not in ON_SHELF:
        return ScanOutcome.NOT_ON_SHELF
    if stocktake.location_id and item.location_id != stocktake.location_id:
        return ScanOutcome.MISPLACED
    return ScanOutcome.ON_SHELF


def stocktake_scan(*, stocktake: Stocktake, barcode: str) -> ScanResult:
    """Record one scanned barcode (whatever its case); a second scan of it changes nothing."""
    barcode = (barcode or "").strip().upper()[:50]
    if not barcode:
        raise OversightError(E.BARCODE_EMPTY, _("Chưa có mã vạch."), field="barcode")
    if stocktake.status != Stocktake.Status.OPEN:
        raise OversightError(E.STOCKTAKE_CLOSED, _("Đợt kiểm kê này đã kết thúc."))
    with scopes_disabled():
        item = Item.objects.select_related("record").filter(barcode=barcode).first()
        previous = StocktakeScan.objects.filter(stocktake=stocktake, barcode=barcode).first()
        if previous is not None:
            title = shown_title(item.record.title) if item else ""
            return ScanResult(barcode, previous.outcome, title, repeated=True)
        outcome = _judge(stocktake, item)
        try:
            with transaction.atomic():
                StocktakeScan.objects.create(
                    stocktake=stocktake,
                    library_id=stocktake.library_id,
                    barcode=barcode,
                    item=item if outcome != ScanOutcome.OTHER_LIBRARY else None,
                    outcome=outcome,
                    scanned_at=timezone.now(),
                )
        except IntegrityError:  # the same code from two phones at once
            title = shown_title(item.record.title) if item else ""
            return ScanResult(barcode, outcome, title, repeated=True)
    # Another library's copy: say so, but never show its title.
    seen = item is not None and outcome != ScanOutcome.OTHER_LIBRARY
    title = shown_title(item.record.title) if seen and item else ""
    return ScanResult(barcode, outcome, title)


def stocktake_missing(stocktake: Stocktake) -> QuerySet[Item]:
    """Expected copies not scanned (yet)."""
    with scopes_disabled():
        scanned = StocktakeScan.objects.filter(stocktake=stocktake, item__isnull=False)
        return (
            expected_items(stocktake)
            .exclude(pk__in=scanned.values("item_id"))
            .select_related("record", "location")
            .order_by("call_number", "barcode")
        )


def stocktake_close(
    *, stocktake: Stocktake, actor: Any, mark_missing: bool = True, restore_found: bool = True
) -> Stocktake:
    """End the stocktake: mark what was not found lost, put back what was found."""
    with transaction.atomic(), scopes_disabled():
        stocktake = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
        if stocktake.status != Stocktake.Status.OPEN:
            raise OversightError(E.STOCKTAKE_CLOSED, _("Đợt kiểm kê này đã kết thúc."))
        note = _("Kiểm kê ngày %(day)s") % {"day": stocktake.started_at.strftime("%d/%m/%Y")}
        missing = list(stocktake_missing(stocktake))
        stocktake.expected = expected_items(stocktake).count()
        stocktake.missing = len(missing)
        if mark_missing:
            for item in missing:
                item_status_change(item=item, status=ItemStatus.LOST, actor=actor, note=note)
        if restore_found:
            found = StocktakeScan.objects.filter(
                stocktake=stocktake, outcome=ScanOutcome.FOUND
            ).select_related("item")
            for scan in found:
                if scan.item and scan.item.status == ItemStatus.LOST:
                    item_status_set(
                        item=scan.item, status=ItemStatus.AVAILABLE, actor=actor, note=note
                    )
        stocktake.status = Stocktake.Status.CLOSED
        stocktake.closed_at = timezone.now()
        stocktake.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        stocktake.save(
            update_fields=["status", "closed_at", "closed_by", "expected", "missing"]
        )
        audit_record(
            actor=actor,
            action="oversight.stocktake.closed",
            obj=stocktake,
            changes={"expected": [None, stocktake.expected], "missing": [None, stocktake.missing]},
        )
    return stocktake
