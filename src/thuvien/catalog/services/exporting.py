"""Exporting records as MARC: all of a network, one library's holdings, or a simple search."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from thuvien.core.text import fold

from ..errors import CatalogError, CatalogErrorCode
from ..marc.isbn import normalize_isbn
from ..marc.writer import MarcWriter, RecordTooLong, RecordUnwritable
from ..models import Record

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network


def export_queryset(
    *, network: Network, library: Library | None = None, query: str | None = None
) -> QuerySet[Record]:
    """Records to export: the network's, narrowed to what ``library`` holds and to ``query``.

    ``query`` is an ISBN (matched in its ISBN-13 form) or words of the title, with or without
    tone marks (matched against the folded match key).
    """
    qs = Record.objects.filter(network=network, is_deleted=False)
    if library is not None:
        from thuvien.core.scoping import scopes_disabled
        from thuvien.holdings.models import Item

        with scopes_disabled():
            held = Item.objects.filter(library=library).values("record_id")
            qs = qs.filter(pk__in=held)
    if query:
        isbn = normalize_isbn(query)
        if isbn:
            qs = qs.filter(identifiers__kind="isbn", identifiers__value=isbn)
        else:
            cond = Q()
            for word in fold(query).split():
                cond &= Q(match_key__contains=word)
            qs = qs.filter(cond)
    return qs.order_by("id")


def export_run(
    *,
    out: IO[bytes],
    network: Network,
    fmt: str = "iso2709",
    library: Library | None = None,
    query: str | None = None,
    chunk_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, list[int]]:
    """Write the selected records to ``out``; returns (records written, ids of the records
    that could not be written: longer than ISO 2709 allows, or a stored value that is not a
    record). A skipped record leaves nothing in the file, which stays valid (MARCXML: against
    MARC21slim.xsd, ``marc.slim``) with every other record in it.

    Streams by primary key ranges so memory stays flat on a million records. ``progress`` is
    called with the running count of records read, every 1000 and at the end.
    """
    if fmt not in ("iso2709", "marcxml", "json"):
        raise CatalogError(
            CatalogErrorCode.EXPORT_FORMAT,
            gettext("Định dạng “%(fmt)s” không được hỗ trợ.") % {"fmt": fmt},
            field="fmt",
        )
    writer = MarcWriter(out, fmt)
    skipped: list[int] = []
    if library is None and not query:
        rows = _all_rows(network.pk, chunk_size)
    else:
        rows = _queryset_rows(export_queryset(network=network, library=library, query=query),
                              chunk_size)  # fmt: skip
    for n, (pk, marc, text) in enumerate(rows, 1):
        if progress and n % 1000 == 0:
            progress(n)
        try:
            if fmt == "json" and text:
                writer.write_json_text(marc)
            else:
                writer.write(json.loads(marc) if text else marc)
        except (RecordTooLong, RecordUnwritable, json.JSONDecodeError):
            skipped.append(pk)
    writer.close()
    if progress:
        progress(writer.count + len(skipped))
    return writer.count, skipped


def _queryset_rows(qs: QuerySet[Record], chunk_size: int) -> Iterator[tuple[int, Any, bool]]:
    """(id, the MARC as the ORM decoded it, False)."""
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).values_list("pk", "marc")[:chunk_size])
        if not rows:
            return
        for pk, marc in rows:
            yield pk, marc, False
        last = rows[-1][0]


def _all_rows(network_id: int, chunk_size: int) -> Iterator[tuple[int, Any, bool]]:
    """Every live record of the network in id order, walking the primary key.

    A plain ``WHERE id > last ORDER BY id LIMIT n`` always uses the primary key; with the
    network and deletion filters in SQL, SQLite picks another index and sorts each chunk, which
    made a whole-catalogue export quadratic. The MARC comes back as stored text (SQLite) or
    already decoded (as some database drivers give jsonb), without the ORM's per-row
    conversion: the third value says it is JSON text.
    """
    table = connection.ops.quote_name(Record._meta.db_table)
    sql = (
        f"SELECT id, network_id, is_deleted, marc FROM {table} "  # noqa: S608 - model table name
        "WHERE id > %s ORDER BY id LIMIT %s"
    )
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, chunk_size])
            rows = cursor.fetchall()
        if not rows:
            return
        for pk, row_network, deleted, marc in rows:
            if row_network == network_id and not deleted:
                yield pk, marc, isinstance(marc, str)
        last = rows[-1][0]
