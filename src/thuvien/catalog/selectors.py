"""Reading the catalogue. Records belong to a network: another network's record is a 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pymarc
from django.db.models import Count, QuerySet

from thuvien.core.scoping import library_scope, scopes_disabled

from .display import DisplayLine, display_lines, isbd_text
from .errors import RecordNotFound
from .marc.mij import to_pymarc
from .models import Authority, Record

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network


def record_get(*, network: Network | None, pk: int, include_deleted: bool = False) -> Record:
    qs = Record.objects.filter(network=network, pk=pk)
    if not include_deleted:
        qs = qs.filter(is_deleted=False)
    record = qs.first()
    if record is None:
        raise RecordNotFound()
    return record


@dataclass
class RecordView:
    """What the editor and the record page need: the row, pymarc, the display form."""

    record: Record
    marc: pymarc.Record
    lines: list[DisplayLine]
    isbd: str
    items: list[Any] = field(default_factory=list)
    holdings: list[dict[str, Any]] = field(default_factory=list)


def record_open(
    *, network: Network, pk: int, library: Library | None = None, language: str | None = None
) -> RecordView:
    """A record ready to show or edit; ``library`` adds that library's items (scoped)."""
    record = record_get(network=network, pk=pk)
    view = RecordView(
        record=record,
        marc=to_pymarc(record.marc),
        lines=display_lines(record.marc, language=language),
        isbd=isbd_text(record.marc),
    )
    if library is not None:
        view.items = record_items(record=record, library=library)
    view.holdings = record_holdings_summary(record=record)
    return view


def record_items(*, record: Record, library: Library) -> list[Any]:
    """The copies ``library`` holds of ``record`` (another library's copies stay hidden)."""
    from thuvien.holdings.models import Item

    with library_scope(library):
        return list(
            Item.objects.filter(record=record).select_related("location").order_by("barcode")
        )


def record_holdings_summary(*, record: Record) -> list[dict[str, Any]]:
    """Per library of the network: copies and available copies (public information)."""
    from thuvien.holdings.models import Item, ItemStatus

    with scopes_disabled():
        rows = (
            Item.objects.filter(record=record)
            .exclude(status=ItemStatus.WITHDRAWN)
            .values("library_id", "library__code", "library__name_vi", "status")
            .annotate(n=Count("id"))
        )
        out: dict[int, dict[str, Any]] = {}
        for row in rows:
            entry = out.setdefault(
                row["library_id"],
                {
                    "library_id": row["library_id"],
                    "code": row["library__code"],
                    "name": row["library__name_vi"],
                    "total": 0,
                    "available": 0,
                },
            )
            entry["total"] += row["n"]
            if row["status"] == ItemStatus.AVAILABLE:
                entry["available"] += row["n"]
    return sorted(out.values(), key=lambda e: e["code"])


def record_list(
    *, network: Network, query: str | None = None, library: Library | None = None
) -> QuerySet[Record]:
    """Records of the network, optionally narrowed to a title/ISBN query or a library."""
    from .services.exporting import export_queryset

    return export_queryset(network=network, library=library, query=query)


def record_by_identifier(*, network: Network, kind: str, value: str) -> list[Record]:
    """Records carrying an identifier (``isbn`` in ISBN-13 form, ``035``, ``001``)."""
    from .marc.isbn import normalize_isbn

    if kind == "isbn":
        value = normalize_isbn(value) or value
    return list(
        Record.objects.filter(
            network=network,
            is_deleted=False,
            identifiers__kind=kind,
            identifiers__value=value,
        ).distinct()
    )


def authority_list(
    *, network: Network, kind: str | None = None, query: str = ""
) -> QuerySet[Authority]:
    from thuvien.core.text import fold

    qs = Authority.objects.filter(network=network)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(heading_folded__contains=fold(query))
    return qs


def authority_get(*, network: Network, pk: int) -> Authority:
    from django.utils.translation import gettext

    from thuvien.core.errors import NotFound

    from .errors import CatalogErrorCode

    authority = Authority.objects.filter(network=network, pk=pk).first()
    if authority is None:
        raise NotFound(
            CatalogErrorCode.AUTHORITY_NOT_FOUND, gettext("Không tìm thấy biểu ghi chuẩn.")
        )
    return authority


