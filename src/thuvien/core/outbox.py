"""The search outbox: changes are recorded in the writer's transaction and drained by the worker.

A domain service calls ``outbox_add("catalog.record", record.pk)`` inside its transaction. The
search app registers a handler per topic with ``register_outbox_handler``; ``outbox_drain`` (run
by the worker after each commit and every minute) hands each handler the ids of its topic and
deletes the rows only after the handler returned, so a killed worker loses nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import F

from .audit import batch_outbox_rows
from .models import OutboxEntry

log = logging.getLogger(__name__)

OutboxHandler = Callable[[list[int]], None]
_HANDLERS: dict[str, OutboxHandler] = {}


def register_outbox_handler(topic: str, handler: OutboxHandler) -> None:
    """Declare who consumes ``topic``; called from an AppConfig.ready()."""
    _HANDLERS[topic] = handler


def outbox_add(topic: str, object_ids: int | Iterable[int]) -> None:
    """Record that objects of ``topic`` changed; call inside the writing transaction."""
    ids = [object_ids] if isinstance(object_ids, int) else list(object_ids)
    if not ids:
        return
    rows = [OutboxEntry(topic=topic, object_id=i) for i in ids]
    # Inside an ``audit_batch`` the rows go in with the block's audit entries (one statement).
    if not batch_outbox_rows(rows):
        OutboxEntry.objects.bulk_create(rows, batch_size=1000)
    transaction.on_commit(_kick_worker)


# A drain is "pending" from the first commit that enqueued it until the drain task STARTS (it
# clears the flag before it reads any row). A commit that finds the flag set needs no task of
# its own: its row is committed before the check, the check comes before the clear, the clear
# before the read, so the pending drain sees the row. A commit after the clear enqueues anew.
# The flag lives in Huey's own storage (no Django database write); on Redis it expires by
# itself, elsewhere the every-minute catch-up clears it too, so a lost task costs a minute.
_PENDING_KEY = "outbox-drain-pending"
_PENDING_TTL_SECONDS = 300


def _pending_set() -> bool:
    """Mark a drain pending; False when one already is (then no task is needed)."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    storage = HUEY.storage
    if isinstance(storage, RedisStorage):  # SET NX EX: one round trip, expires on its own
        key = f"huey.{storage.name}.{_PENDING_KEY}"
        return bool(storage.conn.set(key, b"1", nx=True, ex=_PENDING_TTL_SECONDS))
    if storage.has_data_for_key(_PENDING_KEY):  # a read: only the first commit writes
        return False
    return bool(storage.put_if_empty(_PENDING_KEY, b"1"))


def outbox_pending_clear() -> bool:
    """Called by the drain tasks at their start, before they read any row, and after each
    drain: True when a drain was pending (a commit asked for one since the last clear)."""
    from huey.constants import EmptyData
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    storage = HUEY.storage
    if isinstance(storage, RedisStorage):
        return bool(storage.conn.delete(f"huey.{storage.name}.{_PENDING_KEY}"))
    return storage.pop_data(_PENDING_KEY) is not EmptyData


def _kick_worker() -> None:
    from .tasks import outbox_drain_task

    try:
        if not _pending_set():
            return
    except Exception:  # the queue's storage is down: enqueue as before (and fail loudly there)
        log.warning("outbox: drain flag unavailable; enqueueing anyway", exc_info=True)
    outbox_drain_task()


def outbox_kick_after_commit() -> None:
    """Have the worker drain the outbox once the current transaction commits: for a writer that
    inserted its ``OutboxEntry`` rows in bulk itself (the MARC import's raw inserts), as
    ``outbox_add`` does after its own rows."""
    transaction.on_commit(_kick_worker)


def outbox_pending() -> int:
    return OutboxEntry.objects.count()


_ID_CHUNK = 900  # ids per IN list (SQLite builds before 3.32 allow 999 parameters)


def outbox_drain(*, batch_size: int = 50_000, max_batches: int | None = None) -> int:
    """Feed pending entries to their handlers, oldest first; return how many were done.

    A batch is one call of the handler, i.e. one index commit: after an import of a million
    records, batches of 2,000 cost 500 commits and the merges of 500 small segments. Batches
    of 50,000 rather than 10,000: 9 us less CPU a record in the drain of an import (fewer
    commits and merges), and the search handler builds a batch that large in forked builder
    processes. A handler that dies redoes at most one batch; edits come in batches of a few.

    One entry the handler cannot take (a record its document builder chokes on) must not hold
    back the others: a failed batch is split until the entries that fail on their own are
    found (``_isolate``); those are retried one by one at the start of every drain.
    """
    done = _retry_isolated()
    batches = 0
    while max_batches is None or batches < max_batches:
        rows = _oldest(batch_size)
        if not rows:
            break
        batches += 1
        by_topic: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row_id, topic, object_id in rows:
            by_topic[topic].append((row_id, object_id))
        handled = stop = False
        for topic, entries in by_topic.items():
            handler = _HANDLERS.get(topic)
            if handler is None:
                log.warning("outbox: no handler for topic %s; %d entries kept", topic, len(entries))
                continue
            handled = True  # every entry is now done, marked failed, or the drain stops
            exc = _take(handler, entries)
            if exc is None:
                done += len(entries)
                continue
            log.error("outbox: handler for %s failed on %d entries", topic, len(entries),
                      exc_info=exc)  # fmt: skip
            count, failed_whole = _isolate(handler, entries, exc)
            done += count
            stop = stop or failed_whole
        if stop or not handled:
            break
    return done


