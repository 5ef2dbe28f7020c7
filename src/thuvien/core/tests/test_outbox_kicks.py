"""The outbox kick is deduplicated: one drain task per burst of commits, and still no row is
ever left behind (a commit during a running drain enqueues the next one)."""

from __future__ import annotations

import pytest
from django.db import transaction
from huey.contrib.djhuey import HUEY

from thuvien.core import outbox
from thuvien.core.models import OutboxEntry
from thuvien.core.tasks import outbox_drain_task

from .test_queue_consumer import _wait_for, builtin_roles, consumer  # noqa: F401 - fixtures

TOPIC = "test.kicks"


@pytest.fixture
def seen():
    calls: list[list[int]] = []
    outbox.register_outbox_handler(TOPIC, calls.append)
    outbox.outbox_pending_clear()
    yield calls
    outbox._HANDLERS.pop(TOPIC, None)
    outbox.outbox_pending_clear()


@pytest.mark.django_db
def test_commits_while_a_drain_is_pending_enqueue_nothing_and_are_drained(
    seen, django_capture_on_commit_callbacks
):
    # Huey in immediate mode: an enqueued drain runs at once, so a skipped kick leaves the row.
    assert outbox._pending_set()  # a drain is pending (enqueued, not started)
    for object_id in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            outbox.outbox_add(TOPIC, object_id)
    assert seen == [] and OutboxEntry.objects.filter(topic=TOPIC).count() == 2  # kicks skipped
    assert outbox_drain_task().get() == 2  # the pending drain: clears the flag first, then reads
    assert seen == [[1, 2]]
    with django_capture_on_commit_callbacks(execute=True):
        outbox.outbox_add(TOPIC, 3)  # after the drain started: a kick of its own
    assert seen == [[1, 2], [3]] and not OutboxEntry.objects.filter(topic=TOPIC).exists()


@pytest.mark.django_db(transaction=True)
def test_a_commit_during_a_running_drain_is_drained_by_a_real_worker(builtin_roles, consumer):  # noqa: F811
    calls: list[list[int]] = []

    def handler(ids: list[int]) -> None:
        calls.append(ids)
        if len(calls) == 1:  # the first drain is running: another desk commits now
            with transaction.atomic():
                outbox.outbox_add(TOPIC, 99)

    outbox.register_outbox_handler(TOPIC, handler)
    try:
        # The first consumer of a process enqueues a delayed drain at start-up (resuming a
        # killed worker's); it leaves the queue for the schedule once the consumer reads it.
        _wait_for(lambda: HUEY.pending_count() == 0, "the start-up drain to be scheduled")
        # A burst of commits while a drain is pending enqueues nothing...
        assert outbox._pending_set()
        for object_id in (1, 2, 3):
            with transaction.atomic():
                outbox.outbox_add(TOPIC, object_id)
        assert HUEY.pending_count() == 0
        # ...and the one pending drain takes them all; the commit inside it gets a new drain.
        outbox_drain_task()
        _wait_for(lambda: not OutboxEntry.objects.exists(), "every row to be drained")
        _wait_for(lambda: len(calls) >= 2, "the second drain")
        assert calls[0] == [1, 2, 3] and calls[1] == [99]
    finally:
        outbox._HANDLERS.pop(TOPIC, None)
        outbox.outbox_pending_clear()
