"""A library's calendar: which days it is open. Due dates and hold-shelf expiry use it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from .models import ClosedDay, Library, OpeningHours


def closed_dates(library: Library, start: dt.date, end: dt.date) -> set[dt.date]:
    """Dates in [start, end] on which ``library`` is closed: its own closed days, the network's
    holidays, and weekdays without opening hours (when the library has any hours at all)."""
    days = set(
        ClosedDay.objects.filter(network_id=library.network_id, date__range=(start, end))
        .filter(Q(library__isnull=True) | Q(library=library))
        .values_list("date", flat=True)
    )
    open_weekdays = set(
        OpeningHours.objects.filter(library=library).values_list("weekday", flat=True)
    )
    if open_weekdays:
        day = start
        while day <= end:
            if day.weekday() not in open_weekdays:
                days.add(day)
            day += dt.timedelta(days=1)
    return days


def is_open(library: Library, day: dt.date) -> bool:
    return day not in closed_dates(library, day, day)


def next_open_day(library: Library, day: dt.date, *, horizon_days: int = 60) -> dt.date:
    """``day`` itself if the library is open then, else the first open day after it.

    A library with every day closed in the horizon gets ``day`` back unchanged rather than an
    endless search; the due date is then still a real date the desk can change.
    """
    closed = closed_dates(library, day, day + dt.timedelta(days=horizon_days))
    candidate = day
    for _ in range(horizon_days + 1):
        if candidate not in closed:
            return candidate
        candidate += dt.timedelta(days=1)
    return day
