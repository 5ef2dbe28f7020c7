"""The title/author/year rule of an import's matching: found by the folded key, kept only when
the tone marks agree too.

The stored ``match_key`` is folded (the export's word search reads it, marks or not), so
"Má" and "Mà" by the same author in the same year share it. A lookup value is the folded key
and the marked key (``extract.make_work_key``) side by side: the database finds candidates by
the first, and a candidate matches only when its own marked key equals the second.
"""

from __future__ import annotations

from typing import Any

from ..marc.extract import make_work_key
from ..models import Record

_SEP = "\t"


def _marked(title: str, authors: list[str] | None, year: int | None) -> str:
    return make_work_key(title or "", (authors or [""])[0] or "", year)[:255]


def key_lookup(values: dict[str, Any]) -> str:
    """The lookup value of an extracted record (``extract(...).values``)."""
    marked = _marked(values["title"], values.get("authors"), values.get("year"))
    return f"{values['match_key']}{_SEP}{marked}"


def key_candidates(network: Any, lookups: list[str]) -> list[tuple[str, int]]:
    """(lookup value, record id) of the network's records that the ``lookups`` may match."""
    folded = sorted({value.split(_SEP, 1)[0] for value in lookups})
    rows = (
        Record.objects.filter(network=network, is_deleted=False, match_key__in=folded)
        .order_by("id")
        .values_list("match_key", "title", "authors", "year", "id")
    )
    return [
        (f"{key}{_SEP}{_marked(title, authors, year)}", pk)
        for key, title, authors, year, pk in rows
    ]
