"""New acquisitions of a library or of a network: the newest items, one line per record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import get_language

from thuvien.catalog.models import Record
from thuvien.core.scoping import library_scope
from thuvien.holdings.item_sql import newest_item_rows
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.visibility import (
    ANONYMOUS,
    Viewer,
    visible_items_q,
    visible_library_ids,
)
from thuvien.network.models import Library, Network


@dataclass
class NewRow:
    record: Record
    acquired_at: datetime
    library_names: str


def resolve_place(
    library_code: str, network_code: str, viewer: Viewer = ANONYMOUS
) -> Library | Network | None:
    """A library (by code), else a network (by code), else None for every network. A library
    the viewer may not see is not found, as one that does not exist."""
    if library_code:
        lib = Library.objects.filter(code=library_code, is_active=True).first()
        seen = visible_library_ids(viewer)
        if lib and (seen is None or lib.pk in seen):
            return lib
    if network_code:
        return Network.objects.filter(code=network_code, is_active=True).first()
    return None


def feed_query(place: Library | Network | None) -> str:
    """The query string naming ``place`` on the new-acquisitions page and Atom feed."""
    if isinstance(place, Library):
        return urlencode({"library": place.code})
    if isinstance(place, Network):
        return urlencode({"network": place.code})
    return ""


def _library_ids(place: Any, viewer: Viewer) -> list[int]:
    if isinstance(place, Library):
        rows = [(place.pk, place.network_id, place.visibility)]
    else:
        libs = Library.objects.all()
        if isinstance(place, Network):
            libs = libs.filter(network=place)
        rows = list(libs.values_list("pk", "network_id", "visibility"))
    seen = visible_library_ids(Viewer(**_fields(viewer)), rows=rows)  # of these rows only
    ids = [pk for pk, _n, _v in rows]
    return ids if seen is None else [i for i in ids if i in seen]


def _fields(viewer: Viewer) -> dict[str, Any]:
    return {
        "superuser": viewer.superuser,
        "reader_networks": viewer.reader_networks,
        "staff_networks": viewer.staff_networks,
        "own_libraries": viewer.own_libraries,
    }


def new_acquisitions(
    *, place: Library | Network | None, limit: int = 20, viewer: Viewer = ANONYMOUS
) -> list[NewRow]:
    """The ``limit`` most recently acquired records in ``place`` (newest first) that
    ``viewer`` may see: copies of libraries hidden from him, or not shown, are left out."""
    lib_ids = _library_ids(place, viewer)
    seen: dict[int, tuple[datetime, set[int]]] = {}
    with library_scope(lib_ids):
        if len(lib_ids) > 1:  # many libraries: walk the date index (see holdings.item_sql)
            rows = newest_item_rows(library_ids=lib_ids, limit=limit * 8, viewer=viewer)
        else:
            rows = list(
                Item.objects.exclude(status=ItemStatus.WITHDRAWN)
                .filter(acquired_on__isnull=False)
                .filter(visible_items_q(viewer))
                .order_by("-acquired_on", "-id")
                .values_list("record_id", "library_id", "acquired_on", "created_at")[: limit * 8]
            )
        for record_id, lib_id, acquired_on, created_at in rows:
            if record_id not in seen:
                if len(seen) >= limit:
                    continue
                when = created_at
                if acquired_on:
                    when = timezone.make_aware(datetime.combine(acquired_on, time(8)))
                seen[record_id] = (when, set())
            seen[record_id][1].add(lib_id)
    records = Record.objects.filter(pk__in=list(seen), is_deleted=False).in_bulk()
    english = get_language() == "en"
    names = {
        pk: (en if english and en else vi)
        for pk, vi, en in Library.objects.filter(pk__in=lib_ids).values_list(
            "pk", "name_vi", "name_en"
        )
    }
    out = []
    for record_id, (when, libs) in seen.items():
        if record_id in records:
            libnames = ", ".join(sorted(names.get(i, "") for i in libs))
            out.append(NewRow(records[record_id], when, libnames))
    return out
