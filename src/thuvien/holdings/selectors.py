"""Reading items. Every selector takes the library: another library's item is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from thuvien.catalog.models import Record
from thuvien.core.errors import NotFound
from thuvien.core.scoping import library_scope, scopes_disabled

from .models import Item, ItemStatus

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network

    from .visibility import Viewer


def _not_found() -> NotFound:
    return NotFound("holdings.item_not_found", gettext("Không tìm thấy bản sao."))


def item_get_for(*, library: Library, pk: int) -> Item:
    with library_scope(library):
        item = Item.objects.select_related("record", "location").filter(pk=pk).first()
    if item is None:
        raise _not_found()
    return item


def item_get_among(*, libraries: list[Library], pk: int) -> Item:
    """The copy ``pk`` if it is in one of ``libraries`` (those a person works in): where a
    copy went after another tab moved it. Elsewhere or nowhere: the same NotFound."""
    with library_scope(libraries):
        item = (
            Item.objects.select_related("record", "library")
            .filter(pk=pk, library__in=[lib.pk for lib in libraries])
            .first()
        )
    if item is None:
        raise _not_found()
    return item


def item_by_barcode(*, library: Library, barcode: str) -> Item:
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
    *, library: Library, record: Record | None = None, status: str | None = None
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


def item_move_allowed(*, user: Any, item: Item, library: Library) -> bool:
    """May ``user`` move ``item`` to ``library``: another open library of the copy's network
    where they may edit copies (``CATALOGUE``; a network administrator holds it in every one).
    The one rule the staff screen's choices and ``item_update(library=...)`` both ask."""
    from thuvien.accounts.capabilities import Capability
    from thuvien.accounts.permissions import can

    return (
        library.pk != item.library_id
        and library.network_id == item.library.network_id
        and library.is_active
        and can(user, Capability.CATALOGUE, library)
    )


def item_move_targets(*, user: Any, item: Item, libraries: list[Library]) -> list[Library]:
    """Of ``libraries`` (those the person works in, already read by the request), the ones
    ``item`` may be moved to by them (``item_move_allowed``)."""
    return [lib for lib in libraries if item_move_allowed(user=user, item=item, library=lib)]


def call_number_for(*, record: Record) -> str:
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


def record_copy_shelves(*, record_id: int, network_id: int) -> list[tuple[int, str, str, str]]:
    """(library id, library visibility, copy visibility, location visibility) of every copy of
    a record in a network: a title-level hold asks whether any of them could be lent."""
    with scopes_disabled():
        rows = Item.objects.filter(record_id=record_id, library__network_id=network_id).values_list(
            "library_id", "library__visibility", "visibility", "location__visibility"
        )
        return [(lib, str(lvis), str(vis), str(loc or "")) for lib, lvis, vis, loc in rows]


def libraries_visible(
    *,
    viewer: Viewer,
    network: Network | None = None,
    network_code: str | None = None,
    group_pk: int | None = None,
    library_type: str | None = None,
    province: str | None = None,
    commune: str | None = None,
    q: str | None = None,
) -> QuerySet[Any]:
    """Active libraries whose holdings ``viewer`` may see, by code, narrowed to a network
    (given, or by code), a group (by id), a type, an area and a name search
    (``network.selectors.library_list``); an unknown network or group code gives none."""
    from thuvien.network.models import Library
    from thuvien.network.selectors import group_by_pk, library_list, network_by_code

    from .visibility import library_visibility_q

    if network_code:
        network = network_by_code(code=network_code)
    group = group_by_pk(pk=group_pk) if group_pk is not None else None
    if (network_code and network is None) or (group_pk is not None and group is None):
        return Library.objects.none()
    return (
        library_list(
            network=network,
            library_type=library_type,
            group=group,
            province=province,
            commune=commune,
            q=q,
        )
        .filter(library_visibility_q(viewer))
        .order_by("code")
    )


def records_visible(
    *, viewer: Viewer, network_code: str | None = None, query: str = ""
) -> QuerySet[Record]:
    """Records not deleted that ``viewer`` may see, newest first, narrowed to a network (by
    code) and to a query: every word in the folded match key, or the ISBN as typed."""
    from django.db.models import Q

    from thuvien.core.text import fold

    from .visibility import record_visibility_q

    qs = (
        Record.objects.filter(is_deleted=False)
        .filter(record_visibility_q(viewer))
        .select_related("network")
        .order_by("-id")
    )
    if network_code:
        qs = qs.filter(network__code=network_code)
    if query:
        cond = Q()
        for word in fold(query).split():
            cond &= Q(match_key__contains=word)
        qs = qs.filter(cond | Q(identifiers__kind="isbn", identifiers__value=query)).distinct()
    return qs


def record_get_visible(
    *, pk: int, network: Network | None = None, viewer: Viewer | None = None
) -> Record | None:
    """The record not deleted, or None when missing, of another network than ``network``
    (writes) or hidden from ``viewer`` (reads)."""
    from .visibility import record_visible

    qs = Record.objects.filter(pk=pk, is_deleted=False).select_related("network")
    if network is not None:
        qs = qs.filter(network=network)
    record = qs.first()
    if record is None or (viewer is not None and not record_visible(viewer, record)):
        return None
    return record


def record_items_visible(*, record: Record, viewer: Viewer) -> list[Item]:
    """The record's copies in every library of its network that ``viewer`` may see, withdrawn
    ones left out, with library and location, by library code and call number."""
    from thuvien.network.models import Library

    from .visibility import visible_items_q

    with library_scope(Library.objects.filter(network_id=record.network_id)):
        return list(
            Item.objects.filter(record=record)
            .filter(visible_items_q(viewer))
            .exclude(status=ItemStatus.WITHDRAWN)
            .select_related("library", "location")
            .order_by("library__code", "call_number", "id")
        )


def catalogue_records(*, network: Network, viewer: Viewer | None = None) -> QuerySet[Record]:
    """The network's live records (for the staff catalogue), only those ``viewer`` may see
    when given (``visibility``: a cataloguer sees hidden libraries' records shared for copy
    cataloguing)."""
    from .visibility import record_visibility_q

    qs = Record.objects.filter(network=network, is_deleted=False)
    return qs.filter(record_visibility_q(viewer)) if viewer is not None else qs


def items_added_since(*, library: Library, start: Any) -> list[Item]:
    """The library's copies created since ``start``, with their records, by call number."""
    return list(
        Item.objects.filter(library=library, created_at__gte=start)
        .select_related("record")
        .order_by("call_number", "barcode")
    )


def items_by_barcodes(*, library: Library, barcodes: list[str]) -> dict[str, Item]:
    """The library's copies with these barcodes (exactly as given), with their records."""
    return {
        i.barcode: i
        for i in Item.objects.filter(library=library, barcode__in=barcodes).select_related(
            "record"
        )
    }


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
