"""Reads for circulation. Staff selectors take the library; reader selectors take the reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from thuvien.core.errors import NotFound

from .errors import CirculationErrorCode
from .models import (
    ACTIVE_HOLD_STATUSES,
    Fee,
    FeeKind,
    Hold,
    HoldStatus,
    Loan,
    LoanRule,
    NoticeTemplate,
    Payment,
    PostalLine,
    PostalRequest,
    PostalStatus,
    ReadingPermission,
    Transit,
)

if TYPE_CHECKING:
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron


def patron_loans(*, patron: Patron) -> QuerySet[Loan]:
    """A reader's open loans anywhere in the network (their own view)."""
    return (
        Loan.all_objects.filter(patron=patron, returned_at__isnull=True)
        .select_related("item__record", "library")
        .order_by("due_on", "id")
    )


def loan_history(*, patron: Patron) -> QuerySet[Loan]:
    """Returned loans still linked to the reader (kept only when they opted in)."""
    return (
        Loan.all_objects.filter(patron=patron, returned_at__isnull=False)
        .select_related("item__record", "library")
        .order_by("-returned_at")
    )


def patron_loan_get(*, patron: Patron, pk: int) -> Loan | None:
    """One of the reader's open loans (any other is None)."""
    return patron_loans(patron=patron).filter(pk=pk).first()


def patron_hold_get(*, patron: Patron, pk: int) -> Hold | None:
    """One of the reader's active holds (any other is None)."""
    return patron_holds(patron=patron).filter(pk=pk).first()


def patron_holds(*, patron: Patron) -> QuerySet[Hold]:
    return (
        Hold.all_objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES)
        .select_related("record", "library", "item")
        .order_by("placed_at")
    )


def patron_postal_requests(*, patron: Patron, limit: int = 50) -> list[PostalRequest]:
    """The reader's own postal-loan requests, newest first, with their books (three queries).

    A reader reads their own rows across the libraries of their network (the request lives at
    their home library): filtered by the patron, as the other ``patron_*`` selectors are."""
    return list(
        PostalRequest.all_objects.filter(patron=patron)
        .select_related("library")
        .prefetch_related(
            Prefetch("lines", queryset=PostalLine.objects.select_related("record").order_by("pk"))
        )
        .order_by("-created_at", "-pk")[:limit]
    )


def patron_fees(
    *, patron: Patron, open_only: bool = True, library: Library | None = None
) -> QuerySet[Fee]:
    """The reader's fees (open ones only unless ``open_only`` is False), of one library when
    ``library`` is given."""
    qs = Fee.all_objects.filter(patron=patron).select_related("library")
    if library is not None:
        qs = qs.filter(library=library)
    return qs.filter(outstanding__gt=0) if open_only else qs


def patron_balance(*, patron: Patron, library: Library | None = None) -> Decimal:
    qs = Fee.all_objects.filter(patron=patron, outstanding__gt=0)
    if library is not None:
        qs = qs.filter(library=library)
    return qs.aggregate(s=Sum("outstanding"))["s"] or Decimal(0)


def patron_limits_at(*, patron: Patron, library: Library) -> tuple[int, int]:
    """(hold limit, loan limit) of the reader's category at ``library``: the loan rule that
    applies to any copy type (a kiosk shows them)."""
    from .loan_policy import rule_for

    rule = rule_for(library=library, category=patron.category.code, item_type="")
    return rule.max_holds, rule.max_loans


def hold_queue_position(*, hold: Hold) -> int:
    """1 for the first in line; 0 for a hold no longer queued."""
    if hold.status != HoldStatus.QUEUED:
        return 0
    return (
        Hold.all_objects.filter(
            record_id=hold.record_id, status=HoldStatus.QUEUED, placed_at__lt=hold.placed_at
        ).count()
        + 1
    )


