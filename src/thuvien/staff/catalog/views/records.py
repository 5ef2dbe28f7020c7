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
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.marc.isbn import normalize_isbn
from thuvien.catalog.models import Record
from thuvien.catalog.selectors import record_open
from thuvien.core.errors import NotFound
from thuvien.core.text import fold
from thuvien.holdings.selectors import item_by_barcode

from ..editor import marc_lines
from .common import can_write, engine_record_ids

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
SEARCH_LIMIT = 500
_ISBN_LIKE = re.compile(r"^[0-9][0-9\- ]{7,}[0-9Xx]$")
_BARCODE_LIKE = re.compile(r"^[A-Za-z0-9\-]{3,40}$")
_WORD = re.compile(r"\w+")


@dataclass
class StaffSearch:
    """What the search box found: record ids, the copy a barcode named, a message."""

    ids: list[int]
    barcode_record: int | None = None
    error: str = ""


def _database_search(base, query: str) -> list[int]:
    """Every folded word in the folded title or first author (the fallback without an index)."""
    cond = Q()
    for word in _WORD.findall(fold(query)):
        cond &= Q(match_key__contains=word)
    return list(base.filter(cond).order_by("-id").values_list("id", flat=True)[:SEARCH_LIMIT])


def _engine_search(network, query: str) -> list[int]:
    """Ranked ids of the network's records for ``query`` (raises SearchError)."""
    from thuvien.search.engine import SearchRequest
    from thuvien.search.query import parse_query

    req = SearchRequest(
        query=parse_query(query), network_id=network.pk, limit=100, facets=False, collapse=False
    )
    return engine_record_ids(req, limit=SEARCH_LIMIT)


def search_records(network, query: str, *, library=None) -> StaffSearch:
    """The network's live records for the cataloguer's ``query``, best or newest first."""
    from thuvien.search.errors import SearchError, SearchQueryError

    base = Record.objects.filter(network=network, is_deleted=False)
    query = query.strip()
    if not query:
        recent = base.order_by("-updated_at", "-id").values_list("id", flat=True)
        return StaffSearch(list(recent[:SEARCH_LIMIT]))
    if library is not None and _BARCODE_LIKE.match(query):
        try:
            item = item_by_barcode(library=library, barcode=query)
        except NotFound:
            pass
        else:
            return StaffSearch([item.record_id], barcode_record=item.record_id)
    if _ISBN_LIKE.match(query):
        # records keep ISBN-13s only: an ISBN-10 (or a hyphenated -13) is compared in that
        # form; a partial number is looked for as typed, digits only
        digits = normalize_isbn(query) or re.sub(r"[^0-9Xx]", "", query)
        qs = (
            base.filter(isbns__icontains=digits)
            | base.filter(issns__icontains=query)
            | base.filter(control_number=query)
        )
        found = list(qs.order_by("-id").values_list("id", flat=True)[:SEARCH_LIMIT])
        if found:
            return StaffSearch(found)
    try:
        ids = _engine_search(network, query)
    except SearchQueryError as exc:
        return StaffSearch([], error=str(exc.message))
    except (SearchError, OSError, ValueError) as exc:
        logger.warning("staff catalogue search fell back to the database: %s", type(exc).__name__)
        return StaffSearch(_database_search(base, query))
    # the index may still hold a record deleted a moment ago: keep the live ones only
    live = set(base.filter(id__in=ids).values_list("id", flat=True))
    return StaffSearch([i for i in ids if i in live])


@requires(Capability.CATALOGUE)
def record_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    found = search_records(request.network, query, library=request.library)
    if found.barcode_record is not None:
        return redirect("catalog:record-detail", found.barcode_record)
    page = Paginator(found.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    by_id = Record.objects.in_bulk(list(page.object_list))
    records = [by_id[i] for i in page.object_list if i in by_id]
    return render(
        request,
        "staff/catalog/search.html",
        {
            "query": query,
            "page": page,
            "records": records,
            "error": found.error,
            "can_write": can_write(request),
        },
    )


@requires(Capability.CATALOGUE)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
        },
    )
