"""The union catalogue in a province merger: registered on ``network.services.merge``'s hook
from ``CatalogConfig.ready()``, so the network app moves it without importing catalog."""

from __future__ import annotations

from django.utils import timezone

from thuvien.core.outbox import outbox_add
from thuvien.network.models import Network

from ..models import (
    Authority,
    Record,
    RecordIdentifier,
    RecordSetLeave,
    RecordTombstone,
    TombstoneReason,
)


def catalogue_move_network(source: Network, target: Network) -> dict[str, int]:
    """Move the union catalogue records with one UPDATE, and queue them for the index; their
    match identifiers and the network's authorities follow. Each live record leaves a tombstone
    in the source network, so a harvester of that network's OAI-PMH set sees it as deleted."""
    record_ids = list(Record.objects.filter(network=source).values_list("pk", flat=True))
    if record_ids:
        now = timezone.now()
        live = Record.objects.filter(network=source, is_deleted=False).values_list("pk", flat=True)
        RecordTombstone.objects.bulk_create(
            [
                RecordTombstone(
                    record_id=pk, network=source, reason=TombstoneReason.MOVED, datestamp=now
                )
                for pk in live.iterator()
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        # a record that comes back to a network it once left is live there again
        RecordTombstone.objects.filter(
            network=target, record_id__in=Record.objects.filter(network=source).values("pk")
        ).delete()
        Record.objects.filter(network=source).update(network=target, updated_at=now)
        outbox_add("catalog.record", record_ids)
    # the sets a record left (``RecordSetLeave``) are named by library, type, group and
    # material, which the merger keeps: the leaves follow their records
    for model in (RecordIdentifier, Authority, RecordSetLeave):
        model._base_manager.filter(network=source).update(network=target)
    return {"records": len(record_ids)}
