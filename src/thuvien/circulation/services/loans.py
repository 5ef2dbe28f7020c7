"""Check-out, check-in and renewal: the desk's three services.

Each locks the copy's row (``select_for_update``) before reading its state, so two desks
scanning the same copy at once serialise and exactly one loan results; the partial unique
constraint ``one_open_loan_per_item`` backs this up in the database. They are written for few
queries: the desk target is p95 < 50 ms server time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core import db
from thuvien.core.audit import audit_batch, audit_record
from thuvien.core.errors import NotFound
from thuvien.holdings.item_sql import desk_item_for_update, item_lock
from thuvien.holdings.models import ItemStatus
from thuvien.network.settings_registry import setting_get
from thuvien.patrons.selectors import patron_card_at_desk

from ..errors import CirculationError, CirculationErrorCode
from ..items import item_set_status
from ..lending import copy_lending_check, copy_lends_home
from ..loan_policy import RuleValues, due_date, fine_days, rule_for
from ..models import ACTIVE_HOLD_STATUSES, Fee, FeeKind, Hold, HoldStatus, Loan, Transit
from .holds import UNKNOWN, first_queued_hold_sql, route_item

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.holdings.models import Item
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

C = CirculationErrorCode
UNAVAILABLE_STATUSES = {
    ItemStatus.LOST,
    ItemStatus.DAMAGED,
    ItemStatus.WITHDRAWN,
    ItemStatus.IN_PROCESSING,
}


@dataclass
class CheckinResult:
    loan: Loan | None
    item: Item  # the copy taken back (with its record, library and network)
    hold: Hold | None = None
    transit: Transit | None = None
    fees: list[Fee] = field(default_factory=list)
    message: str = ""


def _today() -> dt.date:
    return timezone.localdate()


def _raise_or_override(
    errors: list[CirculationError],
    override_reason: str | None,
    *,
    staff: User | None,
    library: Library,
) -> list[str]:
    """Raise the first refusal unless every refusal may be overridden and a reason is given by
    a person who may override (``override_check``)."""
    if not errors:
        return []
    reason = (override_reason or "").strip()
    hard = [e for e in errors if not e.overridable]
    if hard:
        if reason:
            raise CirculationError(
                C.OVERRIDE_NOT_ALLOWED,
                _("%(reason)s Trường hợp này không thể bỏ qua quy định.")
                % {"reason": hard[0].message},
            )
        raise hard[0]
    if not reason:
        raise errors[0]
    override_check(reason=reason, staff=staff, library=library)
    return [e.code for e in errors]


# A scanned code: one "word" of letters, digits and separators with at least one digit.
_CODE_LIKE = re.compile(r"^[\w./:-]*\d[\w./:-]*$")


def override_check(*, reason: str, staff: User | None, library: Library) -> None:
    """An override is a deliberate act: the person holds ``can_override_circulation`` in the
    library, and the reason is a sentence they typed, not a scanned code (the desk once took
    the next book's barcode, scanned into the reason box, as the reason and lent the refused
    copy). A reason that is shorter than 5 characters, looks like a code, or is a barcode or a
    card number of the network is refused with ``override_reason_invalid``."""
    from thuvien.accounts.capabilities import Capability
    from thuvien.accounts.permissions import can
    from thuvien.core.text import clean
    from thuvien.holdings.models import Item
    from thuvien.patrons.models import Patron

    if staff is None or not can(staff, Capability.OVERRIDE_CIRCULATION, library):
        raise CirculationError(C.OVERRIDE_FORBIDDEN)
    raw = reason or ""
    # A control character (a scanner's prefix or suffix, a pasted NUL) means the text was not
    # typed by a person; checked before ``clean`` drops such characters.
    if any(not ch.isprintable() and not ch.isspace() for ch in raw):
        raise CirculationError(C.OVERRIDE_REASON_INVALID)
    text = clean(raw).strip()
    if len(text) < 5 or _CODE_LIKE.match(text) or not text.isprintable():
        raise CirculationError(C.OVERRIDE_REASON_INVALID)
    code = text.upper()
    if (
        Item._base_manager.filter(
            barcode__in={text, code}, library__network_id=library.network_id
        ).exists()
        or Patron.all_objects.filter(card_number=code, network_id=library.network_id).exists()
    ):
        raise CirculationError(C.OVERRIDE_REASON_INVALID)


def patron_outstanding(patron: Patron) -> Decimal:
    total = Fee.all_objects.filter(patron=patron, outstanding__gt=0).aggregate(s=Sum("outstanding"))
    return total["s"] or Decimal(0)


def _patron_checks(patron: Patron, library: Library, today: dt.date) -> list[CirculationError]:
    errors: list[CirculationError] = []
    if patron.is_anonymised or patron.blocked_reason:
        errors.append(CirculationError(C.PATRON_BLOCKED))
    if patron.network_id != library.network_id:
        # Another province's reader is not known here at all.
        raise CirculationError(C.BORROWING_NOT_ALLOWED_HERE)
    if patron.library_id != library.pk and not setting_get(
        "circulation.borrow_anywhere", library=library
    ):
        errors.append(CirculationError(C.BORROWING_NOT_ALLOWED_HERE))
    if patron.expires_on < today:
        errors.append(CirculationError(C.CARD_EXPIRED))
    return errors


def _fines_over(owed: Decimal, library: Library) -> list[CirculationError]:
    # The library's limit is only looked up for a reader who owes something.
    if owed > 0 and owed > Decimal(setting_get("circulation.fines_block_limit", library=library)):
        return [CirculationError(C.FINES_OVER_LIMIT)]
    return []


def _item_refusals(item: Item, library: Library) -> None:
    """The copy's own refusals, which no override lifts (raised before any other query)."""
    if item.library.network_id != library.network_id:
        raise CirculationError(C.ITEM_UNAVAILABLE)
    if item.status == ItemStatus.ON_LOAN:
        raise _already_on_loan(item)
    if item.status in UNAVAILABLE_STATUSES:
        raise CirculationError(C.ITEM_UNAVAILABLE)