def loan_get_for(*, library: Library, pk: int) -> Loan:
    """A loan made at ``library``; another library's loan is NotFound (scoped manager)."""
    loan = Loan.objects.filter(pk=pk, library=library).select_related("item", "patron").first()
    if loan is None:
        raise NotFound("not_found", "Không tìm thấy lượt mượn.")
    return loan


def open_loan_for_item(*, item: Item) -> Loan | None:
    return (
        Loan.all_objects.filter(item=item, returned_at__isnull=True)
        .select_related("patron", "library")
        .first()
    )


def library_ledger(*, library: Library) -> dict[str, Any]:
    """The library's totals: charged, owed, received, forgiven, given back and kept."""
    fees = Fee.objects.filter(library=library)
    pays = Payment.objects.filter(library=library)
    totals = {
        "charged": fees.aggregate(s=Sum("amount"))["s"] or Decimal(0),
        "outstanding": fees.aggregate(s=Sum("outstanding"))["s"] or Decimal(0),
        "paid": pays.filter(kind=Payment.Kind.PAYMENT).aggregate(s=Sum("amount"))["s"]
        or Decimal(0),
        "waived": pays.filter(kind=Payment.Kind.WAIVER).aggregate(s=Sum("amount"))["s"]
        or Decimal(0),
        "refunded": pays.filter(kind=Payment.Kind.REFUND).aggregate(s=Sum("amount"))["s"]
        or Decimal(0),
    }
    totals["kept"] = totals["paid"] - totals["refunded"]
    return totals


def hold_slip_get(*, library: Library, pk: int) -> Hold:
    """A hold waiting at ``library`` (its pickup library) for its hold slip; another library's
    hold is NotFound."""
    hold = (
        Hold.all_objects.filter(pk=pk, library=library)
        .select_related("patron", "record", "item", "library")
        .first()
    )
    if hold is None:
        raise NotFound("not_found", _("Không tìm thấy yêu cầu đặt trước."))
    return hold


def transit_slip_get(*, library: Library, pk: int) -> Transit:
    """A transit leaving or reaching ``library``, for its transit slip; any other is NotFound."""
    from django.db.models import Q

    transit = (
        Transit.all_objects.filter(pk=pk)
        .filter(Q(from_library=library) | Q(library=library))
        .select_related("item__record", "library", "from_library", "hold__patron")
        .first()
    )
    if transit is None:
        raise NotFound("not_found", _("Không tìm thấy phiếu luân chuyển."))
    return transit


def transits_expected(*, library: Library) -> QuerySet[Transit]:
    return (
        Transit.objects.filter(library=library, received_at__isnull=True)
        .select_related("item__record", "from_library")
        .order_by("sent_at")
    )


_DESK_PATRON: dict[str, tuple[str, list[Any]]] = {}  # per database vendor: SQL text, parts
# What a check-out reads of the reader (the refusals, the loan row, the answer); any other
# column is deferred and loaded on first use.
_DESK_PATRON_FIELDS = (
    "library_id",
    "network_id",
    "card_number",
    "category_id",
    "expires_on",
    "blocked_reason",
    "is_anonymised",
)


def patron_for_desk(*, library: Library, card_number: str) -> Any:
    """The reader of ``library``'s network with this card (any library of it: desks serve
    visitors), with the category: ``patron_get_by_card(lean=True)`` as one prepared statement
    (``core.db``), for the REST desk's check-out. An anonymised reader is not found."""
    from thuvien.core import db as q
    from thuvien.core.text import clean
    from thuvien.patrons.models import Patron, PatronCategory

    number = clean(card_number or "").upper()
    found = _DESK_PATRON.get(connection.vendor)
    if found is None:
        parts = [
            q.part(Patron, "p", _DESK_PATRON_FIELDS),
            q.part(PatronCategory, "c", ("network_id", "code")),
        ]
        sql = (
            f"SELECT {', '.join(p.columns() for p in parts)}"  # noqa: S608 - names from the models; values are parameters
            f" FROM {q.table(Patron)} p"
            f" INNER JOIN {q.table(PatronCategory)} c ON c.id = p.category_id"
            " WHERE p.card_number = %s AND p.network_id = %s AND p.is_anonymised = %s"
        )
        found = _DESK_PATRON[connection.vendor] = (sql, parts)
    sql, parts = found
    row = q.fetch_one(sql, [number, library.network_id, False]) if number else None
    if row is None:
        raise NotFound("patron_not_found", "Không tìm thấy bạn đọc.")
    patron, category = q.split(row, parts)
    q.attach(patron, "category", category)
    return patron


