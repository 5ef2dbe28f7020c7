"""Reading the digital library for harvesters (OAI-PMH): objects open to harvest
(``harvest_state.harvest_open_q``) and the tombstones of those that left, in datestamp order,
page by page with a keyset cursor (datestamp, object id), never an offset.

Scopes: every object, one network, one library, or the objects of a set of collections (a
collection with its sub-collections). An object that left is listed as deleted in the scopes
it is still filed under (its library, network and collections); an object taken out of a
collection is listed as deleted in that collection's scope (``CollectionLeave``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from thuvien.catalog.selectors_harvest import harvest_window
from thuvien.holdings.visibility import ANONYMOUS, library_visibility_q
from thuvien.network.models import Library

from .harvest_state import harvest_open_q
from .models import Collection, CollectionLeave, DigitalObject, DigitalTombstone

_M = TypeVar("_M", bound=Model)

_MEMBERS = DigitalObject.collections.through


@dataclass(frozen=True)
class DigitalScope:
    network_id: int | None = None
    library_id: int | None = None
    library_ids: tuple[int, ...] | None = None  # objects of one of these (a type, a group)
    collection_ids: frozenset[int] | None = None  # objects filed in any of these


@dataclass
class DigitalEntry:
    object_id: int
    network_id: int
    library_id: int
    datestamp: datetime
    deleted: bool
    obj: DigitalObject | None = None  # with its library, for the metadata
    library_code: str = ""
    collection_ids: list[int] = field(default_factory=list)
    left: list[int] | None = None  # deleted from these collections' sets (``CollectionLeave``)


def harvest_collections() -> list[Collection]:
    """Collections whose objects the public may harvest: the network's own and those of
    libraries whose holdings are public."""
    public = Library.objects.filter(library_visibility_q(ANONYMOUS))
    return list(
        Collection.objects.filter(Q(library__isnull=True) | Q(library__in=public))
        .select_related("network")
        .order_by("network_id", "code")
    )


def _scoped(qs: QuerySet[_M], scope: DigitalScope, id_field: str) -> QuerySet[_M]:
    if scope.network_id is not None:
        qs = qs.filter(network_id=scope.network_id)
    if scope.library_id is not None:
        qs = qs.filter(library_id=scope.library_id)
    if scope.library_ids is not None:
        qs = qs.filter(library_id__in=sorted(scope.library_ids))
    if scope.collection_ids is not None:
        members = _MEMBERS.objects.filter(collection_id__in=sorted(scope.collection_ids))
        qs = qs.filter(**{f"{id_field}__in": members.values("digitalobject_id")})
    return qs


def _open() -> QuerySet[DigitalObject]:
    return DigitalObject.all_objects.filter(harvest_open_q())


def digital_harvest_page(
    *,
    scope: DigitalScope,
    limit: int,
    after: tuple[datetime, int] | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    with_metadata: bool = True,
) -> tuple[list[DigitalEntry], bool]:
    """Up to ``limit`` entries after the cursor ``after`` with ``since <= datestamp <
    before``, and whether more follow."""
    live = harvest_window(
        _scoped(_open(), scope, "pk"), "updated_at", "id", after=after, since=since, before=before
    )
    if with_metadata:
        live = live.select_related("library", "thumbnail_page")
    else:
        live = live.only("id", "network_id", "library_id", "updated_at")
    dead = harvest_window(
        _scoped(DigitalTombstone.all_objects.exclude(object_id__in=_open().values("pk")), scope,
                "object_id"),
        "datestamp", "object_id", after=after, since=since, before=before,
    )  # fmt: skip
    entries = [
        DigitalEntry(
            object_id=o.pk,
            network_id=o.network_id,
            library_id=o.library_id,
            datestamp=o.updated_at,
            deleted=False,
            obj=o if with_metadata else None,
        )
        for o in live[: limit + 1]
    ]
    entries += [
        DigitalEntry(object_id=i, network_id=n, library_id=lib, datestamp=d, deleted=True)
        for i, n, lib, d in dead.values_list("object_id", "network_id", "library_id",
                                             "datestamp")[: limit + 1]
    ]  # fmt: skip
    if scope.collection_ids is not None:
        entries += _left(scope, limit=limit, after=after, since=since, before=before)
    entries.sort(key=lambda e: (e.datestamp, e.object_id, e.left is not None))
    more = len(entries) > limit
    seen: set[int] = set()
    page = []
    for entry in entries[:limit]:  # an object once a page (a tombstone and a leave)
        if entry.object_id not in seen:
            seen.add(entry.object_id)
            page.append(entry)
    _add_sets(page)
    return page, more


def _left(
    scope: DigitalScope, *, limit: int, after: tuple[datetime, int] | None,
    since: datetime | None, before: datetime | None,
) -> list[DigitalEntry]:  # fmt: skip
    """Objects taken out of the scope's collections and not filed in any of them now, as
    deleted entries dated when they left."""
    ids = sorted(scope.collection_ids or ())
    filed = _MEMBERS.objects.filter(collection_id__in=ids).values("digitalobject_id")
    leaves = _scoped(
        CollectionLeave.objects.filter(collection_id__in=ids), replace_collections(scope),
        "object_id",
    ).exclude(object_id__in=filed)  # fmt: skip
    rows = harvest_window(
        leaves, "datestamp", "object_id", after=after, since=since, before=before
    ).values_list("object_id", "network_id", "library_id", "datestamp", "collection_id")
    out: dict[int, DigitalEntry] = {}
    for object_id, network_id, library_id, datestamp, collection_id in rows[: limit + 1]:
        entry = out.setdefault(object_id, DigitalEntry(
            object_id=object_id, network_id=network_id, library_id=library_id,
            datestamp=datestamp, deleted=True, left=[],
        ))  # fmt: skip
        if entry.left is not None:
            entry.left.append(collection_id)
    return list(out.values())


def replace_collections(scope: DigitalScope) -> DigitalScope:
    """``scope`` without its collections (a leave is filtered by its own collection)."""
    return DigitalScope(
        network_id=scope.network_id, library_id=scope.library_id, library_ids=scope.library_ids
    )


def digital_harvest_get(*, object_id: int) -> DigitalEntry | None:
    """One object by id: open with its metadata, deleted if it left, None if it was never
    shown to harvesters."""
    obj = _open().select_related("library", "thumbnail_page").filter(pk=object_id).first()
    if obj is not None:
        entry = DigitalEntry(
            object_id=obj.pk, network_id=obj.network_id, library_id=obj.library_id,
            datestamp=obj.updated_at, deleted=False, obj=obj,
        )  # fmt: skip
    else:
        row = (
            DigitalTombstone.all_objects.filter(object_id=object_id)
            .values_list("network_id", "library_id", "datestamp")
            .first()
        )
        if row is None:
            return None
        entry = DigitalEntry(
            object_id=object_id, network_id=row[0], library_id=row[1], datestamp=row[2],
            deleted=True,
        )  # fmt: skip
    _add_sets([entry])
    return entry


def _add_sets(entries: list[DigitalEntry]) -> None:
    """Library codes and collection ids of a page (two queries)."""
    if not entries:
        return
    codes = dict(
        Library.objects.filter(pk__in={e.library_id for e in entries}).values_list("pk", "code")
    )
    filed: dict[int, list[int]] = {}
    rows = _MEMBERS.objects.filter(
        digitalobject_id__in=[e.object_id for e in entries]
    ).values_list("digitalobject_id", "collection_id")
    for object_id, collection_id in rows:
        filed.setdefault(object_id, []).append(collection_id)
    for entry in entries:
        entry.library_code = codes.get(entry.library_id, "")
        if entry.left is not None:  # named in the sets it left
            entry.collection_ids = sorted(set(entry.left))
        else:
            entry.collection_ids = sorted(filed.get(entry.object_id, []))


def digital_earliest_datestamp() -> datetime | None:
    values = [
        _open().order_by("updated_at").values_list("updated_at", flat=True).first(),
        DigitalTombstone.all_objects.order_by("datestamp")
        .values_list("datestamp", flat=True)
        .first(),
    ]
    present = [v for v in values if v is not None]
    return min(present) if present else None


def digital_counts() -> dict[str, Any]:
    """How many objects are open to harvest and how many left (for tests and reports)."""
    return {
        "open": _open().count(),
        "deleted": DigitalTombstone.all_objects.exclude(object_id__in=_open().values("pk")).count(),
    }
