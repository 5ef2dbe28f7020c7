"""The union catalogue in a province merger: registered on ``network.services.merge``'s hook
from ``CatalogConfig.ready()``, so the network app moves it without importing catalog."""

from __future__ import annotations

from thuvien.core.outbox import outbox_add
from thuvien.network.models import Network

from ..models import Authority, Record, RecordIdentifier


def catalogue_move_network(source: Network, target: Network) -> dict[str, int]:
    """Move the union catalogue records with one UPDATE, and queue them for the index; their
    match identifiers and the network's authorities follow."""
    record_ids = list(Record.objects.filter(network=source).values_list("pk", flat=True))
    if record_ids:
        Record.objects.filter(network=source).update(network=target)
        outbox_add("catalog.record", record_ids)
    for model in (RecordIdentifier, Authority):
        model._base_manager.filter(network=source).update(network=target)
    return {"records": len(record_ids)}
