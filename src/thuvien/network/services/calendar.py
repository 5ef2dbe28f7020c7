"""Opening hours (a whole week at once) and closed days of a library or a whole network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.text import clean

from ..errors import NetworkError, NetworkErrorCode
from ..models import ClosedDay, Library, Network, OpeningHours

Week = Mapping[int, Sequence[tuple[dt.time, dt.time]]]
MAX_SHIFTS_PER_DAY = 3


def opening_hours_set(*, library: Library, week: Week, actor: Any) -> list[OpeningHours]:
    """Replace the library's regular hours with ``week`` (weekday 0 = Monday -> shifts).

    A weekday missing from ``week`` (or with no shifts) is a day the library is closed.
    """
    rows: list[OpeningHours] = []
    for weekday, shifts in sorted(week.items()):
        field = f"day_{weekday}"
        if weekday not in range(7):
            raise NetworkError(
                NetworkErrorCode.INVALID_HOURS, _("Thứ trong tuần không hợp lệ."), field=field
            )
        ordered = sorted(shifts)
        if len(ordered) > MAX_SHIFTS_PER_DAY:
            raise NetworkError(
                NetworkErrorCode.INVALID_HOURS,
                _("Mỗi ngày có tối đa %(n)d ca mở cửa.") % {"n": MAX_SHIFTS_PER_DAY},
                field=field,
            )
        previous_close: dt.time | None = None
        for opens, closes in ordered:
            if opens is None or closes is None:
                raise NetworkError(
                    NetworkErrorCode.INVALID_HOURS,
                    _("Hãy nhập cả giờ mở cửa và giờ đóng cửa."),
                    field=field,
                )
            if opens >= closes:
                raise NetworkError(
                    NetworkErrorCode.INVALID_HOURS,
                    _("Giờ đóng cửa phải sau giờ mở cửa."),
                    field=field,
                )
            if previous_close is not None and opens < previous_close:
                raise NetworkError(
                    NetworkErrorCode.OVERLAPPING_HOURS,
                    _("Các ca mở cửa trong ngày không được chồng lên nhau."),
                    field=field,
                )
            previous_close = closes
            rows.append(OpeningHours(library=library, weekday=weekday, opens=opens, closes=closes))
    with transaction.atomic():
        before = list(
            OpeningHours.objects.filter(library=library).values_list("weekday", "opens", "closes")
        )
        OpeningHours.objects.filter(library=library).delete()
        created = OpeningHours.objects.bulk_create(rows)
        after = [(r.weekday, r.opens, r.closes) for r in rows]
        if sorted(before) != sorted(after):
            audit_record(
                actor=actor,
                action="network.opening_hours.set",
                obj=library,
                changes={"hours": [_describe(before), _describe(after)]},
            )
    return created


def _describe(rows: list[tuple[int, dt.time, dt.time]]) -> list[str]:
    return [f"{d}:{o:%H:%M}-{c:%H:%M}" for d, o, c in sorted(rows)]


def closed_day_add(
    *,
    date: dt.date,
    actor: Any,
    library: Library | None = None,
    network: Network | None = None,
    reason: str = "",
) -> ClosedDay:
    """Close ``library`` (or, with ``network`` only, every library of it) on ``date``."""
    if (library is None) == (network is None):
        raise NetworkError(
            NetworkErrorCode.SETTING_TARGET, _("Hãy chọn một thư viện hoặc cả mạng lưới.")
        )
    if not isinstance(date, dt.date):
        raise NetworkError(NetworkErrorCode.INVALID_DATE, _("Ngày không hợp lệ."), field="date")
    network = library.network if library is not None else cast(Network, network)
    with transaction.atomic():
        exists = ClosedDay.objects.filter(network=network, date=date)
        exists = (
            exists.filter(library=library)
            if library is not None
            else exists.filter(library__isnull=True)
        )
        if exists.exists():
            raise NetworkError(
                NetworkErrorCode.DUPLICATE_CLOSED_DAY,
                _("Ngày %(date)s đã có trong danh sách ngày nghỉ.")
                % {"date": date.strftime("%d/%m/%Y")},
                field="date",
            )
        day = ClosedDay.objects.create(
            network=network, library=library, date=date, reason=clean(reason)[:255]
        )
        audit_record(
            actor=actor,
            action="network.closed_day.added",
            obj=day,
            library=library,
            network=network,
            changes={"date": [None, date], "reason": [None, day.reason]},
        )
    return day


def closed_day_remove(*, closed_day: ClosedDay, actor: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="network.closed_day.removed",
            obj=closed_day,
            library=closed_day.library,
            network=closed_day.network,
            changes={"date": [closed_day.date, None]},
        )
        closed_day.delete()
