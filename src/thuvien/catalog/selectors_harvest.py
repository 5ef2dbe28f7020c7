"""Reading the union catalogue for harvesters (OAI-PMH): records and tombstones in datestamp
order, page by page with a keyset cursor (datestamp, record id), never an offset, so the page at
the end of a million-record harvest costs what the first one does.

A record's datestamp is ``Record.updated_at``; a record that left a network (deleted, merged,
moved with its network's merger) is a ``RecordTombstone`` dated when it left, kept for ever.

Sets: ``network`` (every network), ``network:<code>``, ``library`` (records any library holds)
and ``library:<code>`` (records with a copy in that library); a scope may also name several
libraries (a library type, a group: records with a copy in one of them) and a material type.
A record whose last copy in a library is withdrawn shows as deleted in that library's set.
A live record that left a set otherwise (its copy moved to another library, deleted outright or
hidden from the public, its library changed type or group, its material type changed) has a
``RecordSetLeave`` for that set and shows as deleted there, for ever, until it comes back. The
same record id never appears twice in one listing: a deleted record is only its tombstone, a
tombstone of a record that moved to another network only counts in the set of the network it
left, and a leave only counts while the record is neither live (a shown copy), withdrawn
(copies, all withdrawn) nor tombstoned (hidden whole) in the set's libraries and, in a
material set, another material type (with that type, it is live or has its tombstone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Exists, F, Max, Min, Model, OuterRef, Q, QuerySet

from thuvien.network.models import Library, LibraryGroup, Network

from .marcxml import CACHED_FORMATS
from .models import Record, RecordSetLeave, RecordTombstone, TombstoneReason

_M = TypeVar("_M", bound=Model)

WITHDRAWN = "withdrawn"  # holdings' ItemStatus.WITHDRAWN: a copy that no longer counts


def _item_model() -> Any:
    # holdings sits above catalog: reach its model through the reverse relation, not an import
    return Record._meta.get_field("items").related_model


@dataclass(frozen=True)
class HarvestVisibility:
    """What the public may harvest (built by the caller from ``holdings.visibility``, which
    sits above catalog): filters of Record, of Item and of Library. Empty: everything."""

    records: Q = field(default_factory=Q)
    items: Q = field(default_factory=Q)
    libraries: Q = field(default_factory=Q)
    # the same rule as ``records`` for a page of ids at once (``visible_record_ids``), which a
    # listing uses instead of the filter when given
    record_ids: Callable[[list[int]], set[int]] | None = None


EVERYTHING = HarvestVisibility()


@dataclass(frozen=True)
class HarvestScope:
    """Which records a listing covers: everything, one network, one library, or every library
    (``library_any``)."""

    network_id: int | None = None
    library_id: int | None = None
    library_any: bool = False
    library_ids: tuple[int, ...] | None = None  # a copy in one of these (a type, a group)
    material_type: str | None = None
    # the set's spec, for the records that left it (``RecordSetLeave``); None: no such list
    set_spec: str | None = None


@dataclass
class HarvestEntry:
    record_id: int
    network_id: int
    datestamp: datetime
    deleted: bool
    marc: dict[str, Any] | None = None
    library_codes: list[str] = field(default_factory=list)
    material_type: str = ""
    xml: str | None = None  # the record serialised in the page's format (``HarvestXml``)
    left_set: str | None = None  # deleted only in this set (it left it): its spec


def harvest_networks() -> list[Network]:
    return list(Network.objects.order_by("code"))


def harvest_libraries(visibility: HarvestVisibility = EVERYTHING) -> list[Library]:
    return list(Library.objects.filter(visibility.libraries).order_by("code"))


def harvest_groups() -> list[LibraryGroup]:
    """Every group of libraries with its members' ids (``member_ids``), for the group sets."""
    groups = list(
        LibraryGroup.objects.select_related("network")
        .prefetch_related("libraries")
        .order_by("network__code", "code")
    )
    for group in groups:
        group.member_ids = sorted(lib.pk for lib in group.libraries.all())  # type: ignore[attr-defined]
    return groups


