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
    from thuvien.core.leases import LeaseBusy, lease

    from .services import orders_pending_check

    try:  # one run at a time: a slow gateway must not have two runs ask the same orders
        with lease("payments-pending-check", ttl=120):
            report = orders_pending_check().as_dict()
    except LeaseBusy:
        return {"asked": 0, "busy": True}
    if report["asked"]:
        log.info("payments: pending orders checked with the gateway", extra={"report": report})
    return report