@dataclass
class KeysetPage:
    """One page of records walked by key (never by OFFSET: page 40,000 of a million-record
    catalogue costs what page 1 costs); ``count`` is the real number of matching records."""

    records: list[Record]
    count: int
    next_cursor: str = ""
    prev_cursor: str = ""
    first: bool = True


def _cursor_key(record: Record, by_updated: bool) -> str:
    if by_updated:
        return f"{record.updated_at.isoformat()}~{record.pk}"
    return str(record.pk)


def _parse_cursor(cursor: str, by_updated: bool) -> tuple[Any, int] | None:
    """(updated_at or None, id) of a cursor from the URL; None for anything malformed."""
    from datetime import datetime

    try:
        if by_updated:
            stamp, _, pk = cursor.partition("~")
            return datetime.fromisoformat(stamp), int(pk)
        return None, int(cursor)
    except (ValueError, OverflowError):
        return None


def record_keyset_page(
    *, records: QuerySet[Record], by_updated: bool = False, after: str = "",
    before: str = "", size: int = 25,
) -> KeysetPage:  # fmt: skip
    """A page of ``records`` newest first (by ``updated_at`` then id, or by id), following
    the page whose last record is ``after`` or preceding the page whose first is ``before``.
    A cursor that does not parse (typed by hand) gives the first page."""
    order = ["-updated_at", "-id"] if by_updated else ["-id"]
    count = records.count()
    key = _parse_cursor(before, by_updated) if before else None
    if key is not None:  # walk backwards, then show the page in its usual order
        stamp, pk = key
        later = (
            records.filter(updated_at__gte=stamp).exclude(updated_at=stamp, id__lte=pk)
            if by_updated
            else records.filter(id__gt=pk)
        )
        ascending = [o.lstrip("-") for o in order]
        rows = list(later.order_by(*ascending)[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        if not more_before:  # reached the start: that is the first page, whole
            return record_keyset_page(records=records, by_updated=by_updated, size=size)
        return KeysetPage(
            records=rows,
            count=count,
            next_cursor=_cursor_key(rows[-1], by_updated) if rows else "",
            prev_cursor=_cursor_key(rows[0], by_updated) if rows else "",
            first=False,
        )
    key = _parse_cursor(after, by_updated) if after else None
    qs = records
    if key is not None:
        stamp, pk = key
        # (updated_at, id) < (stamp, pk), written as a range the index can walk
        qs = (
            qs.filter(updated_at__lte=stamp).exclude(updated_at=stamp, id__gte=pk)
            if by_updated
            else qs.filter(id__lt=pk)
        )
    rows = list(qs.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        records=rows,
        count=count,
        next_cursor=_cursor_key(rows[-1], by_updated) if more and rows else "",
        prev_cursor=_cursor_key(rows[0], by_updated) if key is not None and rows else "",
        first=key is None,
    )


def records_matching_words(records: QuerySet[Record], *, words: list[str]) -> QuerySet[Record]:
    """``records`` whose folded match key (title, first author) holds every folded word: the
    catalogue's search without an index."""
    from django.db.models import Q

    cond = Q()
    for word in words:
        cond &= Q(match_key__contains=word)
    return records.filter(cond)


def records_matching_number(
    records: QuerySet[Record], *, isbn: str, typed: str
) -> QuerySet[Record]:
    """``records`` with ``isbn`` (ISBN-13 digits, or a part of one) among their ISBNs, or the
    number as ``typed`` among their ISSNs or as their control number."""
    from django.db.models import Q

    return records.filter(
        Q(isbns__icontains=isbn) | Q(issns__icontains=typed) | Q(control_number=typed)
    )


def authority_linked_records(*, authority: Authority, limit: int = 100) -> tuple[int, list[Record]]:
    """How many live records an authority is linked to, and the first ``limit`` by title."""
    linked = Record.objects.filter(authority_links__authority=authority, is_deleted=False)
    linked = linked.distinct()
    return linked.count(), list(linked.order_by("title_sort", "id")[:limit])