def item_for_desk(*, library: Library, barcode: str) -> Any:
    """A copy of the library's network by barcode: a desk takes back any copy of the network.
    A read without a lock; the desk services lock the copy themselves
    (``services.desk_checkout``, ``holdings.item_sql.desk_item_for_update``)."""
    from thuvien.holdings.item_sql import desk_item_get

    return desk_item_get(library=library, barcode=barcode)


def reading_permission_get_for(*, library: Library, pk: int) -> ReadingPermission | None:
    """A reading-room permission of the library (another library's is None, as a missing one)."""
    return ReadingPermission.objects.filter(pk=pk, library=library).first()


def reading_permissions_of(*, library: Library, limit: int = 200) -> list[ReadingPermission]:
    """The library's reading-room permissions, newest first, with copy, reader and decider."""
    return list(
        ReadingPermission.objects.filter(library=library)
        .select_related("item__record", "patron", "decided_by")
        .order_by("-requested_at", "-id")[:limit]
    )


def hold_for_desk(*, library: Library, pk: int) -> Hold:
    """A hold the desk of ``library`` may act on (cancel): one picked up at this library or
    placed by one of its readers. ``NotFound`` otherwise (not yours and does not exist alike)."""
    hold = (
        Hold.all_objects.filter(pk=pk)
        .filter(Q(library=library) | Q(patron__library=library))
        .select_related("patron")
        .first()
    )
    if hold is None:
        raise NotFound("not_found", _("Không tìm thấy yêu cầu đặt trước."))
    return hold


def library_transactions_on(*, library: Library, day: dt.date) -> tuple[int, int]:
    """(loans issued, copies returned) at ``library`` on ``day``: a return counts where the
    copy was scanned, whichever library lent it (the desk's own work)."""
    from django.utils import timezone

    start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
    end = start + dt.timedelta(days=1)
    lent = Loan.objects.filter(library=library, issued_at__gte=start, issued_at__lt=end).count()
    returned = Loan.all_objects.filter(
        returned_library=library, returned_at__gte=start, returned_at__lt=end
    ).count()
    return lent, returned


def library_day(*, library: Library, today: dt.date | None = None) -> dict[str, int]:
    """Today's desk at a glance (the staff dashboard): lent and returned today, open and
    overdue loans, holds waiting on the shelf, copies travelling here, postal requests to do.
    One count query each, on indexed columns of this library's rows."""
    from django.utils import timezone

    from .models import PostalRequest, PostalStatus

    today = today or timezone.localdate()
    lent, returned = library_transactions_on(library=library, day=today)
    open_loans = Loan.objects.filter(library=library, returned_at__isnull=True)
    return {
        "lent_today": lent,
        "returned_today": returned,
        "open_loans": open_loans.count(),
        "overdue": open_loans.filter(due_on__lt=today).count(),
        "holds_ready": Hold.all_objects.filter(library=library, status=HoldStatus.READY).count(),
        "transits": Transit.objects.filter(library=library, received_at__isnull=True).count(),
        "postal_waiting": PostalRequest.objects.filter(
            library=library, status__in=[PostalStatus.REQUESTED, PostalStatus.PACKED]
        ).count(),
    }


# --- lost and damaged copies ----------------------------------------------------------------

LOST_FEE_KINDS = (FeeKind.LOST, FeeKind.DAMAGED)