Entry = tuple[int, int]  # (outbox row id, object id)


def _take(handler: OutboxHandler, entries: list[Entry]) -> Exception | None:
    """Hand ``entries`` to ``handler`` and delete them; its error when it failed."""
    try:
        handler(sorted({object_id for _, object_id in entries}))
    except Exception as exc:  # noqa: BLE001 - the caller isolates what fails
        return exc
    _delete(entries)
    return None


def _isolate(handler: OutboxHandler, entries: list[Entry], exc: Exception) -> tuple[int, bool]:
    """The handler failed on ``entries``: feed them in quarters, then halves of what fails.

    When all four quarters fail too, the cause is the index or the database, not a record
    (a locked index, a full disk): every entry waits for the next drain as it was, with the
    error noted, and the drain stops (True). Otherwise each entry that fails alone is marked
    (its attempts counted) and retried by itself later (``_retry_isolated``).
    """
    if len(entries) == 1:
        _mark_failed(entries[0], exc)
        return 0, False
    size = -(-len(entries) // 4)
    pieces = [entries[i : i + size] for i in range(0, len(entries), size)]
    failed = [(piece, e) for piece in pieces if (e := _take(handler, piece)) is not None]
    if len(failed) == len(pieces) and len(entries) >= 4:
        _note_error(entries, exc)
        return 0, True
    done = sum(len(piece) for piece in pieces) - sum(len(piece) for piece, _ in failed)
    return done + sum(_bisect(handler, piece, e) for piece, e in failed), False


def _bisect(handler: OutboxHandler, entries: list[Entry], exc: Exception) -> int:
    """Entries done among ``entries``, on which the handler failed with ``exc``."""
    if len(entries) == 1:
        _mark_failed(entries[0], exc)
        return 0
    done = 0
    middle = len(entries) // 2
    for half in (entries[:middle], entries[middle:]):
        half_exc = _take(handler, half)
        done += len(half) if half_exc is None else _bisect(handler, half, half_exc)
    return done


_RETRY_LIMIT = 500  # isolated entries retried per drain, one handler call each


def _retry_isolated() -> int:
    """Entries that failed on their own, one call each: a fixed record goes through, a still
    broken one only counts another attempt (a warning at 1, 10, 100, ... attempts)."""
    done = 0
    rows = OutboxEntry.objects.filter(attempts__gt=0).order_by("id")
    for row_id, topic, object_id in rows.values_list("id", "topic", "object_id")[:_RETRY_LIMIT]:
        handler = _HANDLERS.get(topic)
        if handler is None:
            continue
        exc = _take(handler, [(row_id, object_id)])
        if exc is None:
            done += 1
        else:
            _mark_failed((row_id, object_id), exc)
    return done


def _mark_failed(entry: Entry, exc: Exception) -> None:
    row_id = entry[0]
    OutboxEntry.objects.filter(id=row_id).update(
        attempts=F("attempts") + 1, last_error=str(exc)[:2000]
    )
    attempts = OutboxEntry.objects.filter(id=row_id).values_list("attempts", flat=True).first()
    if attempts and str(attempts).rstrip("0") == "1":  # 1, 10, 100, ...: not every minute
        log.warning("outbox: entry %s failed %s times on its own: %s",
                    row_id, attempts, type(exc).__name__)  # fmt: skip


def _note_error(entries: list[Entry], exc: Exception) -> None:
    for chunk in _chunks([row_id for row_id, _ in entries]):
        OutboxEntry.objects.filter(id__in=chunk).update(last_error=str(exc)[:2000])


def _oldest(limit: int) -> list[tuple[int, str, int]]:
    """(id, topic, object id) of the oldest ``limit`` entries that did not fail on their own
    (plain SQL, as ``_delete``)."""
    table = connection.ops.quote_name(OutboxEntry._meta.db_table)
    sql = (
        f"SELECT id, topic, object_id FROM {table} "  # noqa: S608 - the name comes from meta
        "WHERE attempts = 0 ORDER BY id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return cursor.fetchall()


def _delete(entries: list[Entry]) -> None:
    """Delete the entries of a handled batch, in ONE transaction of plain DELETEs.

    Each ORM delete of 900 ids prepared every id as a lookup value and ran as a transaction of
    its own: a 50,000-entry batch made 56 commits and took the write lock 56 times, which an
    import holds about a second per 10,000 records (simulated: 1.8 s against 0.8 s).
    """
    table = connection.ops.quote_name(OutboxEntry._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in _chunks([row_id for row_id, _ in entries]):
            marks = ", ".join(["%s"] * len(chunk))
            # the name comes from meta; the ids are parameters
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)  # noqa: S608


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _ID_CHUNK] for i in range(0, len(ids), _ID_CHUNK)]
