"""The worker records every library's day shortly before midnight."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="23", minute="50"))
def library_days_daily() -> int:
    from .services import library_days_record

    return library_days_record()


@db_periodic_task(crontab(hour="6", minute="10"))
def reports_due_daily() -> int:
    """The scheduled reports of the last complete month or year, made and e-mailed."""
    from .scheduled import reports_due

    return reports_due()