def lost_fee_quote(*, loan: Loan) -> Decimal:
    """What declaring the loan's copy lost (or damaged) charges: the copy's price, or the
    library's default fee when the copy has none. The confirmation shows it; the service
    charges it (and refuses if it changed in between)."""
    from thuvien.network.settings_registry import setting_get

    price = loan.item.price or setting_get(
        "circulation.lost_item_default_fee", library=loan.library
    )
    return Decimal(str(price or 0)).quantize(Decimal(1))


def lost_undo_refusal(
    *, fee: Fee, today: dt.date | None = None
) -> CirculationErrorCode | None:
    """Why a lost/damaged declaration cannot be undone (a ``CirculationErrorCode``), or None.

    The same rule decides whether the reader page offers "Hoàn tác" and whether the service
    does it: only the day it was declared, only while nothing was paid or waived on the fee,
    and only while the copy is still marked lost (damaged) with no other loan."""
    from django.utils import timezone

    from thuvien.holdings.models import ItemStatus

    from .errors import CirculationErrorCode as C

    today = today or timezone.localdate()
    loan = fee.loan
    if fee.kind not in LOST_FEE_KINDS or loan is None or loan.returned_at is None:
        return C.LOST_UNDO_NOT_POSSIBLE
    if timezone.localdate(fee.created_at) != today:
        return C.LOST_UNDO_TOO_LATE
    if fee.outstanding != fee.amount or fee.allocations.exists():
        return C.LOST_UNDO_FEE_SETTLED
    wanted = ItemStatus.LOST if fee.kind == FeeKind.LOST else ItemStatus.DAMAGED
    if loan.item.status != wanted:
        return C.LOST_UNDO_NOT_POSSIBLE
    if Loan.all_objects.filter(item_id=loan.item_id, returned_at__isnull=True).exists():
        return C.LOST_UNDO_NOT_POSSIBLE
    return None


def lost_fees_undoable(*, patron: Patron, library: Library) -> list[Fee]:
    """Today's lost/damaged declarations of ``patron`` at ``library`` that may still be undone."""
    from django.utils import timezone

    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    fees = (
        Fee.all_objects.filter(
            patron=patron, library=library, kind__in=LOST_FEE_KINDS, created_at__gte=start
        )
        .select_related("loan__item__record")
        .order_by("created_at", "id")
    )
    return [f for f in fees if lost_undo_refusal(fee=f, today=today) is None]


def lost_fee_get_for(*, library: Library, pk: int) -> Fee:
    """A lost/damaged fee charged by ``library``; another library's answers NotFound."""
    fee = (
        Fee.all_objects.filter(pk=pk, library=library, kind__in=LOST_FEE_KINDS)
        .select_related("loan__item__record", "patron", "library")
        .first()
    )
    if fee is None:
        raise NotFound("not_found", "Không tìm thấy khoản bồi thường.")
    return fee


# --- staff pages: loan rules, reports, postal loans -----------------------------------------


def loan_rules_for(*, library: Library) -> QuerySet[LoanRule]:
    """The rules a library's desk works under: the network's and the library's own, network
    rows first, then by category and copy type."""
    return (
        LoanRule.objects.filter(network=library.network_id)
        .filter(Q(library__isnull=True) | Q(library=library))
        .order_by("library_id", "patron_category", "item_type")
    )


def loan_rule_get_for(*, library: Library, pk: int) -> LoanRule | None:
    """A network rule or one of ``library``'s own; another library's rule is None."""
    rule = LoanRule.objects.filter(pk=pk, network=library.network_id).first()
    if rule is None or rule.library_id not in (None, library.pk):
        return None
    return rule


def overdue_loans(*, library: Library, today: dt.date, limit: int = 2000) -> list[Loan]:
    """The library's open loans past their due day, the most overdue first."""
    return list(
        Loan.objects.filter(library=library, returned_at__isnull=True, due_on__lt=today)
        .select_related("item__record", "patron")
        .order_by("due_on")[:limit]
    )