def harvest_network_by_code(code: str) -> Network | None:
    return Network.objects.filter(code=code).first()


def harvest_library_by_code(
    code: str, visibility: HarvestVisibility = EVERYTHING
) -> Library | None:
    return Library.objects.filter(visibility.libraries).filter(code=code).first()


def harvest_earliest_datestamp() -> datetime | None:
    """The oldest datestamp the repository holds (live records and tombstones)."""
    values = [
        Record.objects.aggregate(v=Min("updated_at"))["v"],
        RecordTombstone.objects.aggregate(v=Min("datestamp"))["v"],
    ]
    present = [v for v in values if v is not None]
    return min(present) if present else None


def harvest_latest_datestamp() -> datetime | None:
    values = [
        Record.objects.aggregate(v=Max("updated_at"))["v"],
        RecordTombstone.objects.aggregate(v=Max("datestamp"))["v"],
    ]
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _libraries_of(scope: HarvestScope) -> list[int] | None:
    """The libraries a scope's copies must be in; None: no library condition."""
    if scope.library_id is not None:
        return [scope.library_id]
    if scope.library_ids is not None:
        return list(scope.library_ids)
    return None


def _by_library(scope: HarvestScope) -> bool:
    return scope.library_id is not None or scope.library_any or scope.library_ids is not None


def _held(
    library_ids: list[int] | None, visibility: HarvestVisibility = EVERYTHING
) -> Any:
    items = (
        _item_model()
        ._base_manager.filter(record=OuterRef("pk"))
        .filter(visibility.items)
        .exclude(status=WITHDRAWN)
    )
    if library_ids is not None:
        items = items.filter(library_id__in=library_ids)
    return Exists(items)


def _live(scope: HarvestScope, visibility: HarvestVisibility = EVERYTHING) -> QuerySet[Record]:
    qs = Record.objects.filter(is_deleted=False).filter(visibility.records)
    if scope.network_id is not None:
        qs = qs.filter(network_id=scope.network_id)
    if scope.material_type is not None:
        qs = qs.filter(material_type=scope.material_type)
    if _by_library(scope):
        qs = qs.filter(_held(_libraries_of(scope), visibility))
    return qs


def _withdrawn_here(scope: HarvestScope) -> QuerySet[Record] | None:
    """Live records that left a library's set: the library (any library, for ``library``)
    had copies of them and every one is withdrawn now. They show as deleted in that set, dated
    by the record's datestamp (which the withdrawal moved, ``holdings`` touching the record)."""
    if not _by_library(scope):
        return None
    libraries = _libraries_of(scope)
    items = _item_model()._base_manager.filter(record=OuterRef("pk"))
    if libraries is not None:
        items = items.filter(library_id__in=libraries)
    qs = Record.objects.filter(is_deleted=False).filter(Exists(items))
    if scope.network_id is not None:
        qs = qs.filter(network_id=scope.network_id)
    if scope.material_type is not None:
        qs = qs.filter(material_type=scope.material_type)
    return qs.exclude(_held(libraries))


def _tombstones(scope: HarvestScope) -> QuerySet[RecordTombstone]:
    qs = RecordTombstone.objects.all()
    if scope.network_id is not None:
        return qs.filter(network_id=scope.network_id)
    qs = qs.exclude(reason=TombstoneReason.MOVED)
    if scope.material_type is not None:
        # a deleted record keeps its row (marked deleted), and so its material type
        kind = Record.objects.filter(material_type=scope.material_type)
        qs = qs.filter(record_id__in=kind.values("pk"))
    if _by_library(scope):
        items = _item_model()._base_manager.all()
        libraries = _libraries_of(scope)
        if libraries is not None:
            items = items.filter(library_id__in=libraries)
        qs = qs.filter(record_id__in=items.values("record_id"))
    return qs


