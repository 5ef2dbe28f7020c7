"""The loan-rule matrix: library x reader category x item type, with wildcards (as in Koha).

Order of precedence, most specific first: the library's own rows before the network's, and in
each, category+type, category+any type, any category+type, any+any. When no row matches, the
built-in defaults apply (``DEFAULT_RULE``), so a new network can lend on day one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thuvien.network.calendar import closed_dates, next_open_day

from .desk_cache import cached
from .models import LoanRule

HORIZON_DAYS = 60  # as network.calendar.next_open_day: beyond it the day itself is kept


@dataclass(frozen=True)
class RuleValues:
    loan_days: int = 14
    max_loans: int = 5
    renewals_allowed: int = 2
    renewal_days: int = 14
    fine_per_day: Decimal = Decimal(1000)
    fine_cap: Decimal = Decimal(50000)
    holds_allowed: bool = True
    max_holds: int = 5
    hold_shelf_days: int = 5
    source: str = "default"

    @property
    def for_loan(self) -> bool:
        return self.loan_days > 0


DEFAULT_RULE = RuleValues()
RULE_FIELDS = (
    "loan_days",
    "max_loans",
    "renewals_allowed",
    "renewal_days",
    "fine_per_day",
    "fine_cap",
    "holds_allowed",
    "max_holds",
    "hold_shelf_days",
)


def _network_matrix(network_id: int) -> dict[tuple[int | None, str, str], RuleValues]:
    """Every rule row of a network as values, keyed by (library, category, item type)."""
    return {
        (row.library_id, row.patron_category, row.item_type): RuleValues(
            **{name: getattr(row, name) for name in RULE_FIELDS}, source=str(row)
        )
        for row in LoanRule.objects.filter(network_id=network_id).only(
            "library_id", "patron_category", "item_type", *RULE_FIELDS
        )
    }


def rule_for(*, library: Any, category: str, item_type: str) -> RuleValues:
    """The rule that applies. The network's matrix is read once and kept in the desk cache
    (``desk_cache``: emptied when a rule is saved or deleted), so a scan costs no query."""
    matrix = cached(("rules", library.network_id), lambda: _network_matrix(library.network_id))
    for library_id in (library.pk, None):
        for key in ((category, item_type), (category, ""), ("", item_type), ("", "")):
            rule = matrix.get((library_id, *key))
            if rule is not None:
                return rule
    return DEFAULT_RULE


CALENDAR_DAYS = 400  # cached window of closed days: a year of loans plus the 60-day search


def _closed_window(library: Any, first: dt.date) -> frozenset[dt.date]:
    return frozenset(closed_dates(library, first, first + dt.timedelta(days=CALENDAR_DAYS)))


def due_date(*, library: Any, start: dt.date, days: int) -> dt.date:
    """``start`` + ``days``, moved forward past the library's closed days.

    The closed days of the coming ``CALENDAR_DAYS`` are read once per library and day and kept
    in the desk cache; a date beyond that window asks the calendar directly."""
    day = start + dt.timedelta(days=days)
    first = timezone.localdate()
    last = first + dt.timedelta(days=CALENDAR_DAYS - HORIZON_DAYS)
    if not first <= day <= last:
        return next_open_day(library, day, horizon_days=HORIZON_DAYS)
    closed = cached(("closed", library.pk, first), lambda: _closed_window(library, first))
    candidate = day
    for _ in range(HORIZON_DAYS + 1):
        if candidate not in closed:
            return candidate
        candidate += dt.timedelta(days=1)
    return day


def fine_days(*, library: Any, due_on: dt.date, today: dt.date) -> int:
    """Days a late return is fined for: every day after ``due_on`` up to ``today``, less the
    lending library's closed days when the setting says so (a reader who could not return a
    book on a holiday is not fined for it; Koha's "noFinesWhenClosed")."""
    from thuvien.network.settings_registry import setting_get

    days = (today - due_on).days
    if days <= 0:
        return 0
    if not setting_get("circulation.fines_skip_closed_days", library=library):
        return days
    closed = closed_dates(library, due_on + dt.timedelta(days=1), today)
    return max(0, days - len(closed))
