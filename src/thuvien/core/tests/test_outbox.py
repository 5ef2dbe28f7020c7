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


@pytest.fixture
def picky():
    """A handler that chokes on object 7 and on anything while ``broken`` is set."""
    state = {"calls": [], "broken": False, "bad": {7}}

    def handle(ids: list[int]) -> None:
        state["calls"].append(list(ids))
        if state["broken"]:
            raise OSError("disk full")
        if state["bad"] & set(ids):
            raise ValueError("cannot build the document")

    outbox.register_outbox_handler("test.picky", handle)
    yield state
    outbox._HANDLERS.pop("test.picky", None)


@pytest.mark.django_db
def test_one_bad_entry_does_not_hold_back_the_others(picky):
    outbox.outbox_add("test.picky", list(range(1, 11)))
    assert outbox.outbox_drain() == 9
    bad = OutboxEntry.objects.get()
    assert (bad.object_id, bad.attempts) == (7, 1) and "cannot build" in bad.last_error
    # the next drain retries it alone; once the record is fixed it goes through
    picky["calls"].clear()
    assert outbox.outbox_drain() == 0 and picky["calls"] == [[7]]
    assert OutboxEntry.objects.get().attempts == 2
    picky["bad"].clear()
    assert outbox.outbox_drain() == 1
    assert not OutboxEntry.objects.exists()


@pytest.mark.django_db
def test_a_failing_index_leaves_the_batch_untouched_and_stops(picky):
    picky["broken"] = True
    outbox.outbox_add("test.picky", list(range(1, 9)))
    assert outbox.outbox_drain() == 0
    # the whole batch and its four quarters, not one call per entry
    assert len(picky["calls"]) == 5
    rows = list(OutboxEntry.objects.values_list("attempts", "last_error"))
    assert len(rows) == 8 and all(a == 0 and "disk full" in e for a, e in rows)
    picky["broken"] = False
    assert outbox.outbox_drain() == 7  # 7 is a bad record: isolated, the rest indexed
    assert OutboxEntry.objects.get().object_id == 7