def _set_leaves(
    scope: HarvestScope, visibility: HarvestVisibility = EVERYTHING
) -> QuerySet[RecordSetLeave] | None:
    """Records that left the scope's set and are neither live, withdrawn nor tombstoned in it
    (see the module's docstring: each record id once per listing). A copy hidden from the
    harvester does not keep the record in the set: its leave counts (the public no longer
    sees it there), unless the record is hidden whole, which its tombstone says."""
    if scope.set_spec is None:
        return None
    qs = RecordSetLeave.objects.filter(set_spec=scope.set_spec)
    if scope.network_id is not None:
        qs = qs.filter(network_id=scope.network_id)
    if _by_library(scope):
        copies = _item_model()._base_manager.filter(record_id=OuterRef("record_id"))
        libraries = _libraries_of(scope)
        if libraries is not None:
            copies = copies.filter(library_id__in=libraries)
        counting = copies.exclude(status=WITHDRAWN)
        # live there (``_live``), or every copy there withdrawn (``_withdrawn_here``)
        qs = qs.exclude(Exists(counting.filter(visibility.items)))
        qs = qs.exclude(Exists(copies) & ~Exists(counting))
        # hidden whole, or otherwise tombstoned, with a copy there (``_tombstones``)
        tombs = RecordTombstone.objects.filter(record_id=OuterRef("record_id"))
        if scope.network_id is not None:
            tombs = tombs.filter(network_id=scope.network_id)
        else:
            tombs = tombs.exclude(reason=TombstoneReason.MOVED)
        qs = qs.exclude(Exists(tombs) & Exists(copies))
    if scope.material_type is not None:
        kind = Record.objects.filter(pk=OuterRef("record_id"), material_type=scope.material_type)
        qs = qs.exclude(Exists(kind))
    return qs


def harvest_window(
    qs: QuerySet[_M], date_field: str, id_field: str, *, after: tuple[datetime, int] | None,
    since: datetime | None, before: datetime | None,
) -> QuerySet[_M]:  # fmt: skip
    """``qs`` between OAI-PMH's ``from`` and ``until``, after the resumption token's (date, id),
    in harvest order (the digital library's listing uses it too)."""
    if since is not None:
        qs = qs.filter(**{f"{date_field}__gte": since})
    if before is not None:
        qs = qs.filter(**{f"{date_field}__lt": before})
    if after is not None:
        # (date, id) > (ts, pk), written so that the index range starts at ts (a seek, not a
        # scan from the start: the page at the end of a harvest costs what the first does)
        ts, pk = after
        qs = qs.filter(**{f"{date_field}__gte": ts}).filter(
            Q(**{f"{date_field}__gt": ts}) | Q(**{f"{id_field}__gt": pk})
        )
    return qs.order_by(date_field, id_field)


def _live_rows(
    *, scope: HarvestScope, visibility: HarvestVisibility, fields: list[str], limit: int,
    after: tuple[datetime, int] | None, since: datetime | None, before: datetime | None,
) -> list[tuple[Any, ...]]:  # fmt: skip
    """Up to ``limit`` rows of live records after the cursor, visible to the harvester.

    The records' visibility condition is checked on each batch's ids apart from the keyset
    scan: written into the scan, its ``NOT EXISTS (copies) OR EXISTS (shown copies)`` made
    PostgreSQL hash every copy of the catalogue twice on every page (planned for the whole
    table, not the page): 650 ms a page at 101,000 records, whatever the page's depth.
    ``fields`` begins with id, network, datestamp."""
    plain = HarvestVisibility(items=visibility.items, libraries=visibility.libraries)
    check = visibility.record_ids
    rows: list[tuple[Any, ...]] = []
    cursor = after
    while len(rows) < limit:
        batch = list(
            harvest_window(_live(scope, plain), "updated_at", "id", after=cursor, since=since,
                    before=before).values_list(*fields)[:limit]
        )  # fmt: skip
        if not batch:
            break
        if check is not None:
            shown = check([row[0] for row in batch])
            rows += [row for row in batch if row[0] in shown]
        elif visibility.records:
            shown = set(
                Record.objects.filter(pk__in=[row[0] for row in batch])
                .filter(visibility.records)
                .values_list("pk", flat=True)
            )
            rows += [row for row in batch if row[0] in shown]
        else:
            rows += batch
        if len(batch) < limit:
            break
        cursor = (batch[-1][2], batch[-1][0])
    return rows[:limit]


