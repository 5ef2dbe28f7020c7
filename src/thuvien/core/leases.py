"""Leases: locks that die with their holder.

Huey's ``lock_task`` writes a key that stays until the holder deletes it: a worker killed (or
stopped by systemd's SIGTERM) in the middle of the outbox drain left ``outbox-drain`` locked for
good, and every later drain gave up. A lease is a key with an expiry that its holder renews from a
thread while it works: a dead holder stops renewing and the lease lapses after ``ttl`` seconds,
whatever killed it. Only the holder (its random token) renews or releases a lease.

Kept in the queue's own storage: Redis (SET NX PX, renew and release by token in Lua) or Huey's
SQLite file (one exclusive transaction per step). The other storages (the in-memory one of the
tests) are in one process: a thread lock is enough there.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from huey.exceptions import TaskLockedException

log = logging.getLogger(__name__)


class LeaseBusy(TaskLockedException):
    """Another live holder has the lease."""


_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""

_local_lock = threading.Lock()


def _key(storage: Any, name: str) -> str:
    return f"huey.{storage.name}.lease.{name}"


def _encode(token: str, ttl: float) -> bytes:
    return f"{token} {time.time() + ttl:.3f}".encode()


def _decode(value: Any) -> tuple[str, float]:
    if isinstance(value, memoryview):
        value = bytes(value)
    token, _, expires = (value.decode() if isinstance(value, bytes) else str(value)).partition(" ")
    try:
        return token, float(expires)
    except ValueError:  # not ours: treat as lapsed
        return token, 0.0


def _claim(storage: Any, name: str, token: str, ttl: float, *, renew: bool) -> bool:
    """Take (or, with ``renew``, extend) the lease; False when someone else holds it."""
    from huey.storage import BaseSqlStorage, RedisStorage

    key = _key(storage, name)
    if isinstance(storage, RedisStorage):
        if renew:
            return bool(storage.conn.eval(_RENEW, 1, key, token, int(ttl * 1000)))
        return bool(storage.conn.set(key, token, nx=True, px=int(ttl * 1000)))
    if isinstance(storage, BaseSqlStorage):
        with storage.db(commit=True) as cursor:  # "begin exclusive" on SQLite
            cursor.execute("SELECT value FROM kv WHERE queue = ? AND key = ?", (storage.name, key))
            row = cursor.fetchone()
            if row is not None:
                holder, expires = _decode(row[0])
                if holder != token and expires > time.time():
                    return False
                if renew and holder != token:
                    return False
            elif renew:
                return False
            cursor.execute(
                "INSERT OR REPLACE INTO kv (queue, key, value) VALUES (?, ?, ?)",
                (storage.name, key, _encode(token, ttl)),
            )
        return True
    with _local_lock:
        from huey.constants import EmptyData

        value = storage.peek_data(key)
        if value is not EmptyData:
            holder, expires = _decode(value)
            if holder != token and expires > time.time():
                return False
        elif renew:
            return False
        storage.put_data(key, _encode(token, ttl))
        return True


def _release(storage: Any, name: str, token: str) -> None:
    from huey.storage import BaseSqlStorage, RedisStorage

    key = _key(storage, name)
    if isinstance(storage, RedisStorage):
        storage.conn.eval(_RELEASE, 1, key, token)
        return
    if isinstance(storage, BaseSqlStorage):
        with storage.db(commit=True) as cursor:
            cursor.execute("SELECT value FROM kv WHERE queue = ? AND key = ?", (storage.name, key))
            row = cursor.fetchone()
            if row is not None and _decode(row[0])[0] == token:
                cursor.execute("DELETE FROM kv WHERE queue = ? AND key = ?", (storage.name, key))
        return
    with _local_lock:
        from huey.constants import EmptyData

        value = storage.peek_data(key)
        if value is not EmptyData and _decode(value)[0] == token:
            storage.pop_data(key)


def lease_holder(storage: Any, name: str) -> tuple[str, float] | None:
    """(token, expiry as a Unix time) of the current lease, None when free (for checks)."""
    from huey.constants import EmptyData
    from huey.storage import RedisStorage

    key = _key(storage, name)
    if isinstance(storage, RedisStorage):
        token = storage.conn.get(key)
        if token is None:
            return None
        return token.decode(), time.time() + max(storage.conn.pttl(key), 0) / 1000
    value = storage.peek_data(key)
    if value is EmptyData:
        return None
    holder = _decode(value)
    return holder if holder[1] > time.time() else None


@contextmanager
def lease(name: str, *, ttl: float, storage: Any = None) -> Iterator[str]:
    """Hold the lease ``name`` for the block, renewed every ``ttl / 3`` seconds.

    Raises ``LeaseBusy`` when a live holder has it. The renewing thread is a daemon: it dies
    with the process, and then the lease lapses ``ttl`` seconds later.
    """
    if storage is None:
        from huey.contrib.djhuey import HUEY

        storage = HUEY.storage
    token = uuid.uuid4().hex
    if not _claim(storage, name, token, ttl, renew=False):
        raise LeaseBusy(f"lease {name} is held by a live worker")
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(ttl / 3):
            try:
                if not _claim(storage, name, token, ttl, renew=True):
                    log.error("lease %s was lost (expired before renewal)", name)
                    return
            except Exception:  # noqa: BLE001 - the storage is down a moment: try again
                log.warning("lease %s: renewal failed", name, exc_info=True)

    thread = threading.Thread(target=renew, name=f"lease-{name}", daemon=True)
    thread.start()
    try:
        yield token
    finally:
        stop.set()
        thread.join()
        _release(storage, name, token)
