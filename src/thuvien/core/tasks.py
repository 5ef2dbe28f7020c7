"""Tasks of the core app: draining the search outbox, once after commits and every minute."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .outbox import outbox_drain, outbox_pending_clear


@db_task(retries=3, retry_delay=5)
def outbox_drain_task() -> int:
    # One drainer at a time; a second request while one runs is answered by the running one
    # or by the periodic catch-up.
    with HUEY.lock_task("outbox-drain"):
        # Before reading any row: a commit from now on enqueues a drain of its own.
        outbox_pending_clear()
        return outbox_drain()


@db_periodic_task(crontab(minute="*"))
def outbox_catch_up() -> int:
    with HUEY.lock_task("outbox-drain"):
        outbox_pending_clear()  # also bounds a flag whose task was lost to one minute
        return outbox_drain()


@db_task()
def queue_ping(value: str) -> str:
    """Echo ``value``: proves a worker consumes this queue (operations checks and tests)."""
    return value
