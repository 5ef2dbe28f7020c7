"""Index documents built from the database: one per record, with what its items say.

The database is the source of truth; a document is plain data (``engine.IndexDocument``) so the
engine can be swapped. Items are library-owned, so they are read inside an explicit scope of
every library (the index serves the whole union catalogue; scopes are applied at query time).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection

from thuvien.catalog.marc.extract import fast_sort_string
from thuvien.catalog.models import Record
from thuvien.core.hooks import Hook
from thuvien.core.text import vi_sort_string
from thuvien.digital.selectors import record_fulltext
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.visibility import HIDDEN, LibraryTiers, library_tokens, record_tokens
from thuvien.network.models import Library, LibraryGroup

RECORD_FIELDS = (
    "id",
    "network_id",
    "cataloguing_library_id",
    "title",
    "title_sort",
    "responsibility",
    "publisher",
    "year",
    "language",
    "material_type",
    "ddc",
    "work_key",
    # the JSON columns last and side by side: ``_raw_rows`` decodes them in one call per row
    "authors",
    "isbns",
    "issns",
    "subjects",
    "series",
    "notes",
)
ITEM_FIELDS = ("record_id", "library_id", "status", "call_number", "visibility", "location_id")
NOTES_CAP = 2000
AVAILABLE = str(ItemStatus.AVAILABLE.value)  # a plain str: enum comparisons are slow
JSON_FIELDS = {"authors", "isbns", "issns", "subjects", "series", "notes"}
_IN_CHUNK = 900  # ids per IN list (SQLite builds before 3.32 allow 999 parameters)


# Facet values a higher app knows of a record ("places", "persons": names staff confirmed in
# its text, thuvien.ai): each registered function takes record ids and returns
# {record id: {"places": [...], "persons": [...]}}; called once per batch of documents.
document_extras: Hook[Any] = Hook("search.document_extras")


def _add_extras(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not docs:
        return docs
    ids = [d["id"] for d in docs]
    for extras in document_extras:
        found = extras(ids)
        for doc in docs:
            doc.update(found.get(doc["id"], {}))
    return docs


_AUTHOR_KEYS: dict[str, str] = {}


def author_key(name: str) -> str:
    """Vietnamese sort key of an author (memoised: the same names come back all the time).

    ``fast_sort_string`` gives the bytes of ``vi_sort_string`` from a per-word cache: an import
    of new names missed the memo on nearly every record and spent 50 us in ``vi_sort_string``.
    """
    key = _AUTHOR_KEYS.get(name)
    if key is None:
        if len(_AUTHOR_KEYS) > 200_000:
            _AUTHOR_KEYS.clear()
        key = _AUTHOR_KEYS[name] = fast_sort_string(name[:60], width=80)
    return key


class LibraryFacts:
    """Library type, groups and visibility of every library, read once per batch (a small
    table)."""

    def __init__(self) -> None:
        self.ids = list(Library.objects.values_list("id", flat=True))
        self.types = dict(Library.objects.values_list("id", "library_type"))
        self.tiers = LibraryTiers()
        # Library types and groups are counted over public holdings only: a count under
        # "armed forces" must not give a hidden library's holdings away (issue 19).
        self.public = {pk for pk, (_n, vis, _s) in self.tiers.libs.items() if vis == "public"}
        self.groups: dict[int, list[int]] = defaultdict(list)
        for group_id, lib_id in LibraryGroup.libraries.through.objects.values_list(
            "librarygroup_id", "library_id"
        ):
            self.groups[lib_id].append(group_id)
        self._memo: dict[tuple[int, ...], dict[str, list]] = {}

    def of(self, libs: list[int]) -> dict[str, list]:
        """Library types and groups of a set of holding libraries (memoised per set)."""
        key = tuple(libs)
        facts = self._memo.get(key)
        if facts is None:
            facts = self._memo[key] = {
                "library_types": sorted({self.types.get(lib, "") for lib in libs} - {""}),
                "groups": sorted({g for lib in libs for g in self.groups.get(lib, [])}),
            }
        return facts


# The title order key of a record without a title, or whose title has no letter or digit to
# order by (the pages show "[Không nhan đề]"): after every title when sorted by title, as a
# reader expects, and first in the reverse order, as SQL's NULLS LAST / NULLS FIRST. The keys of
# ``vi_sort_string`` are ASCII below DEL, so DEL follows them all. Here, in the document that
# every backend takes, so no backend has to know it; the catalogue's own column keeps "\x01".
UNTITLED_SORT = "\x7f"


def title_order_key(title_sort: str, title: str) -> str:
    """The document's ``title_sort``: the record's column (``vi_sort_string`` bytes: the
    letters, "\x01", the tones), made from the title if empty; ``UNTITLED_SORT`` when the
    letters are none."""
    key = title_sort or vi_sort_string(title)
    return UNTITLED_SORT if key.startswith("\x01") else key


def build_document(row: dict[str, Any], items: list[tuple], facts: LibraryFacts) -> dict[str, Any]:
    """The document of one record row (``RECORD_FIELDS``) and its item tuples (``ITEM_FIELDS``).

    ``visible_to`` holds the visibility tokens of the record (``holdings.visibility``); copies
    not shown (an item or location marked hidden) count for no library, availability or call
    number, and library types and groups come from public libraries only."""
    visible_to = record_tokens(
        [(it[1], it[4], it[5]) for it in items], facts.tiers, row.get("cataloguing_library_id")
    )
    loc_vis = facts.tiers.location_vis
    tiered: tuple[list[str], list[str]] = ([], [])
    if any(it[4] == HIDDEN or it[5] in loc_vis or it[1] not in facts.public for it in items):
        tiered = tiered_facets(items, facts)
        items = [it for it in items if it[4] != HIDDEN and loc_vis.get(it[5] or 0) != HIDDEN]
    libs = sorted({it[1] for it in items})
    notes = " ".join(row.get("notes") or [])[:NOTES_CAP]
    authors = row.get("authors") or []
    return {
        "id": row["id"],
        "network": row["network_id"],
        "title": row["title"],
        "title_sort": title_order_key(row.get("title_sort") or "", row["title"]),
        "author_sort": author_key(authors[0]) if authors else "",
        "responsibility": row.get("responsibility") or "",
        "authors": authors,
        "publisher": row.get("publisher") or "",
        "year": row.get("year"),
        "isbns": row.get("isbns") or [],
        "issns": row.get("issns") or [],
        "language": row.get("language") or "",
        "material_type": row.get("material_type") or "",
        "ddc": row.get("ddc") or "",
        "subjects": row.get("subjects") or [],
        "series": row.get("series") or [],
        "notes": [notes] if notes else [],
        "work": row.get("work_key") or "",
        "libraries": libs,
        "available_at": sorted({it[1] for it in items if it[2] == AVAILABLE}),
        "call_numbers": sorted({it[3] for it in items if it[3]}),
        "visible_to": visible_to,
        # "on a shelf somewhere" as everyone may see it (the count of the availability facet)
        "available_public": any(it[2] == AVAILABLE and it[1] in facts.public for it in items),
        **facts.of([lib for lib in libs if lib in facts.public]),
        # library, type and group values not everyone sees, with whom they are seen by
        "tiered_facets": tiered[0],
        "tiered_filters": tiered[1],
    }


def tiered_facets(items: list[tuple], facts: LibraryFacts) -> tuple[list[str], list[str]]:
    """The library, library-type and group values of a record that not everyone sees, written
    with the visibility tokens they are seen through: ``kind|tokens|value`` once per value
    (counted: a viewer holding one of the tokens counts the record once) and ``kind|token|value``
    per token (chosen as a filter). A value seen by the public is left to the public fields
    (``lib``, ``ltype``, ``grp``); a library with a shown copy is in ``lib`` already (counted
    for the viewers who see that library), so here only its hidden copies count, for its staff.

    A copy is seen through its library's token (when the copy and its location are shown) and
    by its library's own staff (``l<library>``, always). Of the tokens of a value only the widest
    are kept: ``r<N>`` (readers of N) covers ``s<N>`` (its staff) and ``l<L>`` (staff of a
    library of N), as every holder of the narrower also holds the wider."""
    tiers = facts.tiers
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    shown_libs: set[int] = set()
    for it in items:
        lib = it[1]
        known = tiers.libs.get(lib)
        if known is None:
            continue
        net, lib_vis, _share = known
        tokens = {f"l{lib}"}
        if it[4] != HIDDEN and tiers.location_vis.get(it[5] or 0) != HIDDEN:
            tokens.add(library_tokens(net, lib, lib_vis))
            shown_libs.add(lib)
        seen[("lib", str(lib))] |= tokens
        kind = facts.types.get(lib)
        if kind:
            seen[("ltype", kind)] |= tokens
        for group in facts.groups.get(lib, ()):
            seen[("grp", str(group))] |= tokens
    counted: list[str] = []
    chosen: list[str] = []
    for (name, value), tokens in sorted(seen.items()):
        if "pub" in tokens or (name == "lib" and int(value) in shown_libs):
            continue
        widest = _widest(tokens, tiers)
        counted.append(f"{name}|{'+'.join(widest)}|{value}")
        chosen += [f"{name}|{t}|{value}" for t in widest]
    return counted, chosen


def _widest(tokens: set[str], tiers: LibraryTiers) -> list[str]:
    readers = {t[1:] for t in tokens if t[0] == "r"}
    staff = {t[1:] for t in tokens if t[0] == "s"} - readers
    networks = readers | staff
    own = [
        t
        for t in tokens
        if t[0] == "l" and str(tiers.libs.get(int(t[1:]), (0,))[0]) not in networks
    ]
    return sorted([*(f"r{n}" for n in readers), *(f"s{n}" for n in staff), *own])


def _items_by_record(item_rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = defaultdict(list)
    for row in item_rows:
        out[row[0]].append(row)
    return out


def _item_rows(where: str, params: list[Any]) -> dict[int, list[tuple]]:
    """Item tuples (``ITEM_FIELDS``) of the records selected by ``where``, grouped by record.

    The index serves the whole union catalogue, so every library's items count and there is
    no tenant to filter on (scopes apply at query time). The query stands on the record index
    alone: the scope of every library used to add ``library_id IN (all of them)``, which made
    SQLite walk the library index, i.e. every item of the network, once per chunk (quadratic
    in a rebuild: 0.16 s per 5,000 records at 100,000 records, ten times that at a million).
    """
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ITEM_FIELDS)
    table = qn(Item._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608 - names from meta
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _items_by_record(cursor.fetchall())


def documents_for(record_ids: list[int]) -> tuple[list[dict[str, Any]], list[int]]:
    """Documents to write and ids to delete (missing or deleted records) for ``record_ids``."""
    facts = LibraryFacts()
    rows: list[dict[str, Any]] = []
    items: dict[int, list[tuple]] = {}
    qn = connection.ops.quote_name
    for start in range(0, len(record_ids), _IN_CHUNK):
        ids = record_ids[start : start + _IN_CHUNK]
        marks = ", ".join(["%s"] * len(ids))
        rows += _record_rows(f"{qn('id')} IN ({marks})", ids)
        items.update(_item_rows(f"{qn('record_id')} IN ({marks})", ids))
    docs = _add_extras(
        _with_fulltext([build_document(r, items.get(r["id"], []), facts) for r in rows])
    )
    kept = {d["id"] for d in docs}
    return docs, [i for i in record_ids if i not in kept]


def _record_rows(where: str, params: list[Any], limit: int | None = None) -> list[dict[str, Any]]:
    """Live records (``RECORD_FIELDS``) selected by ``where``, in id order, in plain SQL.

    Not through the ORM: an outbox drain asks for 900 ids at a time, and building
    ``id__in=[...]`` prepared every value of the list one by one (about 7 us a record).
    """
    qn = connection.ops.quote_name
    columns = ", ".join(qn(Record._meta.get_field(n).column) for n in RECORD_FIELDS)
    sql = (
        f"SELECT {columns} FROM {qn(Record._meta.db_table)} "  # noqa: S608 - names from meta
        f"WHERE NOT {qn('is_deleted')} AND {where} ORDER BY {qn('id')}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _raw_rows(sql, params, RECORD_FIELDS)


def _raw_rows(sql: str, params: list[Any], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of ``sql`` through the DB cursor, skipping Django's per-value converters.

    Reindexing a million records spent more time in JSONField.from_db_value than anywhere
    else. On SQLite the JSON columns come back as text: those of one row (side by side at the
    end of ``names``) are decoded in a single ``json.loads`` of "[a,b,...]", one call instead
    of one per column. PostgreSQL's driver hands jsonb over decoded already.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    loads = json.loads
    json_idx = [i for i, n in enumerate(names) if n in JSON_FIELDS]
    first = json_idx[0] if json_idx else len(names)
    assert json_idx == list(range(first, len(names))), "JSON columns must come last"
    out = []
    for values in rows:
        texts = values[first:]
        if texts and all(type(v) is str for v in texts):
            values = [*values[:first], *loads("[" + ",".join(texts) + "]")]
        else:
            values = [loads(v) if i >= first and isinstance(v, str) else v
                      for i, v in enumerate(values)]  # fmt: skip
        out.append(dict(zip(names, values, strict=True)))
    return out


def iter_documents(*, chunk: int = 5000) -> Iterator[dict[str, Any]]:
    """Every live record in id order, two queries per chunk (records, then their items)."""
    facts = LibraryFacts()
    last = 0
    while True:
        docs, last_id = documents_after(last, chunk=chunk, facts=facts)
        if not docs:
            return
        yield from docs
        last = last_id


def documents_after(
    after: int, *, chunk: int, facts: LibraryFacts, upto: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Documents of the next ``chunk`` live records with ids above ``after`` (up to ``upto``
    included); returns them and the last id read."""
    qn = connection.ops.quote_name
    where, params = f"{qn('id')} > %s", [after]
    if upto is not None:
        where, params = f"{where} AND {qn('id')} <= %s", [after, upto]
    rows = _record_rows(where, params, limit=chunk)
    if not rows:
        return [], after
    first, last = rows[0]["id"], rows[-1]["id"]
    items = _item_rows(f"{qn('record_id')} >= %s AND {qn('record_id')} <= %s", [first, last])
    docs = [build_document(row, items.get(row["id"], []), facts) for row in rows]
    return _add_extras(_with_fulltext(docs)), last


def _with_fulltext(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the OCR text of the digital objects linked to each record (``fulltext``)."""
    texts = record_fulltext([d["id"] for d in docs])
    for doc in docs:
        text = texts.get(doc["id"])
        if text:
            doc["fulltext"] = text
    return docs
