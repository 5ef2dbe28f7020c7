"""Demo step: record each day of the year so far, so the inspector's page has a year to show.

A real installation records one day a night; the demo's loans were spread over past months,
so their days are counted from the loans now. Stock and readers of a past day are approximated
from acquisition and registration dates (what a real night would have seen is gone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from thuvien import oversight
from thuvien.core.demo import DemoContext
from thuvien.oversight.services import library_days_record

# the real 2025 units of Hưng Yên, kept with the oversight app that imports them
UNITS_CSV = Path(oversight.__file__).parent / "data" / "don-vi-hanh-chinh-hung-yen-2025.csv"


def demo_oversight(ctx: DemoContext) -> None:
    today = timezone.localdate()
    day = dt.date(today.year, 1, 1)
    while day <= today:
        library_days_record(day=day)
        day += dt.timedelta(days=1)
    ctx.say(f"Số liệu ngày cho cơ quan quản lý: {today.timetuple().tm_yday} ngày")


def demo_admin_units(ctx: DemoContext) -> None:
    """The real old→new commune table of Hưng Yên and Thái Bình (2025), and each demo library
    placed in its commune by the name it carries."""
    from thuvien.network.models import Network
    from thuvien.oversight.units import admin_units_import, library_units_guess

    result = admin_units_import(data=UNITS_CSV.read_bytes())
    placed = sum(
        library_units_guess(network=network, actor=None)
        for network in Network.objects.filter(is_active=True)
    )
    ctx.say(f"Đơn vị hành chính 2025: {result.units} đơn vị; {placed} thư viện đã gắn xã, phường")