def _already_on_loan(item: Item) -> CirculationError:
    """The refusal of a copy that is out, with whom it is out to and until when (``params``:
    ``card_number``, ``due_on``, ``patron_id``) for the staff desk. The message itself names no
    reader: SIP2 kiosks show it to the person at the kiosk."""
    row = (
        Loan.all_objects.filter(item=item, returned_at__isnull=True)
        .values_list("patron__card_number", "due_on", "patron_id")
        .order_by()
        .first()
    )
    if row is None:
        return CirculationError(C.ITEM_ALREADY_ON_LOAN)
    card, due_on, patron_id = row
    return CirculationError(
        C.ITEM_ALREADY_ON_LOAN, card_number=card or "", due_on=due_on, patron_id=patron_id
    )


def patron_checkout_blocks(
    *, patron: Patron, library: Library, owed: Decimal | None = None
) -> list[CirculationError]:
    """What would refuse any check-out to ``patron`` at ``library`` today (blocked or expired
    card, a reader of another library where that is not allowed, fines over the limit): the
    desk flags them when the card is scanned, not at the first book. Reads only; ``owed`` is
    the reader's outstanding fees when the caller has read them already."""
    try:
        errors = _patron_checks(patron, library, _today())
    except CirculationError as exc:
        return [exc]
    return errors + _fines_over(patron_outstanding(patron) if owed is None else owed, library)


@dataclass(frozen=True)
class _Facts:
    open_loans: int
    owed: Decimal
    other_hold: bool  # the copy is trapped (on the hold shelf, in transit) for another reader
    own_hold: bool  # the borrower's own hold on this copy or its title, fulfilled by the loan
    first_hold_id: int | None  # the first waiting hold the copy would fill (``route_item``)


_FACTS_SQL = (
    "SELECT (SELECT COUNT(*) FROM {loan} WHERE patron_id = %s AND returned_at IS NULL),"
    " (SELECT SUM(outstanding) FROM {fee} WHERE patron_id = %s AND outstanding > 0),"
    " EXISTS(SELECT 1 FROM {hold} WHERE item_id = %s AND status IN ({marks})"
    "  AND status <> %s AND (patron_id IS NULL OR patron_id <> %s)),"
    " EXISTS(SELECT 1 FROM {hold} WHERE patron_id = %s AND status IN ({marks})"
    "  AND (item_id = %s OR (record_id = %s AND NOT item_level AND status = %s))),"
    " ({first_queued})"
)


