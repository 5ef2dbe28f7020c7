"""``{% load search_tags %}{% new_items network_or_library %}``: new acquisitions on a page."""

from __future__ import annotations

from typing import Any

from django import template

from thuvien.holdings.visibility import viewer_for
from thuvien.network.models import Library, Network
from thuvien.search.acquisitions import feed_query, new_acquisitions

register = template.Library()


@register.inclusion_tag("opac/search/_new_items_tag.html", takes_context=True)
def new_items(
    context: Any, place: Library | Network | None = None, limit: int = 8
) -> dict[str, Any]:
    """The newest records of a library, a network, or (None) every library, as the page's
    reader may see them."""
    if not isinstance(place, (Library, Network)):
        place = None
    request = context.get("request")
    viewer = viewer_for(getattr(request, "user", None))
    records = new_acquisitions(place=place, limit=limit, viewer=viewer)
    return {"records": records, "place": place, "query": feed_query(place)}
