"""Recording each library's day (the only code that writes oversight figures)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TypeVar

from django.db import transaction
from django.db.models import Count, F, Model, Q, QuerySet, Sum
from django.utils import timezone

from thuvien.circulation.models import Hold, Loan
from thuvien.core.models import AuditEntry
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item, ItemStatus
from thuvien.network.models import Library
from thuvien.patrons.models import Patron

from .collection import Counts, collection_breakdown, collection_rows
from .digitisation import digital_state, digital_use
from .models import (
    EVENT_FIGURES,
    STATE_FIGURES,
    USE_FIGURES,
    CollectionCount,
    LibraryDay,
    LibraryMonth,
)

# Copies that are no longer part of the stock.
GONE = (ItemStatus.WITHDRAWN, ItemStatus.LOST)
# Every renewal (desk, kiosk, the reader's own) is audited with the library that renewed it
# and the time: a loan keeps only how many times it was renewed, not when.
RENEWAL_ACTIONS = ("circulation.loan.renewed", "circulation.loan.renewal_overridden")

_M = TypeVar("_M", bound=Model)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def _per_library(rows: Iterable[tuple[int | None, int]]) -> dict[int, int]:
    return {library_id: n for library_id, n in rows if library_id is not None}


def _grouped_all(
    queryset: QuerySet[_M], field: str = "library_id", **count: Count
) -> dict[int, int]:
    return _per_library(queryset.values_list(field).annotate(**count).values_list(field, "n"))


def library_period_figures(
    *,
    start: dt.date,
    end: dt.date,
    library_ids: Collection[int] | None = None,
    with_use: bool = True,
    with_collection: dict[int, Counts] | None = None,
) -> dict[int, dict[str, int]]:
    """Every library's figures (or only ``library_ids``'), counted straight from the database,
    one grouped query a figure (not a query a library): the state at the end of ``end`` as the
    tables show it now (copies acquired by then and not gone, readers registered by then whose
    card runs to ``end``, the digital library: ``oversight.digitisation``), the events of the
    days ``start`` to ``end``, and (``with_use``) the views and downloads of digital documents
    in the months the period covers; renewals from the audit log. ``with_collection``, when
    given, is filled with each library's stock by DDC class, language, material type and
    format (``oversight.collection``)."""
    first, _ = _day_bounds(start)
    _, after = _day_bounds(end)

    def _grouped(
        queryset: QuerySet[_M], field: str = "library_id", **count: Count
    ) -> dict[int, int]:
        if library_ids is not None:
            queryset = queryset.filter(**{f"{field}__in": list(library_ids)})
        return _grouped_all(queryset, field, **count)

    with scopes_disabled():
        stock = Item.objects.exclude(status__in=GONE).filter(
            Q(acquired_on__isnull=True) | Q(acquired_on__lte=end)
        )
        figures = {
            "titles": _grouped(stock, n=Count("record_id", distinct=True)),
            "copies": _grouped(stock, n=Count("pk")),
            "readers": _grouped(
                Patron.objects.filter(
                    is_anonymised=False, registered_on__lte=end, expires_on__gte=end
                ),
                n=Count("pk"),
            ),
            "copies_added": _grouped(
                Item.objects.filter(acquired_on__gte=start, acquired_on__lte=end), n=Count("pk")
            ),
            "readers_new": _grouped(
                Patron.objects.filter(registered_on__gte=start, registered_on__lte=end),
                n=Count("pk"),
            ),
            "loans": _grouped(
                Loan.all_objects.filter(issued_at__gte=first, issued_at__lt=after), n=Count("pk")
            ),
            "returns": _grouped(
                Loan.all_objects.filter(returned_at__gte=first, returned_at__lt=after),
                field="returned_library_id",
                n=Count("pk"),
            ),
            "holds": _grouped(
                Hold.all_objects.filter(placed_at__gte=first, placed_at__lt=after), n=Count("pk")
            ),
            "renewals": _grouped(
                AuditEntry.objects.filter(
                    action__in=RENEWAL_ACTIONS, created_at__gte=first, created_at__lt=after
                ),
                n=Count("pk"),
            ),
        }
        if with_use:
            # Over the period as a whole (not a sum of days): people who borrowed, counted at
            # once from the loans and kept nowhere (an anonymised loan has lost its reader),
            # and loans to readers registered at another library.
            lent = Loan.all_objects.filter(issued_at__gte=first, issued_at__lt=after)
            figures["active_readers"] = _grouped(
                lent.filter(patron__isnull=False), n=Count("patron_id", distinct=True)
            )
            figures["loans_other_libraries"] = _grouped(
                lent.filter(patron_library__isnull=False).exclude(
                    patron_library_id=F("library_id")
                ),
                n=Count("pk"),
            )
        if library_ids is not None:
            stock = stock.filter(library_id__in=list(library_ids))
        figures.update(digital_state(stock=stock, after=after, library_ids=library_ids))
        if with_collection is not None:
            with_collection.update(collection_breakdown(stock=stock))
        if with_use:
            figures.update(digital_use(start=start, end=end, library_ids=library_ids))
    per_library: dict[int, dict[str, int]] = defaultdict(dict)
    for name, counts in figures.items():
        for library_id, n in counts.items():
            per_library[library_id][name] = n
    return per_library


def library_days_record(*, day: dt.date | None = None) -> int:
    """Record (or record again) every library's figures for ``day`` (today by default).

    Run at the end of each day by the worker; running it twice for a day replaces the row, so
    a missed night can be caught up. Returns how many libraries were recorded.
    """
    day = day or timezone.localdate()
    collection: dict[int, Counts] = {}
    counted = library_period_figures(
        start=day, end=day, with_use=False, with_collection=collection
    )
    names = STATE_FIGURES + EVENT_FIGURES
    rows = [
        LibraryDay(library_id=pk, day=day, **{n: counted.get(pk, {}).get(n, 0) for n in names})
        for pk in Library.objects.values_list("pk", flat=True)
    ]
    with transaction.atomic():
        LibraryDay.all_objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["library", "day"],
            update_fields=[*names, "recorded_at"],
        )
        CollectionCount.all_objects.filter(day=day).delete()
        CollectionCount.all_objects.bulk_create(
            collection_rows(day=day, counted=collection), batch_size=2000
        )
        library_month_rollup(day=day)
    collection_counts_prune(today=day)
    return len(rows)


COLLECTION_DAYS_KEPT = 62


def collection_counts_prune(*, today: dt.date) -> int:
    """Forget the daily collection breakdowns older than two months except the last recorded
    day of each month. Reports read the stock at a period's end (a month, quarter, year or the
    evaluation year 01/12–30/11: all month ends) and dashboards the latest day; keeping every
    day would grow by about 25 rows a library a day (10 million a year for 1,100 libraries).
    Returns the rows deleted."""
    cutoff = today - dt.timedelta(days=COLLECTION_DAYS_KEPT)
    old_days = set(
        CollectionCount.all_objects.filter(day__lt=cutoff)
        .values_list("day", flat=True).distinct().order_by()
    )
    month_ends: dict[tuple[int, int], dt.date] = {}
    for day in old_days:
        key = (day.year, day.month)
        month_ends[key] = max(day, month_ends.get(key, day))
    drop = sorted(old_days - set(month_ends.values()))
    if not drop:
        return 0
    deleted, _ = CollectionCount.all_objects.filter(day__in=drop).delete()
    return deleted


def library_month_rollup(*, day: dt.date) -> None:
    """Rewrite every library's sums for the month of ``day`` from its recorded days, with the
    month's views, downloads, paid uses and copy requests of its digital documents as
    ``digital.UsageCount`` has them."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    sums = (
        LibraryDay.all_objects.filter(day__gte=first, day__lt=following)
        .values("library_id")
        .annotate(days=Count("pk"), **{name: Sum(name) for name in EVENT_FIGURES})
    )
    use = digital_use(start=first, end=first)
    LibraryMonth.all_objects.bulk_create(
        [
            LibraryMonth(month=first, **row,
                         **{n: use[n].get(row["library_id"], 0) for n in USE_FIGURES})
            for row in sums
        ],  # fmt: skip
        update_conflicts=True,
        unique_fields=["library", "month"],
        update_fields=["days", *EVENT_FIGURES, *USE_FIGURES],
    )