def harvest_page(
    *,
    scope: HarvestScope,
    limit: int,
    after: tuple[datetime, int] | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    with_marc: bool = True,
    visibility: HarvestVisibility = EVERYTHING,
    xml: str | None = None,
) -> tuple[list[HarvestEntry], bool]:
    """Up to ``limit`` entries after the cursor ``after`` (datestamp, record id), with
    ``since <= datestamp < before``; and whether more follow. A record hidden from the
    harvester is left out; once shown, then hidden, it is a tombstone (``HIDDEN``).

    With ``xml`` (one of ``marcxml.CACHED_FORMATS``) and ``with_marc``, a live entry carries
    the record's current serialised XML in that format (``xml``) read in the same query, and
    its MARC only when that is missing or stale (one more query for those)."""
    cached = with_marc and xml in CACHED_FORMATS
    live_fields = ["id", "network_id", "updated_at", "material_type"]
    if cached:
        live_fields += ["harvest_xml__stamp", f"harvest_xml__{xml}"]
    elif with_marc:
        live_fields.append("marc")
    dead = harvest_window(
        _tombstones(scope), "datestamp", "record_id", after=after, since=since, before=before
    )
    rows = _live_rows(
        scope=scope, visibility=visibility, fields=live_fields, limit=limit + 1,
        after=after, since=since, before=before,
    )  # fmt: skip
    entries = [
        HarvestEntry(
            record_id=row[0],
            network_id=row[1],
            datestamp=row[2],
            deleted=False,
            material_type=row[3],
            marc=row[4] if with_marc and not cached else None,
            xml=row[5] if cached and row[4] == row[2] else None,
        )
        for row in rows
    ]
    if cached:
        missing = [e for e in entries if e.xml is None]
        if missing:
            marcs = harvest_marc(record_ids=[e.record_id for e in missing])
            for entry in missing:
                entry.marc = marcs.get(entry.record_id)
    entries += [
        HarvestEntry(record_id=r, network_id=n, datestamp=d, deleted=True)
        for r, n, d in dead.values_list("record_id", "network_id", "datestamp")[: limit + 1]
    ]
    left = _withdrawn_here(scope)
    if left is not None:
        left = harvest_window(left, "updated_at", "id", after=after, since=since, before=before)
        entries += [
            HarvestEntry(record_id=r, network_id=n, datestamp=d, deleted=True)
            for r, n, d in left.values_list("id", "network_id", "updated_at")[: limit + 1]
        ]
    leaves = _set_leaves(scope, visibility)
    if leaves is not None:
        leaves = harvest_window(
            leaves, "datestamp", "record_id", after=after, since=since, before=before
        )
        entries += [
            HarvestEntry(record_id=r, network_id=n, datestamp=d, deleted=True, left_set=spec)
            for r, n, d, spec in leaves.values_list(
                "record_id", "network_id", "datestamp", "set_spec"
            )[: limit + 1]
        ]
    entries.sort(key=lambda e: (e.datestamp, e.record_id))
    more = len(entries) > limit
    entries = entries[:limit]
    harvest_add_libraries(entries, visibility)
    return entries, more


