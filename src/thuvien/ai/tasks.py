"""The worker keeps record vectors current: a catch-up every minute, under a lease."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from thuvien.core.leases import LeaseBusy, lease

log = logging.getLogger(__name__)
# a catch-up embeds at most this many records (~30 s of CPU), so it never holds the worker long
CATCH_UP = 2_000
LEASE = "ai-embeddings"


@db_periodic_task(crontab(minute="*"))
def record_embeddings_catch_up() -> int:
    from .services import embeddings_enabled, record_embeddings_refresh

    if not embeddings_enabled():
        return 0
    try:  # a lease, not lock_task: a worker killed mid-batch must not block the next for good
        with lease(LEASE, ttl=120):
            return record_embeddings_refresh(limit=CATCH_UP)
    except LeaseBusy:
        log.info("ai: another worker is embedding")
        return 0


PASSAGES_LEASE = "ai-passages"
PASSAGE_OBJECTS = 50  # objects read in one run (a book of 300 pages is ~1,500 passages)


@db_task()
def digital_passages_task() -> int:
    """Read the digitised texts the outbox marked: passages, vectors, names."""
    from .passages import digital_passages_refresh
    from .services import embeddings_enabled

    if not embeddings_enabled():
        return 0
    try:
        with lease(PASSAGES_LEASE, ttl=600):
            return digital_passages_refresh(limit=PASSAGE_OBJECTS)
    except LeaseBusy:
        log.info("ai: another worker is reading digitised texts")
        return 0


@db_periodic_task(crontab(minute="*/5"))
def digital_passages_catch_up() -> int:
    """What a lost task left marked is read within five minutes."""
    return int(digital_passages_task.call_local())


@db_periodic_task(crontab(hour="2", minute="30"))
def borrowed_together_nightly() -> int:
    from .services import borrowed_together_rebuild

    return borrowed_together_rebuild()


@db_task()
def ddc_train_task(network_id: int) -> int:
    """Train one network's DDC model (asked for by a cataloguer's first suggestion)."""
    from .cataloguing import ddc_train

    return ddc_train(network_id=network_id)


@db_periodic_task(crontab(hour="3", minute="10"))
def ddc_train_nightly() -> int:
    """Every network's DDC model, from the catalogue as it stands tonight."""
    from thuvien.network.models import Network

    from .cataloguing import ddc_train

    return sum(ddc_train(network_id=pk) for pk in Network.objects.values_list("pk", flat=True))