def _checkout_facts(*, patron_id: int, item: Item) -> _Facts:
    """The borrower's open loans and debt and the holds on the copy, in ONE query (four were
    needed before; this is the hottest path of the desk). The first waiting hold is the one
    the check-in would route the copy to (``holds.first_queued_hold_sql``)."""
    loan_t, fee_t, hold_t = (connection.ops.quote_name(m._meta.db_table) for m in (Loan, Fee, Hold))
    active = tuple(str(s) for s in ACTIVE_HOLD_STATUSES)
    marks = ", ".join(["%s"] * len(active))
    queued = str(HoldStatus.QUEUED)
    first_sql, first_params = first_queued_hold_sql(item)
    # Only table names from the models are formatted in; every value is a parameter.
    sql = _FACTS_SQL.format(
        loan=loan_t, fee=fee_t, hold=hold_t, marks=marks, first_queued=first_sql
    )
    params = [patron_id, patron_id, item.pk, *active, queued, patron_id]
    params += [patron_id, *active, item.pk, item.record_id, queued, *first_params]
    with db.prepared_cursor() as cursor:  # prepared on PostgreSQL (``core.db``)
        cursor.execute(sql, params)
        loans, owed, other, own, first = cursor.fetchone()
    return _Facts(int(loans), Decimal(str(owed or 0)), bool(other), bool(own), first)


def _wanted_by_other(*, hold_id: int, patron: Patron, item: Item, library: Library) -> list[
    CirculationError
]:
    """The refusal of a copy that would fill another reader's waiting hold (Koha's "item
    reserved" confirmation): ``params`` carry the waiting reader's card (only when a desk of
    ``library`` may see that reader: not anonymised, of its network) and the hold's place in
    the queue; the message names no reader (a SIP2 kiosk shows it to the person at it). The
    first reader in the queue borrowing it fills their own hold instead. Runs only when
    somebody waits."""
    from ..selectors import hold_queue_position

    hold = Hold.all_objects.select_related("patron").get(pk=hold_id)
    waiting = hold.patron
    if waiting is None or waiting.pk == patron.pk or not copy_lends_home(item):
        return []
    seen = not waiting.is_anonymised and waiting.network_id == library.network_id
    position = hold_queue_position(hold=hold)
    return [
        CirculationError(
            C.ITEM_WANTED_BY_OTHER,
            _("Có bạn đọc khác đang chờ mượn tài liệu này (đã đặt trước, thứ tự chờ %(n)d).")
            % {"n": position},
            card_number=waiting.card_number if seen else "",
            queue_position=position,
            hold_id=hold.pk,
        )
    ]


def loan_checkout(
    *,
    item: Item,
    patron: Patron,
    library: Library,
    staff: User | None,
    override_reason: str | None = None,
) -> Loan:
    """Lend ``item`` to ``patron`` at ``library``; refusals raise ``CirculationError``.
    The desk lends a scanned barcode with ``desk_checkout``."""
    # The audit entries of the scan (the copy's status, the loan) go in with one insert.
    with transaction.atomic(), audit_batch():
        return _checkout_locked(
            item=item_lock(pk=item.pk),
            patron=patron,
            library=library,
            staff=staff,
            override_reason=override_reason,
        )


def desk_checkout(
    *,
    library: Library,
    barcode: str,
    patron: Patron,
    staff: User | None,
    override_reason: str | None = None,
) -> Loan:
    """Lend the copy with this barcode (scanned at a desk, the API or a kiosk) to ``patron``.

    The service takes its own transaction and the copy's row lock (``FOR UPDATE OF`` the copy
    alone, one prepared statement) and reads the copy once. Queries in the usual case: the
    locked copy, one for the reader's counts and the holds, the loan, the copy's status
    (update, audit, outbox) and the loan's audit entry. Rules and the calendar come from the
    desk cache. ``NotFound`` (``item_not_found``) for an unknown barcode; refusals raise
    ``CirculationError``; ``loan.item`` is the copy. A reader's card given as the barcode is
    ``barcode_is_patron_card`` (see ``_card_given_as_barcode``)."""
    try:
        with transaction.atomic(), audit_batch():
            return _checkout_locked(
                item=desk_item_for_update(library=library, barcode=barcode),
                patron=patron,
                library=library,
                staff=staff,
                override_reason=override_reason,
            )
    except NotFound as exc:
        raise _card_given_as_barcode(exc, library=library, code=barcode) from None


