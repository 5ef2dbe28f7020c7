"""Raw batch inserts for the import and demo paths.

Django's ``bulk_create`` spends most of its time preparing each value of each field (about
30 columns per record); at a million records that alone caps an import near 1,000 records/s on
this machine. These helpers build the rows as tuples and hand them to the driver's
``executemany`` (C speed on SQLite, pipelined on psycopg 3). Primary keys are reserved first
(``reserve_ids``) so identifiers and items can point at the new records without a read-back.
They run inside the caller's transaction; only plain columns are written, so the model's
``save()`` is bypassed on purpose (there is no business rule in save(), by convention).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from django.db import connection

from thuvien.core.db import db_now as _db_now
from thuvien.core.db import insert_rows, reserve_ids
from thuvien.core.jsontext import compact_json

from ..models import Record, RecordIdentifier

_RECORD_COLUMNS = (
    "id", "network_id", "marc", "title", "title_sort", "responsibility", "authors", "publisher",
    "place", "year", "edition", "isbns", "issns", "language", "material_type", "ddc", "subjects",
    "series", "physical_description", "notes", "links", "control_number",
    "control_number_identifier", "match_key", "work_key", "is_deleted", "created_at",
    "updated_at", "created_by_id", "cataloguing_library_id",
)  # fmt: skip
_JSON_COLUMNS = {"authors", "isbns", "issns", "subjects", "series", "notes", "links"}
# The columns ``marc.extract`` fills, in its order: what ``extracted_row`` packs for the writer.
EXTRACTED_COLUMNS = _RECORD_COLUMNS[3:-5]
_PICK = operator.itemgetter(*EXTRACTED_COLUMNS)
_JSON_AT = tuple(i for i, name in enumerate(EXTRACTED_COLUMNS) if name in _JSON_COLUMNS)

# One record's extracted values in EXTRACTED_COLUMNS order (strings, numbers, None, JSON text).
ExtractedRow = tuple[Any, ...]
TITLE_AT = EXTRACTED_COLUMNS.index("title")


def dumps(value: Any) -> str:
    """Compact JSON text for a JSON column (``core.jsontext``: the ``sha`` identifier hashes
    the MARC text, so its characters must never change)."""
    if not value and isinstance(value, list):
        return "[]"
    return compact_json(value)


def dumps_utf8(value: Any) -> bytes:
    """``dumps(value)`` as UTF-8 bytes, taken from orjson as it writes them (an import's MARC
    text, which is hashed and stored as bytes and so never needs to be a ``str``)."""
    try:
        return orjson.dumps(value)
    except TypeError:  # what orjson refuses goes through the standard encoder, as in dumps
        return dumps(value).encode()


def extracted_row(values: dict[str, Any]) -> ExtractedRow:
    """The extracted values of a record (``marc.extract``) as ``insert_records`` takes them:
    ``EXTRACTED_COLUMNS`` in order, the JSON ones as their text.

    Built where the record is extracted (an import's reader process): a tuple of strings
    crosses to the writer for about half the pickling of a dict of lists, and the writer
    binds it as it is (transfer 18 -> 11 us a record, the writer's dumps gone).
    """
    row = list(_PICK(values))
    for i in _JSON_AT:
        row[i] = dumps(row[i])
    return tuple(row)


def extracted_values(row: ExtractedRow) -> dict[str, Any]:
    """``extracted_row`` the other way: the values as ``marc.extract`` gave them."""
    values = dict(zip(EXTRACTED_COLUMNS, row, strict=True))
    for i in _JSON_AT:
        values[EXTRACTED_COLUMNS[i]] = json.loads(row[i])
    return values


def insert_records(
    *,
    network_id: int,
    rows: Sequence[tuple[str | bytes, ExtractedRow]],
    created_by_id: int | None = None,
    cataloguing_library_id: int | None = None,
) -> list[int]:
    """Insert records given as (MARC-in-JSON text, ``extracted_row``); returns their new ids.
    ``cataloguing_library_id``: the library the import runs for (until a copy comes, a record
    is seen as that library's holdings are: holdings/visibility.py).

    The text may come as its UTF-8 bytes (an import's readers send it so): SQLite stores them
    as TEXT through a cast, unchanged, so they are never decoded here to be encoded again by
    the driver; for PostgreSQL they are decoded.
    """
    ids = reserve_ids(Record, len(rows))
    now = _db_now()
    sqlite = connection.vendor == "sqlite"
    out = [
        (pk, network_id, marc.decode() if not sqlite and isinstance(marc, bytes) else marc, *row,
         False, now, now, created_by_id, cataloguing_library_id)
        for pk, (marc, row) in zip(ids, rows, strict=True)
    ]  # fmt: skip
    insert_rows(Record, _RECORD_COLUMNS, out, casts={"marc": "TEXT"} if sqlite else None)
    return ids


def lookup_identifiers(network_id: int, kind: str, values: Sequence[str]) -> list[tuple[str, int]]:
    """(value, record id) of the identifiers of ``kind`` among ``values`` in the network.

    One plain query on the (network, kind, value) index: building the same query through the
    ORM cost more CPU than running it (every value of the IN list goes through lookup
    preparation), and an import asks it several times per batch.
    """
    if not values:
        return []
    qn = connection.ops.quote_name
    table = qn(RecordIdentifier._meta.db_table)
    marks = ", ".join(["%s"] * len(values))
    sql = (
        f"SELECT {qn('value')}, {qn('record_id')} FROM {table} "  # noqa: S608 - names from meta
        f"WHERE {qn('network_id')} = %s AND {qn('kind')} = %s AND {qn('value')} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [network_id, kind, *values])
        found: list[tuple[str, int]] = cursor.fetchall()
        return found


def insert_identifiers(network_id: int, rows: Iterable[tuple[int, str, str]]) -> None:
    insert_rows(
        RecordIdentifier,
        ("record_id", "network_id", "kind", "value"),
        ((rid, network_id, kind, value[:255]) for rid, kind, value in rows),
    )


def insert_outbox(topic: str, ids: Iterable[int]) -> None:
    """Outbox rows for the search index, as ``core.outbox.outbox_add`` writes them, in bulk."""
    from thuvien.core import outbox
    from thuvien.core.models import OutboxEntry

    now = _db_now()
    rows = [(topic, pk, now, 0, "") for pk in ids]
    if not rows:
        return
    insert_rows(OutboxEntry, ("topic", "object_id", "created_at", "attempts", "last_error"), rows)
    outbox.outbox_kick_after_commit()
