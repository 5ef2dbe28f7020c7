"""What harvesters are told about digital objects (OAI-PMH): an object is *open to harvest*
when it is published, fully ingested, open to everyone, out of its embargo and its library's
holdings are public (``holdings.visibility``). An object that stops being open to harvest gets
a ``DigitalTombstone`` (harvested as deleted, for ever); one that becomes open again loses it
and its datestamp (``updated_at``) moves to now, so an incremental harvest picks it up.

These run inside the transaction of the service that changed the object or its library.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from thuvien.holdings.visibility import ANONYMOUS, library_visibility_q
from thuvien.network.models import Library

from .access import embargoed
from .models import AccessLevel, DigitalObject, DigitalTombstone, TombstoneReason


def harvest_open_q(today: date | None = None) -> Q:
    """The condition on DigitalObject of being open to harvest (the one rule, as a filter)."""
    today = today or timezone.localdate()
    return (
        Q(published=True, ingest_complete=True, access=AccessLevel.OPEN)
        & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=today))
        & Q(library__in=Library.objects.filter(library_visibility_q(ANONYMOUS)))
    )


def harvest_open(obj: DigitalObject) -> bool:
    """The same rule for one object in memory (before and after a change)."""
    if not (obj.published and obj.ingest_complete and obj.access == AccessLevel.OPEN):
        return False
    if embargoed(obj):
        return False
    return Library.objects.filter(pk=obj.library_id).filter(
        library_visibility_q(ANONYMOUS)
    ).exists()


def _reason(obj: DigitalObject) -> str:
    if not obj.published:
        return TombstoneReason.UNPUBLISHED
    if obj.access != AccessLevel.OPEN or embargoed(obj):
        return TombstoneReason.CLOSED
    return TombstoneReason.HIDDEN


def harvest_state_follow(*, obj: DigitalObject, was_open: bool) -> None:
    """After a change to ``obj``: a tombstone when it left, none (and a fresh datestamp, which
    the service's save gave it) when it is back."""
    now_open = harvest_open(obj)
    if was_open and not now_open:
        DigitalTombstone.all_objects.update_or_create(
            object_id=obj.pk,
            defaults={
                "network_id": obj.network_id,
                "library_id": obj.library_id,
                "reason": _reason(obj),
                "datestamp": timezone.now(),
            },
        )
    elif now_open:
        DigitalTombstone.all_objects.filter(object_id=obj.pk).delete()


def library_public_changed(library: Any, was_public: bool, is_public: bool) -> None:
    """Registered on ``holdings.services.library_visibility_changed``: the library's open
    objects leave (tombstones) or come back (fresh datestamps) with it."""
    if was_public == is_public:
        return
    now = timezone.now()
    candidates = DigitalObject.all_objects.filter(
        library_id=library.pk, published=True, ingest_complete=True, access=AccessLevel.OPEN
    ).filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=timezone.localdate()))
    if is_public:
        ids = list(candidates.values_list("pk", flat=True))
        DigitalTombstone.all_objects.filter(object_id__in=ids).delete()
        candidates.update(updated_at=now)
        return
    for obj in candidates.only("pk", "network_id", "library_id"):
        DigitalTombstone.all_objects.update_or_create(
            object_id=obj.pk,
            defaults={
                "network_id": obj.network_id,
                "library_id": obj.library_id,
                "reason": TombstoneReason.HIDDEN,
                "datestamp": now,
            },
        )


def embargo_lifted_touch(*, today: date) -> int:
    """Objects whose embargo ended yesterday or today become open to harvest without anyone
    saving them: move their datestamp to now (and drop a tombstone an embargo once gave
    them). Run by the daily embargo job, in its transaction."""
    lifted = DigitalObject.all_objects.filter(
        embargo_until__gt=today - timedelta(days=2), embargo_until__lte=today
    ).filter(harvest_open_q(today))
    ids = list(lifted.values_list("pk", flat=True))
    DigitalTombstone.all_objects.filter(object_id__in=ids).delete()
    DigitalObject.all_objects.filter(pk__in=ids).update(updated_at=timezone.now())
    return len(ids)