def _card_given_as_barcode(exc: NotFound, *, library: Library, code: str) -> Exception:
    """What a desk says when no copy has the scanned code: when the code is the card of a
    reader a desk of ``library`` may see (``patrons.selectors.patron_card_at_desk``), the
    ``barcode_is_patron_card`` refusal carrying that reader (``params["patron"]``; the
    interface decides whether to name them); else the copy's ``item_not_found`` itself. Read
    after the desk's transaction, on the refusal path only: a scan that finds its copy pays
    nothing for it."""
    if exc.code != "item_not_found":
        return exc
    reader = patron_card_at_desk(library=library, code=code)
    if reader is None:
        return exc
    return CirculationError(
        C.BARCODE_IS_PATRON_CARD,
        _("Mã %(card)s là số thẻ bạn đọc, không phải mã vạch tài liệu. Không thực hiện gì.")
        % {"card": reader.card_number},
        patron=reader,
        card_number=reader.card_number,
    )


def _checkout_locked(
    *, item: Item, patron: Patron, library: Library, staff: User | None, override_reason: str | None
) -> Loan:
    """The check-out itself, inside the caller's transaction with the copy locked."""
    today = _today()
    errors = _patron_checks(patron, library, today)
    _item_refusals(item, library)
    copy_lending_check(item=item, library=library, patron=patron)
    facts = _checkout_facts(patron_id=patron.pk, item=item)
    if facts.other_hold:
        errors.append(CirculationError(C.ITEM_ON_HOLD_FOR_OTHER))
    elif facts.first_hold_id is not None:
        errors += _wanted_by_other(
            hold_id=facts.first_hold_id, patron=patron, item=item, library=library
        )
    rule = rule_for(library=library, category=patron.category.code, item_type=item.item_type)
    if not rule.for_loan:
        errors.append(CirculationError(C.ITEM_NOT_FOR_LOAN))
    if facts.open_loans >= rule.max_loans:
        errors.append(CirculationError(C.LOAN_LIMIT_REACHED))
    errors += _fines_over(facts.owed, library)
    overridden = _raise_or_override(errors, override_reason, staff=staff, library=library)
    now = timezone.now()
    try:
        # No savepoint: an IntegrityError here ends the whole checkout anyway (the
        # exception leaves the outer atomic block, which rolls back).
        # One prepared INSERT (db.prepared_insert: the same row as Loan.objects.create).
        with transaction.atomic(savepoint=False):
            loan = db.prepared_insert(
                Loan(
                    library=library,
                    item=item,
                    patron=patron,
                    patron_category=patron.category.code,
                    patron_library_id=patron.library_id,
                    issued_at=now,
                    due_on=due_date(library=library, start=today, days=max(rule.loan_days, 1)),
                    staff=staff if getattr(staff, "is_authenticated", False) else None,
                    override_reason=(override_reason or "").strip()[:255] if overridden else "",
                )
            )
    except IntegrityError:
        raise _already_on_loan(item) from None
    if facts.own_hold:
        # The reader's own hold on this copy or title is fulfilled by the loan.
        Hold.all_objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES).filter(
            Q(item=item) | Q(record_id=item.record_id, item_level=False, status=HoldStatus.QUEUED)
        ).update(status=HoldStatus.FULFILLED, closed_at=now, item=item)
    if item.status == ItemStatus.IN_TRANSIT:
        Transit.all_objects.filter(item=item, received_at__isnull=True).update(received_at=now)
    item_set_status(item=item, status=ItemStatus.ON_LOAN, actor=staff)
    audit_record(
        actor=staff,
        action="circulation.loan.overridden" if overridden else "circulation.loan.checked_out",
        obj=loan,
        library=library,
        changes={"item": item.barcode, "override": overridden, "reason": loan.override_reason}
        if overridden
        else {"item": item.barcode},
    )
    return loan


