"""Leases: one holder at a time, taken over once the holder stopped renewing, released only by
their holder (core/leases.py), on Huey's SQLite storage and on Redis."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from huey.storage import RedisStorage, SqliteStorage

from thuvien.core.leases import LeaseBusy, _claim, lease, lease_holder

REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def storage(request, tmp_path):
    name = f"lease-test-{uuid.uuid4().hex[:8]}"
    if request.param == "sqlite":
        yield SqliteStorage(name=name, filename=str(tmp_path / "queue.sqlite3"))
        return
    store = RedisStorage(name=name, url=REDIS_URL)
    yield store
    for key in store.conn.scan_iter(f"huey.{name}.*"):
        store.conn.delete(key)


def test_one_holder_at_a_time_then_free(storage):
    with lease("job", ttl=5, storage=storage) as token:
        assert lease_holder(storage, "job")[0] == token
        with pytest.raises(LeaseBusy), lease("job", ttl=5, storage=storage):
            pass
    assert lease_holder(storage, "job") is None
    with lease("job", ttl=5, storage=storage):
        pass


def test_a_dead_holders_lease_lapses(storage):
    assert _claim(storage, "job", "dead-worker", 0.5, renew=False)  # and never renewed
    with pytest.raises(LeaseBusy), lease("job", ttl=5, storage=storage):
        pass
    time.sleep(0.7)
    with lease("job", ttl=5, storage=storage) as token:
        assert lease_holder(storage, "job")[0] == token
        assert not _claim(storage, "job", "dead-worker", 5, renew=True)  # it cannot come back


def test_a_live_holder_keeps_its_lease_past_the_ttl(storage):
    refused = threading.Event()
    with lease("job", ttl=0.6, storage=storage):
        time.sleep(1.5)  # renewed every 0.2 s meanwhile
        try:
            with lease("job", ttl=0.6, storage=storage):
                pass
        except LeaseBusy:
            refused.set()
    assert refused.is_set()
