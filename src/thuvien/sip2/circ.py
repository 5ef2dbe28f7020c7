"""The one place where the SIP2 adapter calls the domain apps (accounts, patrons, circulation).

Everything the handlers need from outside the protocol goes through these small functions, so
the handlers stay a translation table and a change in a service signature is fixed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can, staff_access
from thuvien.catalog.titles import shown_title
from thuvien.core.errors import NotFound
from thuvien.network.settings_registry import setting_get

# --- kiosk accounts ----------------------------------------------------------------------------


def kiosk_login(
    *, username: str, password: str, location: str = "", address: str = ""
) -> tuple[Any, Any, str] | None:
    """(user, library, encoding) for a staff account holding CIRCULATE in one library.

    The library is the one whose code the kiosk sends as location (CP) when the account may
    circulate there, otherwise the only library where the account holds CIRCULATE. An account
    that circulates in several libraries must name one with CP. The login throttle of every
    login path applies, by (account, kiosk address) and by address (accounts.security).
    """
    from thuvien.accounts.security import (
        account_is_locked,
        login_guarded,
        login_success_record,
    )
    from thuvien.network.selectors import library_by_code, library_by_pk

    if not username or not password:
        return None

    def check() -> Any:
        user = authenticate(None, username=username, password=password)
        return user if user is not None and user.is_active else None

    result = login_guarded(identifier=username, password=password, address=address, check=check)
    user = result.user
    if user is None or account_is_locked(user):
        return None
    login_success_record(user=user)
    library = None
    if location:
        candidate = library_by_code(code=location.strip(), ignore_case=True)
        if candidate is not None and can(user, Capability.CIRCULATE, candidate):
            library = candidate
    if library is None:
        access = staff_access(user)
        ids = [lib for lib, caps in access.library_caps.items() if Capability.CIRCULATE in caps]
        if len(ids) != 1:
            return None
        library = library_by_pk(pk=ids[0])
    encoding = setting_get("sip2.encoding", library=library)
    return user, library, encoding


def password_required(library: Any) -> bool:
    return bool(setting_get("sip2.patron_password_required", library=library))


# --- patrons -----------------------------------------------------------------------------------


def patron_by_card(*, library: Any, card_number: str) -> Any | None:
    from thuvien.patrons.selectors import patron_get_by_card

    card_number = (card_number or "").strip()
    if not card_number:
        return None
    try:
        return patron_get_by_card(network=library.network, card_number=card_number)
    except NotFound:
        return None


def patron_password_valid(*, patron: Any, password: str) -> bool:
    user = patron.user
    return bool(password) and user is not None and user.is_active and user.check_password(password)


def balance(*, patron: Any) -> Decimal:
    from thuvien.circulation.selectors import patron_balance

    return Decimal(patron_balance(patron=patron) or 0)


def patron_blocks(*, patron: Any, library: Any, owed: Decimal | None = None) -> list[Any]:
    """What refuses any check-out to this reader here: circulation's one rule
    (``patron_checkout_blocks``: blocked or expired card, a reader of another library where
    that is not allowed, fines over the library's limit), as the staff desk shows it."""
    from thuvien.circulation.services import patron_checkout_blocks

    return patron_checkout_blocks(patron=patron, library=library, owed=owed)


def patron_status_flags(*, blocks: list[Any]) -> str:
    """The 14 Y/blank flags of the patron status field, from ``patron_blocks``.

    Positions: charge, renewal, recall, hold privileges denied; card reported lost; too many
    items charged; overdue; renewals; claims; lost; excessive fines; excessive fees; recall
    overdue; too many billed.
    """
    from thuvien.circulation.errors import CirculationErrorCode

    flags = [" "] * 14
    if blocks:
        flags[0] = flags[1] = flags[2] = flags[3] = "Y"
    if any(e.code == CirculationErrorCode.FINES_OVER_LIMIT for e in blocks):
        flags[10] = "Y"
    return "".join(flags)


def patron_screen_messages(*, blocks: list[Any]) -> list[tuple[str, str]]:
    """Plain-language reasons the reader is refused, shown on the kiosk (AF)."""
    return [("AF", e.message) for e in blocks]


def patron_limits(*, patron: Any, library: Any) -> tuple[int, int]:
    """(hold limit, loan limit) of the reader's category at this library (BZ, CB)."""
    from thuvien.circulation.selectors import patron_limits_at

    return patron_limits_at(patron=patron, library=library)


@dataclass
class PatronLists:
    holds_ready: list[str] = field(default_factory=list)
    holds_waiting: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    charged: list[str] = field(default_factory=list)
    fines: list[str] = field(default_factory=list)


def patron_lists(*, patron: Any) -> PatronLists:
    from thuvien.circulation.selectors import patron_fees, patron_holds, patron_loans

    out = PatronLists()
    today = timezone.localdate()
    for loan in patron_loans(patron=patron):
        out.charged.append(loan.item.barcode)
        if loan.due_on < today:
            out.overdue.append(loan.item.barcode)
    for hold in patron_holds(patron=patron):
        label = hold.item.barcode if hold.item_id else shown_title(hold.record.title)[:60]
        (out.holds_ready if hold.status == "ready" else out.holds_waiting).append(label)
    for fee in patron_fees(patron=patron):
        if fee.outstanding > 0:
            out.fines.append(f"{fee.outstanding:.0f} VND {fee.get_kind_display()}")
    return out


# --- items -------------------------------------------------------------------------------------

# ItemStatus -> SIP2 circulation status (2 digits).
CIRCULATION_STATUS = {
    "available": "03",
    "on_loan": "04",
    "in_transit": "10",
    "on_hold_shelf": "08",
    "lost": "12",
    "damaged": "01",
    "withdrawn": "01",
    "in_processing": "06",
}
# ItemType -> SIP2 media type (3 digits): 001 book, 002 magazine, 006 CD, 000 other.
MEDIA_TYPE = {"serial": "002", "audiovisual": "006", "map": "000"}


def item_by_barcode(*, library: Any, barcode: str) -> Any | None:
    """A copy of the kiosk's network by barcode (a copy may be returned at any library)."""
    from thuvien.circulation.selectors import item_for_desk

    try:
        return item_for_desk(library=library, barcode=barcode)
    except NotFound:
        return None


def item_shown_at_kiosk(*, item: Any, library: Any) -> bool:
    """Whether a kiosk of ``library`` may describe this copy (``holdings.visibility``): its
    readers are the network's readers, and the kiosk's own library's copies are always its."""
    from thuvien.holdings.visibility import Viewer, item_shown

    viewer = Viewer(
        reader_networks=frozenset({library.network_id}), own_libraries=frozenset({library.pk})
    )
    location = item.location
    return item_shown(
        viewer,
        library_id=item.library_id,
        visibility=item.visibility,
        location_visibility=location.visibility if location is not None else "",
    )


def title_of(item: Any) -> str:
    return shown_title(item.record.title)[:120] if item is not None else ""


def media_type(item: Any) -> str:
    return MEDIA_TYPE.get(item.item_type, "001")


def owner_code(item: Any) -> str:
    return item.library.code


@dataclass
class ItemState:
    circulation_status: str
    title: str
    owner_code: str
    media_type: str
    current_location: str
    status_text: str
    due_on: date | None = None
    hold_queue: int = 0


def item_state(*, item: Any) -> ItemState:
    from thuvien.circulation.selectors import open_loan_for_item

    loan = open_loan_for_item(item=item)
    return ItemState(
        circulation_status=CIRCULATION_STATUS.get(item.status, "01"),
        title=title_of(item),
        owner_code=owner_code(item),
        media_type=media_type(item),
        current_location=item.location.code if item.location_id else item.library.code,
        status_text=str(item.get_status_display()),
        due_on=loan.due_on if loan is not None else None,
    )


def sort_bin(result: Any) -> str | None:
    if result.hold is not None:
        return "HOLD"
    if result.transit is not None:
        return "TRANSIT"
    return None


# --- circulation -------------------------------------------------------------------------------


def checkout(*, barcode: str, patron: Any, library: Any, staff: Any) -> Any:
    """The desk's own service: it locks the copy and decides every refusal."""
    from thuvien.circulation.services import desk_checkout

    return desk_checkout(library=library, barcode=barcode, patron=patron, staff=staff)


def checkin(*, barcode: str, library: Any, staff: Any) -> Any:
    from thuvien.circulation.services import desk_checkin

    return desk_checkin(library=library, barcode=barcode, staff=staff)


def renew(*, barcode: str, patron: Any, library: Any, staff: Any) -> Any:
    from thuvien.circulation.services import desk_renew

    # A kiosk renews the loans of the reader at it only.
    return desk_renew(library=library, barcode=barcode, patron=patron, staff=staff)


def pay(
    *, patron: Any, library: Any, amount: Decimal, staff: Any, method: str, fee_id: str = ""
) -> Any:
    from thuvien.circulation.selectors import patron_fees
    from thuvien.circulation.services import fee_pay

    fees = None
    if fee_id:
        fees = [
            f
            for f in patron_fees(patron=patron, library=library)
            if str(f.pk) == fee_id.strip()
        ]
        if not fees:
            raise NotFound("fee_not_found", _("Không tìm thấy khoản phí này."))
    return fee_pay(
        patron=patron, library=library, amount=amount, staff=staff, method=method, fees=fees
    )
