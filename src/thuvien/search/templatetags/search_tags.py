"""``{% load search_tags %}{% new_items network_or_library %}``: new acquisitions on a page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template

from thuvien.network.models import Library, Network
from thuvien.search.acquisitions import new_acquisitions

register = template.Library()


@register.inclusion_tag("opac/search/_new_items_tag.html")
def new_items(place: Library | Network | None = None, limit: int = 8) -> dict[str, Any]:
    """The newest records of a library, a network, or (None) every library."""
    query = ""
    if isinstance(place, Library):
        query = urlencode({"library": place.code})
    elif isinstance(place, Network):
        query = urlencode({"network": place.code})
    else:
        place = None
    return {"records": new_acquisitions(place=place, limit=limit), "place": place, "query": query}
