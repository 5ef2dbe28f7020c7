"""Remembering which OAI-PMH sets a live record left (``RecordSetLeave``), so that a harvester
of that set is told the record is deleted there, for ever, and forgetting it when the record
comes back. The callers know what changed: holdings (a copy moved to another library, a
library's type or groups changed, ``holdings.set_follow``) and the record services (material
type). Call it inside their transaction."""

from __future__ import annotations

from collections.abc import Mapping, Set
from datetime import datetime

from django.utils import timezone

from ..models import Record, RecordSetLeave

_CHUNK = 900  # ids per statement: under SQLite's limit on parameters


def record_sets_follow(
    *,
    before: Mapping[int, Set[str]],
    after: Mapping[int, Set[str]],
    at: datetime | None = None,
) -> int:
    """For each record of ``before``/``after`` (its sets before and after a change): a leave
    dated ``at`` (now) for every set it left, and none any more for every set it entered.
    Returns the number of leaves written. Records marked deleted get none: their tombstone
    says it."""
    at = at or timezone.now()
    left: dict[int, set[str]] = {}
    back: dict[int, set[str]] = {}
    for pk in set(before) | set(after):
        old, new = set(before.get(pk, ())), set(after.get(pk, ()))
        if old - new:
            left[pk] = old - new
        if new - old:
            back[pk] = new - old
    written = 0
    ids = sorted(set(left) | set(back))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        inside: dict[str, list[int]] = {}  # per set, the records of the chunk in it now
        for pk in chunk:
            for spec in back.get(pk, ()):
                inside.setdefault(spec, []).append(pk)
        for spec, members in sorted(inside.items()):
            RecordSetLeave.objects.filter(set_spec=spec, record_id__in=members).delete()
        networks = dict(
            Record.objects.filter(pk__in=[pk for pk in chunk if pk in left], is_deleted=False)
            .values_list("pk", "network_id")
        )  # fmt: skip
        rows = [
            RecordSetLeave(record_id=pk, set_spec=spec, network_id=networks[pk], datestamp=at)
            for pk in chunk
            if pk in networks
            for spec in sorted(left[pk])
        ]
        if rows:
            RecordSetLeave.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["record_id", "set_spec"],
                update_fields=["datestamp", "network"],
            )
            written += len(rows)
    return written


def material_set(material_type: str) -> str:
    return f"material:{material_type}"


def record_material_follow(
    changes: Mapping[int, tuple[str, str]], at: datetime | None = None
) -> int:
    """Records whose material type changed (``{id: (old, new)}``) leave ``material:<old>``
    (and come back to ``material:<new>`` if they had left it)."""
    moved = {pk: (old, new) for pk, (old, new) in changes.items() if old != new}
    return record_sets_follow(
        before={pk: {material_set(old)} for pk, (old, _new) in moved.items()},
        after={pk: {material_set(new)} for pk, (_old, new) in moved.items()},
        at=at,
    )
