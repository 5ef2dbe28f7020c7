"""Reading items. Every selector takes the library: another library's item is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from thuvien.catalog.models import Record
from thuvien.core.errors import NotFound
from thuvien.core.scoping import library_scope, scopes_disabled

from .models import Item, ItemStatus


def _not_found() -> NotFound:
    return NotFound("holdings.item_not_found", gettext("Không tìm thấy bản sao."))


def item_get_for(*, library: Any, pk: int) -> Item:
    with library_scope(library):
        item = Item.objects.select_related("record", "location").filter(pk=pk).first()
    if item is None:
        raise _not_found()
    return item


def item_by_barcode(*, library: Any, barcode: str) -> Item:
    """The copy with this barcode in ``library`` (circulation desks scan barcodes)."""
    with library_scope(library):
        item = (
            Item.objects.select_related("record", "location")
            .filter(barcode=(barcode or "").strip().upper())
            .first()
        )
    if item is None:
        raise _not_found()
    return item


def item_list(
    *, library: Any, record: Any | None = None, status: str | None = None
) -> QuerySet[Item]:
    """The library's copies, optionally of one record or in one status (a lazy queryset:
    evaluate it inside ``library_scope(library)`` or a request of that library)."""
    with library_scope(library):
        qs = Item.objects.select_related("record", "location").filter(library=library)
    if record is not None:
        qs = qs.filter(record=record)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("barcode")


def call_number_for(*, record: Any) -> str:
    """The proposed call number of a record (DDC + author mark + work mark)."""
    from .callnumber import propose_call_number

    ind2 = "0"
    for field in record.marc.get("fields", ()):
        if "245" in field and isinstance(field["245"], dict):
            ind2 = field["245"].get("ind2", "0")
    nonfiling = int(ind2) if ind2.isdigit() else 0
    return propose_call_number(
        ddc=record.ddc, authors=record.authors, title=record.title, nonfiling=nonfiling
    )


def record_has_copies(record: Record) -> bool:
    """A library of the record's network still holds a copy of it (withdrawn ones aside), in
    any library scope: the catalogue asks before deleting the record."""
    with scopes_disabled():
        return Item.objects.filter(record=record).exclude(status=ItemStatus.WITHDRAWN).exists()


# --- what the public may see, for sitemaps (issue 19) ----------------------------------------


def public_record_list() -> QuerySet[Record]:
    """Records the public may see (``holdings.visibility``: no copy, or a copy shown to an
    anonymous visitor), oldest first, with only what a sitemap needs (id, last change)."""
    from .visibility import ANONYMOUS, record_visibility_q

    return (
        Record.objects.filter(is_deleted=False)
        .filter(record_visibility_q(ANONYMOUS))
        .order_by("pk")
        .only("pk", "updated_at")
    )


def public_library_list() -> QuerySet[Any]:
    """Active libraries whose holdings (and portal page) the public may see."""
    from thuvien.network.models import Library

    from .visibility import ANONYMOUS, library_visibility_q

    return (
        Library.objects.filter(is_active=True)
        .filter(library_visibility_q(ANONYMOUS))
        .order_by("code")
        .only("pk", "code", "updated_at")
    )


def records_visible_outside(*, record_ids: list[int], network_id: int, viewer: Any) -> list[Record]:
    """The live records among ``record_ids`` that belong to another network than
    ``network_id`` and that ``viewer`` may see (``visibility.record_visible``), by id."""
    from .visibility import record_visible

    found = (
        Record.objects.filter(pk__in=record_ids, is_deleted=False)
        .exclude(network_id=network_id)
        .select_related("network")
        .order_by("pk")
    )
    return [record for record in found if record_visible(viewer, record)]
