"""Finding the catalogue record a reader asks for (hold, postal loan) inside their network."""

from __future__ import annotations

from typing import Any


def record_for_reader(*, patron: Any, record_id: Any, viewer: Any = None) -> Any | None:
    """The live record ``record_id`` of the reader's network that ``viewer`` (the reader) may
    see (``holdings.visibility``), or None (the view answers 404, as for a missing record).

    Records belong to the network, not to a library, so the network is the only other filter.
    """
    from thuvien.holdings.selectors import record_get_visible

    try:
        pk = int(str(record_id))
    except (TypeError, ValueError):
        return None
    return record_get_visible(pk=pk, network=patron.network_id, viewer=viewer)


def records_of_other_networks(*, patron: Any, record_ids: list[Any], viewer: Any) -> list[Any]:
    """The records among ``record_ids`` that ``viewer`` may see but that belong to another
    network than the reader's: the portal shows every network's records, and a reader who asks
    to borrow one of them is told why she cannot rather than shown "page not found"."""
    from thuvien.holdings.selectors import records_visible_outside

    pks = []
    for value in record_ids:
        try:
            pks.append(int(str(value)))
        except (TypeError, ValueError):
            continue
    if not pks:
        return []
    return records_visible_outside(record_ids=pks, network_id=patron.network_id, viewer=viewer)
