"""OAI-PMH's library-derived sets follow the copies (issue 15).

A record is in ``library``, ``library:<code>``, ``type:<library type>`` and
``group:<network>:<group>`` through the copies that count (shown to the public, not
withdrawn). When a copy moves to another library, is deleted outright or hidden, or a library
changes type, group or visibility, the record may leave some of those sets: the catalogue
keeps a ``RecordSetLeave`` for each (the harvester of that set is told it is deleted there),
drops it when the record comes back, and the record's datestamp moves so an incremental
harvest sees its new sets. Holdings computes this because it owns the copies; network (below)
only says which libraries are changing (``network.services.sets.library_sets_watchers``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.utils import timezone

from thuvien.catalog.selectors_harvest import (
    HarvestVisibility,
    harvest_library_sets,
    harvest_listed_sets_of,
    harvest_record_copies,
    harvest_record_listed_sets,
    harvest_records_held,
)
from thuvien.catalog.services.records import record_touch
from thuvien.catalog.services.set_leaves import record_sets_follow
from thuvien.core.outbox import outbox_add

from .visibility import ANONYMOUS, library_visibility_q, visible_items_q

OUTBOX_TOPIC = "catalog.record"
CHUNK = 2000  # records per step of a library-wide change (a provincial library: 100,000+)


def _public() -> HarvestVisibility:
    """The sets as a harvester counts them: the public's copies and libraries."""
    return HarvestVisibility(
        items=visible_items_q(ANONYMOUS), libraries=library_visibility_q(ANONYMOUS)
    )


@contextmanager
def record_sets_kept(record_ids: Iterable[int]) -> Iterator[list[int]]:
    """Around a write that adds, moves, deletes or hides copies of these records (inside its
    transaction): the sets each record left get a leave, the sets it entered lose theirs. A
    set counts where a listing names the record, live or withdrawn there
    (``harvest_record_listed_sets``), as the public sees it (read again after the write: a
    library's visibility may be what changed). Yields a list that holds, after the block, the
    records whose sets changed; the caller moves their datestamps (``record_touch``)."""
    ids = sorted({pk for pk in record_ids if pk})
    changed: list[int] = []
    if not ids:
        yield changed
        return
    before = harvest_record_listed_sets(ids, _public())
    yield changed
    after = harvest_record_listed_sets(ids, _public())
    moved = [pk for pk in ids if before[pk] != after[pk]]
    record_sets_follow(
        before={pk: before[pk] for pk in moved}, after={pk: after[pk] for pk in moved}
    )
    changed += moved


def library_sets_follow(library_ids: list[int]) -> Callable[[], None]:
    """Registered in ``network.services.sets.library_sets_watchers``: called before libraries'
    type or groups change, returns what to do after. Every record with a copy in them whose
    listed sets change (``harvest_listed_sets_of``: live there, or withdrawn there) gets
    leaves for the sets it left, a new datestamp and a new index document (types and groups
    are search facets too), ``CHUNK`` records at a time."""
    visibility = _public()
    before = harvest_library_sets(visibility)
    held = harvest_records_held(library_ids)

    def finish() -> None:
        after = harvest_library_sets(visibility)
        if not held or all(before.get(pk) == after.get(pk) for pk in library_ids):
            return
        now = timezone.now()
        for start in range(0, len(held), CHUNK):
            copies = harvest_record_copies(held[start : start + CHUNK], visibility)
            old = harvest_listed_sets_of(copies, before)
            new = harvest_listed_sets_of(copies, after)
            changed = [pk for pk in copies if old[pk] != new[pk]]
            record_sets_follow(
                before={pk: old[pk] for pk in changed},
                after={pk: new[pk] for pk in changed},
                at=now,
            )
            record_touch(record_ids=changed, at=now)
            outbox_add(OUTBOX_TOPIC, changed)

    return finish
