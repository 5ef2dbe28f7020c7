import pytest

from thuvien.core import outbox
from thuvien.core.models import OutboxEntry


@pytest.fixture
def handler_calls():
    calls: list[list[int]] = []
    outbox.register_outbox_handler("test.topic", calls.append)
    yield calls
    outbox._HANDLERS.pop("test.topic", None)


@pytest.mark.django_db
def test_drain_hands_ids_to_the_handler_and_deletes_rows(handler_calls):
    outbox.outbox_add("test.topic", [3, 1, 3])
    assert OutboxEntry.objects.count() == 3
    assert outbox.outbox_drain() == 3
    assert handler_calls == [[1, 3]]
    assert OutboxEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_failing_handler_keeps_the_rows_for_the_next_run():
    def boom(ids):
        raise RuntimeError("index is locked")

    outbox.register_outbox_handler("test.fails", boom)
    try:
        outbox.outbox_add("test.fails", 7)
        assert outbox.outbox_drain() == 0
        row = OutboxEntry.objects.get()
        assert row.attempts == 1 and "index is locked" in row.last_error
    finally:
        outbox._HANDLERS.pop("test.fails", None)


@pytest.mark.django_db
def test_rows_without_a_handler_are_kept():
    outbox.outbox_add("nobody.listens", 5)
    assert outbox.outbox_drain() == 0
    assert OutboxEntry.objects.filter(topic="nobody.listens").count() == 1