def harvest_get(
    *, record_id: int, visibility: HarvestVisibility = EVERYTHING
) -> HarvestEntry | None:
    """One record by id: live with its MARC, or deleted if it has a tombstone (or is marked
    deleted); None if the repository never had it (or never showed it to this harvester)."""
    row = (
        Record.objects.filter(pk=record_id)
        .values_list("id", "network_id", "updated_at", "marc", "is_deleted", "material_type")
        .first()
    )
    if (
        row is not None
        and visibility is not EVERYTHING
        and not Record.objects.filter(pk=record_id).filter(visibility.records).exists()
    ):
        row = None  # hidden: its tombstone if it was once shown, else as if it never was
    if row is not None and not row[4]:
        entry = HarvestEntry(
            record_id=row[0], network_id=row[1], datestamp=row[2], deleted=False, marc=row[3],
            material_type=row[5],
        )  # fmt: skip
        harvest_add_libraries([entry], visibility)
        return entry
    tomb = (
        RecordTombstone.objects.filter(record_id=record_id)
        .order_by("-datestamp")
        .values_list("network_id", "datestamp")
        .first()
    )
    if tomb is not None:
        return HarvestEntry(
            record_id=record_id, network_id=tomb[0], datestamp=tomb[1], deleted=True
        )
    if row is not None:  # marked deleted by a path that wrote no tombstone
        return HarvestEntry(record_id=row[0], network_id=row[1], datestamp=row[2], deleted=True)
    return None


# --- which library-derived sets a record is in (for ``RecordSetLeave``) -------------------


def harvest_library_sets(
    visibility: HarvestVisibility = EVERYTHING, library_ids: Iterable[int] | None = None
) -> dict[int, frozenset[str]]:
    """The sets a copy in each library shown to the harvester (of ``library_ids``, or every
    one) puts its record in: ``library``, ``library:<code>``, ``type:<library type>`` and
    ``group:<network>:<group>`` (as the OAI-PMH sets count them: shown libraries only)."""
    libraries = Library.objects.filter(visibility.libraries)
    members = LibraryGroup.libraries.through.objects.all()
    if library_ids is not None:
        libraries = libraries.filter(pk__in=sorted(set(library_ids)))
        members = members.filter(library_id__in=sorted(set(library_ids)))
    specs = {
        pk: {"library", f"library:{code}", f"type:{kind}"}
        for pk, code, kind in libraries.values_list("pk", "code", "library_type")
    }
    rows: Iterable[tuple[int, str, str]] = members.values_list(
        "library_id", "librarygroup__network__code", "librarygroup__code"
    )
    for library_id, network, group in rows:
        if library_id in specs:
            specs[library_id].add(f"group:{network}:{group}")
    return {pk: frozenset(one) for pk, one in specs.items()}


def harvest_record_libraries(
    record_ids: Iterable[int], visibility: HarvestVisibility = EVERYTHING
) -> dict[int, set[int]]:
    """The libraries where each record has a copy that counts (shown, not withdrawn)."""
    ids = sorted(set(record_ids))
    out: dict[int, set[int]] = {pk: set() for pk in ids}
    for start in range(0, len(ids), 900):
        rows = (
            _item_model()
            ._base_manager.filter(record_id__in=ids[start : start + 900])
            .filter(visibility.items)
            .exclude(status=WITHDRAWN)
            .values_list("record_id", "library_id")
            .distinct()
        )
        for record_id, library_id in rows:
            out[record_id].add(library_id)
    return out


@dataclass(frozen=True)
class RecordCopies:
    """Where one record has copies: anywhere, counting (not withdrawn), and counting and shown
    to the harvester (library ids)."""

    anywhere: frozenset[int]
    counting: frozenset[int]
    shown: frozenset[int]


def harvest_record_copies(
    record_ids: Iterable[int], visibility: HarvestVisibility = EVERYTHING
) -> dict[int, RecordCopies]:
    """The libraries of each record's copies (``RecordCopies``), three queries per 900."""
    ids = sorted(set(record_ids))
    shown = harvest_record_libraries(ids, visibility)
    anywhere: dict[int, set[int]] = {pk: set() for pk in ids}
    counting: dict[int, set[int]] = {pk: set() for pk in ids}
    for start in range(0, len(ids), 900):
        rows = (
            _item_model()
            ._base_manager.filter(record_id__in=ids[start : start + 900])
            .values_list("record_id", "library_id", "status")
            .distinct()
        )
        for record_id, library_id, status in rows:
            anywhere[record_id].add(library_id)
            if status != WITHDRAWN:
                counting[record_id].add(library_id)
    return {
        pk: RecordCopies(frozenset(anywhere[pk]), frozenset(counting[pk]), frozenset(shown[pk]))
        for pk in ids
    }