def _overdue_fine(loan: Loan, rule: RuleValues, today: dt.date) -> tuple[Decimal, int]:
    """The fine for returning ``loan`` today, and the days it counts (``rules.fine_days``)."""
    if rule.fine_per_day <= 0 or loan.due_on >= today:
        return Decimal(0), 0
    days = fine_days(library=loan.library, due_on=loan.due_on, today=today)
    return min(Decimal(days) * rule.fine_per_day, rule.fine_cap), days


_OPEN_LOAN: dict[str, tuple[str, list[Any]]] = {}  # per database vendor: SQL text, parts


def _open_loan_of(item: Item) -> Loan | None:
    """The copy's open loan (at most one: ``one_open_loan_per_item``) with the reader's card
    and name and the lending library (their other columns are read on first use only), and the
    first waiting hold's id as ``first_hold_id`` (the routing that follows needs it). One prepared
    statement (``core.db``): every check-in runs it."""
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

    hold_sql, hold_params = first_queued_hold_sql(item)
    prepared = _OPEN_LOAN.get(connection.vendor)
    if prepared is None:
        parts = [
            db.part(Loan, "o"),
            db.part(Library, "l", ("network_id", "parent_id", "code", "name_vi")),
            # the name too: the desk heads each reader's returns with name and card
            db.part(Patron, "p", ("card_number", "full_name", "library_id", "network_id")),
        ]
        columns = ", ".join(p.columns() for p in parts)
        # Table names from the models only; every value is a parameter.
        sql = (
            f"SELECT ({hold_sql}) AS first_hold_id, {columns}"  # noqa: S608 - names from the models; values are parameters
            f" FROM {db.table(Loan)} o"
            f" INNER JOIN {db.table(Library)} l ON l.id = o.library_id"
            f" LEFT OUTER JOIN {db.table(Patron)} p ON p.id = o.patron_id"
            " WHERE o.item_id = %s AND o.returned_at IS NULL"
        )
        prepared = _OPEN_LOAN[connection.vendor] = (sql, parts)
    sql, parts = prepared
    row = db.fetch_one(sql, [*hold_params, item.pk])
    if row is None:
        return None
    loan, library, patron = db.split(row[1:], parts)
    db.attach(loan, "library", library)
    db.attach(loan, "patron", patron)
    loan.first_hold_id = row[0]
    found: Loan = loan
    return found


def loan_checkin(*, item: Item, library: Library, staff: User | None) -> CheckinResult:
    """Take a copy back at ``library``: close the loan, charge the overdue fine, then route the
    copy (to the next hold in the queue, back home in transit, or back on the shelf). The desk
    takes back a scanned barcode with ``desk_checkin``."""
    # The audit entries of the scan (the copy's status, the loan) go in with one insert.
    with transaction.atomic(), audit_batch():
        return _checkin_locked(item=item_lock(pk=item.pk), library=library, staff=staff)


def desk_checkin(*, library: Library, barcode: str, staff: User | None) -> CheckinResult:
    """Take back the copy with this barcode at ``library`` (desk, API, kiosk): its own
    transaction and row lock, the copy read once (see ``desk_checkout``). ``NotFound`` for an
    unknown barcode (``barcode_is_patron_card`` for a reader's card); ``result.item`` is the
    copy."""
    try:
        with transaction.atomic(), audit_batch():
            return _checkin_locked(
                item=desk_item_for_update(library=library, barcode=barcode),
                library=library,
                staff=staff,
            )
    except NotFound as exc:
        raise _card_given_as_barcode(exc, library=library, code=barcode) from None


