"""Finding the catalogue record a reader asks for (hold, postal loan) inside their network."""

from __future__ import annotations

from typing import Any


def record_for_reader(*, patron: Any, record_id: Any) -> Any | None:
    """The live record ``record_id`` of the reader's network, or None (the view answers 404).

    Records belong to the network, not to a library, so the network is the only filter.
    """
    from thuvien.catalog.models import Record

    try:
        pk = int(str(record_id))
    except (TypeError, ValueError):
        return None
    return Record.objects.filter(pk=pk, network_id=patron.network_id, is_deleted=False).first()
