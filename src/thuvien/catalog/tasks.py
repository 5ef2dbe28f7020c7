"""Periodic work of the catalogue: clearing import uploads nobody ran."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .uploads import uploads_sweep


@db_periodic_task(crontab(minute="40"))  # hourly
def catalog_uploads_sweep() -> int:
    return uploads_sweep()
