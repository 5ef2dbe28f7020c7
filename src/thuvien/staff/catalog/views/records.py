"""Search and browse the union catalogue; a record's page with its display form, MARC and items.

The search here is a plain database search for the cataloguer's desk (title, author, ISBN, with
or without tone marks); the portal's ranked search is the search app's engine.
"""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.models import Record
from thuvien.catalog.selectors import record_open
from thuvien.core.text import fold

from ..editor import marc_lines
from .common import can_write

PAGE_SIZE = 25
_ISBN_LIKE = re.compile(r"^[0-9][0-9\- ]{7,}[0-9Xx]$")
_WORD = re.compile(r"\w+")


def search_records(network, query: str, *, limit: int = 500) -> list[int]:
    """Ids of the network's live records matching every word of ``query``, newest first.

    A query of digits is an ISBN/ISSN or control number; otherwise every folded word must occur
    in the folded title or first author.
    """
    base = Record.objects.filter(network=network, is_deleted=False)
    query = query.strip()
    if not query:
        return list(base.order_by("-updated_at", "-id").values_list("id", flat=True)[:limit])
    if _ISBN_LIKE.match(query):
        digits = re.sub(r"[^0-9Xx]", "", query)
        qs = (
            base.filter(isbns__icontains=digits)
            | base.filter(issns__icontains=query)
            | base.filter(control_number=query)
        )
        return list(qs.order_by("-id").values_list("id", flat=True)[:limit])
    # The folded match key (title and first author, tone marks and đ removed) is searched in
    # the database, so "tieng viet" finds "Tiếng Việt" without reading every record.
    cond = Q()
    for word in _WORD.findall(fold(query)):
        cond &= Q(match_key__contains=word)
    return list(base.filter(cond).order_by("-id").values_list("id", flat=True)[:limit])


@requires(Capability.CATALOGUE)
def record_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    ids = search_records(request.network, query)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    by_id = Record.objects.in_bulk(list(page.object_list))
    records = [by_id[i] for i in page.object_list if i in by_id]
    return render(
        request,
        "staff/catalog/search.html",
        {"query": query, "page": page, "records": records, "can_write": can_write(request)},
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