def holds_to_pull(*, library: Library) -> list[tuple[Hold, Item]]:
    """Copies on this library's shelves that a queued hold anywhere in the network can take,
    paired with the hold, oldest hold first; each copy serves one hold. Three queries whatever
    the queue length."""
    from thuvien.holdings.models import Item, ItemStatus

    holds = list(
        Hold.all_objects.filter(status=HoldStatus.QUEUED, library__network_id=library.network_id)
        .select_related("record", "library")
        .order_by("placed_at")[:500]
    )
    wanted_records = {h.record_id for h in holds if not h.item_level}
    wanted_items = {h.item_id for h in holds if h.item_level}
    available = list(
        Item.objects.filter(
            Q(record_id__in=wanted_records) | Q(pk__in=wanted_items),
            library=library,
            status=ItemStatus.AVAILABLE,
        ).order_by("pk")
    )
    by_record: dict[int, list[Item]] = {}
    for item in available:
        by_record.setdefault(item.record_id, []).append(item)
    used: set[int] = set()
    pairs: list[tuple[Hold, Item]] = []
    for hold in holds:
        candidates = by_record.get(hold.record_id, [])
        if hold.item_level:
            candidates = [i for i in candidates if i.pk == hold.item_id]
        found = next((i for i in candidates if i.pk not in used), None)
        if found is None:
            continue
        used.add(found.pk)
        pairs.append((hold, found))
    return pairs


def postal_requests_of(*, library: Library, limit: int = 200) -> list[PostalRequest]:
    """The library's postal-loan requests not cancelled, newest first, with reader and books."""
    return list(
        PostalRequest.objects.filter(library=library)
        .exclude(status=PostalStatus.CANCELLED)
        .select_related("patron")
        .prefetch_related("lines__record")
        .order_by("-created_at")[:limit]
    )


def postal_request_get_for(*, library: Library, pk: int) -> PostalRequest | None:
    """A postal-loan request of ``library`` (another library's is None, as a missing one)."""
    return PostalRequest.objects.filter(pk=pk, library=library).first()


def fees_and_payments_of(*, library: Library, limit: int = 100) -> tuple[list[Fee], list[Payment]]:
    """The library's latest fees and payments (the ledger page), newest first, with readers."""
    fees = Fee.objects.filter(library=library).select_related("patron").order_by("-created_at")
    pays = Payment.objects.filter(library=library).select_related("patron").order_by("-created_at")
    return list(fees[:limit]), list(pays[:limit])


def patron_payments_at(*, patron: Patron, library: Library, limit: int = 10) -> list[Payment]:
    """The reader's latest payments at ``library``, newest first."""
    return list(
        Payment.all_objects.filter(patron=patron, library=library).order_by("-created_at")[:limit]
    )


def payment_get_for(*, library: Library, pk: int) -> Payment:
    """A payment taken at ``library`` with its reader, desk and what it paid (for the
    receipt); another library's answers NotFound."""
    payment = (
        Payment.objects.filter(pk=pk, library=library)
        .select_related("patron", "library", "staff")
        .prefetch_related("allocations__fee")
        .first()
    )
    if payment is None:
        raise NotFound("not_found", "Không tìm thấy biên lai.")
    return payment


def open_loan_get_for(*, library: Library, pk: int) -> Loan | None:
    """An open loan made at ``library``, with copy, record, reader and library; None else."""
    return (
        Loan.objects.filter(pk=pk, library=library, returned_at__isnull=True)
        .select_related("item__record", "patron", "library")
        .first()
    )


def notice_template_own(
    *, library: Library, kind: str, channel: str, language: str
) -> NoticeTemplate | None:
    """The library's own wording of one notice, or None (the default applies)."""
    return NoticeTemplate.objects.filter(
        network=library.network_id, library=library, kind=kind, channel=channel, language=language
    ).first()
