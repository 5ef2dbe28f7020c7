"""Demo step: record each day of the year so far, so the inspector's page has a year to show.

A real installation records one day a night; the demo's loans were spread over past months,
so their days are counted from the loans now. Stock and readers of a past day are approximated
from acquisition and registration dates (what a real night would have seen is gone)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thuvien.core.demo import DemoContext

from .services import library_days_record


def demo_oversight(ctx: DemoContext) -> None:
    today = timezone.localdate()
    day = dt.date(today.year, 1, 1)
    while day <= today:
        library_days_record(day=day)
        day += dt.timedelta(days=1)
    ctx.say(f"Số liệu ngày cho cơ quan quản lý: {today.timetuple().tm_yday} ngày")