def _checkin_locked(*, item: Item, library: Library, staff: User | None) -> CheckinResult:
    """The check-in itself, inside the caller's transaction with the copy locked."""
    today = _today()
    now = timezone.now()
    if item.library.network_id != library.network_id:
        raise CirculationError(C.ITEM_NOT_ON_LOAN)
    loan = _open_loan_of(item)
    result = CheckinResult(loan=loan, item=item)
    if loan is not None:
        loan.item = item  # the answer shows the copy; no second read of it
        loan.returned_at = now
        loan.returned_library = library
        db.prepared_update(loan, ["returned_at", "returned_library"])  # one prepared UPDATE
        fine, days = Decimal(0), 0
        if loan.due_on < today:  # the rule is only read when a fine may be due
            rule = rule_for(
                library=loan.library, category=loan.patron_category, item_type=item.item_type
            )
            fine, days = _overdue_fine(loan, rule, today)
        if fine > 0 and loan.patron_id:
            result.fees.append(
                Fee.all_objects.create(
                    library=loan.library,
                    patron_id=loan.patron_id,
                    loan=loan,
                    kind=FeeKind.OVERDUE,
                    amount=fine,
                    outstanding=fine,
                    description=_("Quá hạn %(days)d ngày: %(barcode)s")
                    % {"days": days, "barcode": item.barcode},
                    created_at=now,
                    created_by=staff if getattr(staff, "is_authenticated", False) else None,
                )
            )
        audit_record(
            actor=staff,
            action="circulation.loan.checked_in",
            obj=loan,
            library=library,
            changes={"item": item.barcode},
        )
    elif item.status not in {ItemStatus.IN_TRANSIT, ItemStatus.AVAILABLE}:
        raise CirculationError(C.ITEM_NOT_ON_LOAN)
    routed = route_item(
        item=item,
        library=library,
        actor=staff,
        now=now,
        first_hold_id=loan.first_hold_id if loan is not None else UNKNOWN,
    )
    if loan is None and routed.nothing_to_do:
        raise CirculationError(C.ITEM_NOT_ON_LOAN)
    result.hold, result.transit = routed.hold, routed.transit
    result.message = routed.message
    if result.fees:
        total = sum((f.amount for f in result.fees), Decimal(0))
        result.message = (
            result.message
            + " "
            + _("Phạt quá hạn: %(amount)s đồng.") % {"amount": f"{total:,.0f}".replace(",", ".")}
        ).strip()
    return result


def loan_renew(
    *, loan: Loan, actor: User, library: Library | None = None, override_reason: str | None = None
) -> Loan:
    """Extend a loan by the rule's renewal period, counted from today."""
    today = _today()
    with transaction.atomic(), audit_batch():
        item = item_lock(pk=loan.item_id)
        loan = Loan.all_objects.select_related("patron__category", "library").get(pk=loan.pk)
        if loan.returned_at is not None:
            raise CirculationError(C.ITEM_NOT_ON_LOAN)
        return _renew(
            loan=loan,
            item=item,
            actor=actor,
            library=library or loan.library,
            today=today,
            override_reason=override_reason,
        )


def loan_renew_item(
    *,
    item: Item,
    actor: User,
    library: Library,
    patron: Patron | None = None,
    override_reason: str | None = None,
) -> Loan:
    """Renew the open loan of a copy. With ``patron`` the loan must be that reader's (a kiosk
    renews the loans of the reader at it). The desk renews a scanned barcode with
    ``desk_renew``."""
    with transaction.atomic(), audit_batch():
        return _renew_item_locked(
            item=item_lock(pk=item.pk),
            actor=actor,
            library=library,
            patron=patron,
            override_reason=override_reason,
        )


def desk_renew(
    *,
    library: Library,
    barcode: str,
    staff: User | None,
    patron: Patron | None = None,
    override_reason: str | None = None,
) -> Loan:
    """Renew the open loan of the copy with this barcode (desk, API, kiosk): its own
    transaction and row lock, the copy and the open loan read once (see ``desk_checkout``).
    ``NotFound`` for an unknown barcode; ``item_not_on_loan`` when the copy is not out (or,
    with ``patron``, not out to that reader); ``barcode_is_patron_card`` for a reader's card."""
    try:
        with transaction.atomic(), audit_batch():
            return _renew_item_locked(
                item=desk_item_for_update(library=library, barcode=barcode),
                actor=staff,
                library=library,
                patron=patron,
                override_reason=override_reason,
            )
    except NotFound as exc:
        raise _card_given_as_barcode(exc, library=library, code=barcode) from None


