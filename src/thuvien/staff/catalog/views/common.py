"""Small helpers every cataloguing view uses."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.models import Record
from thuvien.catalog.selectors import record_get


def get_record(request: HttpRequest, pk: int) -> Record:
    """A live record of the active network; another network's record is a 404 like a missing one."""
    try:
        return record_get(network=getattr(request, "network", None), pk=pk)
    except RecordNotFound as exc:
        raise Http404 from exc


def can_write(request: HttpRequest) -> bool:
    """May the person change the catalogue here (an oversight officer only reads)?"""
    return can(request.user, Capability.CATALOGUE, getattr(request, "library", None), write=True)


def engine_record_ids(req: Any, *, limit: int) -> list[int]:
    """Record ids the search engine ranks for ``req`` (a ``SearchRequest``), page after page
    up to ``limit``: the staff pages want ids to open or check, not a portal result page."""
    from thuvien.search.engine import engine

    ids: list[int] = []
    search = engine()
    while len(ids) < limit:
        response = search.search(req)
        ids.extend(hit.record_id for hit in response.hits)
        if response.next_offset is None:
            break
        req.offset = response.next_offset
    return ids[:limit]