def harvest_listed_sets_of(
    copies: dict[int, RecordCopies], library_sets: dict[int, frozenset[str]]
) -> dict[int, set[str]]:
    """Each record's library-derived sets in which a listing names it, given what each library
    gives (``harvest_library_sets``): live (a shown copy that counts in one of the set's
    libraries, ``_live``) or deleted because every copy it has in them is withdrawn
    (``_withdrawn_here``). A set it drops out of otherwise (a copy moved, deleted outright or
    hidden, a library that changed type or group) needs a ``RecordSetLeave`` to be told."""
    out: dict[int, set[str]] = {}
    for pk, held in copies.items():
        by_spec: dict[str, set[int]] = {}
        for lib in held.anywhere:
            for spec in library_sets.get(lib, ()):
                by_spec.setdefault(spec, set()).add(lib)
        out[pk] = {
            spec
            for spec, libs in by_spec.items()
            if libs & held.shown or not libs & held.counting
        }
    return out


def harvest_record_listed_sets(
    record_ids: Iterable[int], visibility: HarvestVisibility = EVERYTHING
) -> dict[int, set[str]]:
    """Each record's listed sets now (``harvest_listed_sets_of``)."""
    copies = harvest_record_copies(record_ids, visibility)
    held = set().union(*(one.anywhere for one in copies.values()))
    library_sets = harvest_library_sets(visibility, held) if held else {}
    return harvest_listed_sets_of(copies, library_sets)


def harvest_records_held(library_ids: Iterable[int]) -> list[int]:
    """The records with a copy in one of these libraries (withdrawn ones too: a listing names
    the record there as deleted)."""
    rows = (
        _item_model()
        ._base_manager.filter(library_id__in=list(library_ids))
        .values_list("record_id", flat=True)
        .distinct()
    )
    return sorted(rows)


def harvest_add_libraries(
    entries: Iterable[HarvestEntry], visibility: HarvestVisibility = EVERYTHING
) -> None:
    """Fill ``library_codes`` of live entries: the libraries holding a copy (one query)."""
    live = {e.record_id: e for e in entries if not e.deleted}
    if not live:
        return
    rows = (
        _item_model()
        ._base_manager.filter(record_id__in=list(live))
        .filter(visibility.items)
        .exclude(status=WITHDRAWN)
        .values_list("record_id", "library__code")
        .distinct()
    )
    for record_id, code in rows:
        live[record_id].library_codes.append(code)
    for entry in live.values():
        entry.library_codes.sort()


def harvest_holdings(
    *, record_ids: list[int], visibility: HarvestVisibility = EVERYTHING
) -> dict[int, list[dict[str, Any]]]:
    """Public holdings of each record, for MARC 852: one entry per copy that counts."""
    rows = (
        _item_model()
        ._base_manager.filter(record_id__in=record_ids)
        .filter(visibility.items)
        .exclude(status=WITHDRAWN)
        .order_by("library__code", "barcode")
        .values(
            "record_id", "barcode", "call_number", "status", "library__code",
            "library__name_vi", "location__name_vi",
        )
    )  # fmt: skip
    out: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["record_id"], []).append(row)
    return out


def harvest_marc(*, record_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored MARC of the live records among ``record_ids`` (one query), for protocol
    answers that found them through the index (SRU, Z39.50)."""
    rows = Record.objects.filter(pk__in=record_ids, is_deleted=False).values_list("id", "marc")
    return dict(rows)


def harvest_xml_stale_ids(*, limit: int, after_id: int = 0) -> list[int]:
    """The next ``limit`` live records (in id order after ``after_id``) whose ``HarvestXml``
    is missing or older than the record."""
    qs = (
        Record.objects.filter(is_deleted=False, pk__gt=after_id)
        .annotate(xml_stamp=F("harvest_xml__stamp"))
        .filter(Q(xml_stamp__isnull=True) | ~Q(xml_stamp=F("updated_at")))
    )
    return list(qs.order_by("pk").values_list("pk", flat=True)[:limit])
