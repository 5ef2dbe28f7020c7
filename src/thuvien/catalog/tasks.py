"""Periodic work of the catalogue: clearing import uploads nobody ran."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .uploads import uploads_sweep


@db_periodic_task(crontab(minute="40"))  # hourly
def catalog_uploads_sweep() -> int:
    return uploads_sweep()


HARVEST_XML_CATCH_UP = 20_000  # records serialised in one run (a few seconds of CPU)


@db_periodic_task(crontab(minute="*"))
def harvest_xml_catch_up() -> int:
    """Serialise the records changed since the last run for OAI-PMH (``HarvestXml``)."""
    from thuvien.core.leases import LeaseBusy, lease

    from .services import harvest_xml_refresh

    try:  # a lease: one worker at a time, and one killed mid-batch does not block the next
        with lease("catalog-harvest-xml", ttl=300):
            return harvest_xml_refresh(limit=HARVEST_XML_CATCH_UP)
    except LeaseBusy:
        return 0
