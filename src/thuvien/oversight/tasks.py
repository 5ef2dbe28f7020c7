"""The worker records every library's day shortly before midnight."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="23", minute="50"))
def library_days_daily() -> int:
    from .services import library_days_record

    return library_days_record()
