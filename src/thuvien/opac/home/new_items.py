"""The new-acquisitions block of the home page and of a library's page, with its Atom feed.

``search.acquisitions`` names the holding libraries in Vietnamese; in English the names are
put back in English here (the same choice as every other portal page: ``name_en`` when set).
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import get_language

from thuvien.network.models import Library, Network
from thuvien.search.acquisitions import NewRow, new_acquisitions


def english_names(text: str, names: dict[str, str]) -> str:
    """``text`` is ``", ".join(sorted(Vietnamese names))``: the same names in English.

    Parsed against the known names (a name may itself hold ", "); unknown text stays as it is.
    """

    def walk(i: int) -> list[str] | None:
        if i == len(text):
            return []
        for vi in sorted((n for n in names if n and text.startswith(n, i)), key=len, reverse=True):
            j = i + len(vi)
            if j == len(text):
                return [names[vi]]
            if text.startswith(", ", j):
                rest = walk(j + 2)
                if rest is not None:
                    return [names[vi], *rest]
        return None

    parts = walk(0)
    return ", ".join(parts) if parts is not None else text


def _in_english(rows: list[NewRow], place: Library | Network | None) -> list[NewRow]:
    libraries = Library.objects.all()
    if isinstance(place, Library):
        libraries = libraries.filter(pk=place.pk)
    elif isinstance(place, Network):
        libraries = libraries.filter(network=place)
    names = {
        vi: en or vi for vi, en in libraries.exclude(name_en="").values_list("name_vi", "name_en")
    }
    if not names:
        return rows
    return [
        dataclasses.replace(row, library_names=english_names(row.library_names, names))
        for row in rows
    ]


def new_items_context(place: Library | Network | None, limit: int) -> dict[str, Any]:
    """What ``opac/home/_new_items.html`` shows: the rows, the place and its feed's query."""
    query = ""
    if isinstance(place, Library):
        query = urlencode({"library": place.code})
    elif isinstance(place, Network):
        query = urlencode({"network": place.code})
    rows = new_acquisitions(place=place, limit=limit)
    if get_language() == "en":
        rows = _in_english(rows, place)
    return {"records": rows, "place": place, "query": query}
