"""Online payment's background work: ask the gateway about orders left pending."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
def payments_pending_check() -> dict:
    """Every 5 minutes: orders pending past the gateway's timeout are asked about (querydr);
    an order the gateway does not answer for stays pending and is asked again next time."""
    from .services import orders_pending_check

    report = orders_pending_check().as_dict()
    if report["asked"]:
        log.info("payments: pending orders checked with the gateway", extra={"report": report})
    return report
