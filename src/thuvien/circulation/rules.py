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

from django.db.models import Q

from thuvien.network.calendar import next_open_day

from .models import LoanRule


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


def _rank(row: LoanRule, library_id: int | None) -> tuple[int, int, int]:
    return (
        0 if row.library_id == library_id and library_id is not None else 1,
        0 if row.patron_category else 1,
        0 if row.item_type else 1,
    )


def rule_for(*, library: Any, category: str, item_type: str) -> RuleValues:
    """The rule that applies; one query whatever the matrix size."""
    lib_filter = Q(library__isnull=True)
    if library is not None:
        lib_filter |= Q(library_id=library.pk)
    rows = list(
        LoanRule.objects.filter(lib_filter, network_id=library.network_id)
        .filter(patron_category__in=[category, ""], item_type__in=[item_type, ""])
        .only("library_id", "patron_category", "item_type", *RULE_FIELDS)
    )
    if not rows:
        return DEFAULT_RULE
    best = min(rows, key=lambda r: _rank(r, library.pk))
    return RuleValues(
        **{name: getattr(best, name) for name in RULE_FIELDS},
        source=str(best),
    )


def due_date(*, library: Any, start: dt.date, days: int) -> dt.date:
    """``start`` + ``days``, moved forward past the library's closed days."""
    return next_open_day(library, start + dt.timedelta(days=days))
