"""The new-acquisitions block of the home page and of a library's page, with its Atom feed."""

from __future__ import annotations

from typing import Any

from thuvien.holdings.visibility import ANONYMOUS, Viewer
from thuvien.network.models import Library, Network
from thuvien.search.acquisitions import feed_query, new_acquisitions


def new_items_context(
    place: Library | Network | None, limit: int, viewer: Viewer = ANONYMOUS
) -> dict[str, Any]:
    """What ``opac/home/_new_items.html`` shows: the rows, the place and its feed's query."""
    rows = new_acquisitions(place=place, limit=limit, viewer=viewer)
    return {"records": rows, "place": place, "query": feed_query(place)}
