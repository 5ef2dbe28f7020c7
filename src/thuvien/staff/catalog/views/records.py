"""Search and browse the union catalogue; a record's page with its display form, MARC and items.

The cataloguer's search box takes what lies on the desk: a copy's barcode (scanned: straight to
its record), an ISBN/ISSN or control number, or words. Words go to the search engine with the
portal's query language (fields, phrases, truncation, with or without tone marks) over every
record of the network, items or not; while the index cannot answer (not built yet), a plain
database search on the folded title and first author keeps the desk working.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.ai.selectors import record_entity_proposals
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.marc.isbn import normalize_isbn
from thuvien.catalog.models import Record
from thuvien.catalog.selectors import (
    record_keyset_page,
    record_open,
    records_matching_number,
    records_matching_words,
)
from thuvien.core.errors import NotFound
from thuvien.core.text import fold
from thuvien.holdings.selectors import catalogue_records, item_by_barcode
from thuvien.holdings.visibility import record_visible, viewer_for

from ..editor import marc_lines
from .common import can_write

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
_ISBN_LIKE = re.compile(r"^[0-9][0-9\- ]{7,}[0-9Xx]$")
_BARCODE_LIKE = re.compile(r"^[A-Za-z0-9\-]{3,40}$")
_WORD = re.compile(r"\w+")
_MAX_PAGE_DIGITS = 7


@dataclass
class StaffSearch:
    """What the search box found: a page of records and how to reach the others.

    Words go to the search engine and are paged by number (its ranking); what the database
    answers (the newest records, an identifier, the fallback without an index) is walked by
    key, so every page of a million-record catalogue is as quick as the first."""

    records: list[Record] = field(default_factory=list)
    count: int = 0
    barcode_record: int | None = None
    error: str = ""
    # paged by number (engine)
    number: int = 0
    num_pages: int = 0
    window_end: bool = False
    count_approximate: bool = False
    # paged by key (database)
    next_cursor: str = ""
    prev_cursor: str = ""
    first: bool = True


def _page_number(value: str | None) -> int:
    """The page asked for: a positive whole number, anything else is page 1."""
    value = (value or "").strip()
    if not value.isdigit() or len(value) > _MAX_PAGE_DIGITS:
        return 1
    return max(1, int(value))


def _keyset(records, params, *, by_updated: bool = False) -> StaffSearch:
    page = record_keyset_page(
        records=records, by_updated=by_updated, after=params.get("after", "")[:80],
        before=params.get("before", "")[:80], size=PAGE_SIZE,
    )  # fmt: skip
    return StaffSearch(
        records=page.records, count=page.count, next_cursor=page.next_cursor,
        prev_cursor=page.prev_cursor, first=page.first,
    )  # fmt: skip


def _database_search(base, query: str):
    """Every folded word in the folded title or first author (the fallback without an index)."""
    return records_matching_words(base, words=_WORD.findall(fold(query)))


def _engine_page(network, base, query: str, number: int, viewer=None) -> StaffSearch:
    """Page ``number`` of the engine's ranking for ``query`` (raises SearchError)."""
    from thuvien.search.engine import SearchRequest, engine
    from thuvien.search.query import parse_query

    req = SearchRequest(
        query=parse_query(query), network_id=network.pk, offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE, facets=False, collapse=False,
        visible_to=viewer.tokens if viewer is not None else None,
    )  # fmt: skip
    response = engine().search(req)
    total = response.total
    num_pages = max(1, -(-total // PAGE_SIZE))
    if number > num_pages:  # past the end (a typed number): the last page
        return _engine_page(network, base, query, num_pages, viewer) if total else StaffSearch()
    ids = [hit.record_id for hit in response.hits]
    # the index may still hold a record deleted a moment ago: keep the live ones only
    by_id = base.in_bulk(ids)
    return StaffSearch(
        records=[by_id[i] for i in ids if i in by_id],
        count=total,
        number=response.offset // PAGE_SIZE + 1,
        num_pages=num_pages,
        window_end=response.window_end or response.next_offset is None and number < num_pages,
        count_approximate=response.total_approximate,
    )


def search_records(
    network, query: str, *, library=None, params=None, viewer=None
) -> StaffSearch:
    """A page of the network's live records for the cataloguer's ``query``, best or newest
    first; ``params`` holds the page asked for (``page`` number, or ``after``/``before``).
    ``viewer``: the cataloguer, who sees what ``holdings.visibility`` lets him (hidden
    libraries' records when they allow copy cataloguing)."""
    from thuvien.search.errors import SearchError, SearchQueryError

    params = params or {}
    base = catalogue_records(network=network, viewer=viewer)
    query = query.strip()
    if not query:
        return _keyset(base, params, by_updated=True)
    if library is not None and _BARCODE_LIKE.match(query):
        try:
            item = item_by_barcode(library=library, barcode=query)
        except NotFound:
            pass
        else:
            return StaffSearch(barcode_record=item.record_id)
    if _ISBN_LIKE.match(query):
        # records keep ISBN-13s only: an ISBN-10 (or a hyphenated -13) is compared in that
        # form; a partial number is looked for as typed, digits only
        digits = normalize_isbn(query) or re.sub(r"[^0-9Xx]", "", query)
        qs = records_matching_number(base, isbn=digits, typed=query)
        if qs.exists():
            return _keyset(qs, params)
    try:
        return _engine_page(network, base, query, _page_number(params.get("page")), viewer)
    except SearchQueryError as exc:
        return StaffSearch(error=str(exc.message))
    except (SearchError, OSError, ValueError) as exc:
        logger.warning("staff catalogue search fell back to the database: %s", type(exc).__name__)
        return _keyset(_database_search(base, query), params)


@requires(Capability.CATALOGUE)
def record_search(request: StaffRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    found = search_records(
        request.network,
        query,
        library=request.library,
        params=request.GET,
        viewer=viewer_for(request.user).for_copy_cataloguing(),
    )
    if found.barcode_record is not None:
        return redirect("catalog:record-detail", found.barcode_record)
    return render(
        request,
        "staff/catalog/search.html",
        {
            "query": query,
            "found": found,
            "records": found.records,
            "error": found.error,
            "can_write": can_write(request),
        },
    )


@requires(Capability.CATALOGUE)
def record_detail(request: StaffRequest, pk: int) -> HttpResponse:
    if not record_visible(viewer_for(request.user).for_copy_cataloguing(), pk):
        raise Http404  # hidden from this cataloguer (holdings.visibility): as if missing
    try:
        view = record_open(network=request.network, pk=pk, library=request.library)
    except RecordNotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "staff/catalog/record.html",
        {
            "record": view.record,
            "display": [(line.label, "; ".join(line.values)) for line in view.lines],
            "marc_lines": marc_lines(view.marc),
            "items": view.items,
            "holdings": view.holdings,
            "can_write": can_write(request),
            "entities": record_entity_proposals(record=view.record),
        },
    )
