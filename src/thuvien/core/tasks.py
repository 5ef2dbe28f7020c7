"""Tasks of the core app: draining the search outbox, once after commits and every minute."""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .leases import LeaseBusy, lease
from .outbox import outbox_drain, outbox_pending_clear

log = logging.getLogger(__name__)

DRAIN_LEASE = "outbox-drain"


def _drain_under_lease() -> int:
    # One drainer at a time; a second request while one runs is answered by the running one
    # or by the periodic catch-up. A lease, not Huey's lock_task: a worker killed mid-drain
    # left that lock for good and the index never caught up again; a lease lapses by itself.
    try:
        with lease(DRAIN_LEASE, ttl=settings.OUTBOX_LEASE_SECONDS):
            # Before reading any row: a commit from now on enqueues a drain of its own.
            outbox_pending_clear()
            done = outbox_drain()
            # A commit made while this drain ran enqueued a drain that found the lease busy
            # and left the flag set (so later commits enqueue none): drain again now, not at
            # the next minute's catch-up (rows written by the handlers themselves, e.g. a
            # record to index again once its digitised text is read, waited for it).
            while outbox_pending_clear():
                done += outbox_drain()
            return done
    except LeaseBusy:
        log.info("outbox: another worker is draining")
        return 0


@db_task(retries=3, retry_delay=5)
def outbox_drain_task() -> int:
    return _drain_under_lease()


@db_periodic_task(crontab(minute="*"))
def outbox_catch_up() -> int:
    return _drain_under_lease()  # also bounds a pending flag whose task was lost to one minute


_started = False


@HUEY.on_startup()
def _resume_drain_after_start() -> None:
    """A worker that starts resumes what a killed one left: a drain once a dead holder's
    lease has lapsed (and the lock of versions before leases, which nothing renews, cleared)."""
    global _started
    if _started:  # once per process, not once per worker thread
        return
    _started = True
    HUEY.delete(f"{HUEY.name}.lock.{DRAIN_LEASE}")
    outbox_drain_task.schedule(delay=settings.OUTBOX_LEASE_SECONDS + 1)


@db_task()
def queue_ping(value: str) -> str:
    """Echo ``value``: proves a worker consumes this queue (operations checks and tests)."""
    return value
