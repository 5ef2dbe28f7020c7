"""What a result page reads of records and libraries, as plain rows in fixed SQL statements.

Why not the ORM: a result page made four ORM queries (the records, the libraries of the rows,
the library menu, the group labels) and a model instance per record. Building the SQL (filters,
ordering, column lists) on every call and the instances cost about 1 ms of CPU a page, several
times what SQLite takes to answer. The statements here are built once per process from the
models' own table and column names; every value is a bound parameter.

Libraries are read whole (a province has hundreds, not millions) in one statement that serves
the result rows, the library facet labels and the library menu; nothing is cached between
requests, so a renamed or closed library shows on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import orjson
from django.db import connection
from django.utils.translation import get_language

from thuvien.catalog.models import Record
from thuvien.network.models import Library, LibraryGroup

RECORD_FIELDS = (
    "id",
    "network_id",
    "title",
    "authors",
    "publisher",
    "year",
    "material_type",
    "language",
)


@dataclass(slots=True)
class RecordSummary:
    """The columns of a record that a result row shows (the portal and the API)."""

    pk: int
    network_id: int
    title: str
    authors: list[str]
    publisher: str
    year: int | None
    material_type: str
    language: str

    @property
    def id(self) -> int:
        return self.pk


@dataclass(slots=True)
class LibraryRef:
    """What a result page shows of a library (a model instance per holding cost ~0.1 ms).

    Not frozen: a frozen dataclass costs ~0.8 µs to build against ~0.2, and a page builds one
    per library of the network; nothing changes them after the read.
    """

    pk: int
    network_id: int
    code: str
    name_vi: str
    name_en: str
    is_active: bool = True
    visibility: str = "public"  # who may see its holdings (holdings.visibility)

    @property
    def id(self) -> int:
        return self.pk

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


def _column(model: type, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


@cache
def _record_select() -> str:
    columns = ", ".join(_column(Record, f) for f in RECORD_FIELDS)
    table = connection.ops.quote_name(Record._meta.db_table)
    return f"SELECT {columns} FROM {table} WHERE {_column(Record, 'id')} IN "  # noqa: S608


@cache
def _library_select() -> str:
    names = ("id", "network", "code", "name_vi", "name_en", "is_active", "visibility")
    columns = ", ".join(_column(Library, n) for n in names)
    table = connection.ops.quote_name(Library._meta.db_table)
    order = f"{_column(Library, 'network')}, {_column(Library, 'name_vi')}"
    return f"SELECT {columns} FROM {table} ORDER BY {order}"  # noqa: S608


@cache
def _group_select() -> str:
    columns = ", ".join(_column(LibraryGroup, n) for n in ("id", "name_vi", "name_en"))
    table = connection.ops.quote_name(LibraryGroup._meta.db_table)
    return f"SELECT {columns} FROM {table} WHERE {_column(LibraryGroup, 'id')} IN "  # noqa: S608


def record_summaries(ids: list[int]) -> dict[int, RecordSummary]:
    """The records of ``ids`` by primary key (missing ones, deleted since indexing, left out)."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_record_select() + "(" + ", ".join(["%s"] * len(ids)) + ")", ids)
        rows = cursor.fetchall()
    out = {}
    for pk, network_id, title, authors, publisher, year, mtype, language in rows:
        if isinstance(authors, str):  # JSON text on SQLite and (as Django reads it) PostgreSQL
            authors = orjson.loads(authors)  # a third of json.loads on these short lists
        out[pk] = RecordSummary(pk, network_id, title, authors, publisher, year, mtype, language)
    return out


def library_directory() -> dict[int, LibraryRef]:
    """Every library by primary key, in the library menu's order (network, Vietnamese name)."""
    with connection.cursor() as cursor:
        cursor.execute(_library_select())
        rows = cursor.fetchall()
    return {
        pk: LibraryRef(pk, network_id, code, vi, en, bool(active), visibility)
        for pk, network_id, code, vi, en, active, visibility in rows
    }


def group_names(ids: list[int]) -> list[tuple[int, str, str]]:
    """(pk, name_vi, name_en) of the library groups ``ids``."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_group_select() + "(" + ", ".join(["%s"] * len(ids)) + ")", ids)
        return cursor.fetchall()