def _renew_item_locked(
    *,
    item: Item,
    actor: User | None,
    library: Library,
    patron: Patron | None,
    override_reason: str | None,
) -> Loan:
    """The renewal of the copy's open loan, inside the caller's transaction, copy locked."""
    today = _today()
    loan = next(
        iter(
            Loan.all_objects.select_related("patron__category", "library")
            .filter(item=item, returned_at__isnull=True)
            .order_by()[:1]
        ),
        None,
    )
    if loan is None or (patron is not None and loan.patron_id != patron.pk):
        raise CirculationError(C.ITEM_NOT_ON_LOAN)
    loan.item = item
    return _renew(
        loan=loan,
        item=item,
        actor=actor,
        library=library,
        today=today,
        override_reason=override_reason,
    )


_RENEWAL_FACTS_SQL = (
    "SELECT EXISTS(SELECT 1 FROM {hold} WHERE status = %s"
    "  AND (item_id = %s OR (record_id = %s AND NOT item_level)) AND {other}),"
    " (SELECT SUM(outstanding) FROM {fee} WHERE patron_id = %s AND outstanding > 0)"
)


def _renewal_facts(*, item: Item, patron_id: int | None) -> tuple[bool, Decimal]:
    """Whether another reader waits for the copy or its title, and the borrower's debt: one
    query (two before)."""
    hold_t, fee_t = (connection.ops.quote_name(m._meta.db_table) for m in (Hold, Fee))
    params: list[Any] = [str(HoldStatus.QUEUED), item.pk, item.record_id]
    if patron_id is None:
        other = "patron_id IS NOT NULL"
    else:
        other = "(patron_id IS NULL OR patron_id <> %s)"
        params.append(patron_id)
    params.append(patron_id)
    # Only table names from the models are formatted in; every value is a parameter.
    sql = _RENEWAL_FACTS_SQL.format(hold=hold_t, fee=fee_t, other=other)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        waiting, owed = cursor.fetchone()
    return bool(waiting), Decimal(str(owed or 0))


def _renew(
    *,
    loan: Loan,
    item: Item,
    actor: User | None,
    library: Library,
    today: dt.date,
    override_reason: str | None,
) -> Loan:
    """The renewal itself, inside the caller's transaction with the copy locked."""
    patron = loan.patron
    errors: list[CirculationError] = []
    if patron is not None:
        if patron.blocked_reason:
            errors.append(CirculationError(C.PATRON_BLOCKED))
        if patron.expires_on < today:
            errors.append(CirculationError(C.CARD_EXPIRED))
    rule = rule_for(library=loan.library, category=loan.patron_category, item_type=item.item_type)
    waiting, owed = _renewal_facts(item=item, patron_id=patron.pk if patron else None)
    if waiting:
        errors.append(CirculationError(C.RENEWAL_BLOCKED_BY_HOLD))
    if loan.renewals >= rule.renewals_allowed:
        errors.append(CirculationError(C.RENEWAL_LIMIT))
    if patron is not None:
        errors += _fines_over(owed, library)
    new_due = due_date(library=loan.library, start=today, days=max(rule.renewal_days, 1))
    if new_due <= loan.due_on:
        # Nothing would be extended: a second scan of the same copy, or a renewal too soon.
        # A fact, not a rule: no override, no renewal used, no audit entry (Koha, Evergreen).
        errors.insert(
            0,
            CirculationError(
                C.RENEWAL_TOO_SOON,
                _(
                    "Chưa thể gia hạn: hạn trả mới sẽ không muộn hơn hạn hiện tại"
                    " (%(due)s)."
                )
                % {"due": loan.due_on.strftime("%d/%m/%Y")},
                due_on=loan.due_on,
            ),
        )
    overridden = _raise_or_override(errors, override_reason, staff=actor, library=library)
    loan.due_on = new_due
    loan.renewals += 1
    loan.last_notice_level = 0
    fields = ["due_on", "renewals", "last_notice_level"]
    if overridden:
        loan.override_reason = (override_reason or "").strip()[:255]
        fields.append("override_reason")
    loan.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="circulation.loan.renewal_overridden" if overridden else "circulation.loan.renewed",
        obj=loan,
        library=library,
        changes={"due_on": str(loan.due_on), "override": overridden},
    )
    return loan
