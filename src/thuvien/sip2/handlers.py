"""The adapter between SIP2 messages and the circulation services.

Each handler reads a parsed ``Message``, calls one patrons selector or circulation service in
the kiosk's library scope, and returns a ``Reply``. Refusals (``CirculationError``) become the
ok flag ``0``/``N`` and the error's plain Vietnamese message in the screen-message field (AF).
No business rule lives here: the services decide; this module only translates.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.errors import ThuvienError
from thuvien.core.scoping import library_scope

from . import circ
from .protocol import Message, count4, flag, sip_datetime
from .refusals import (
    CURRENCY,
    ao,
    invalid_patron_24,
    money,
    now,
    refusal,
    refusal_10,
    refusal_12,
    refusal_18,
    refusal_30,
    refusal_38,
    refusal_64,
)
from .session import Reply, Session

# Supported messages (BX), in the spec's order: patron status, checkout, checkin, block patron,
# SC/ACS status, request resend, login, patron information, end patron session, fee paid, item
# information, item status update, patron enable, hold, renew, renew all.
SUPPORTED_MESSAGES = "YYYNYYYYYYYNNNYN"


# --- login and status ------------------------------------------------------------------------


def login(session: Session, message: Message) -> Reply:
    user_id, password = message.get("CN"), message.get("CO")
    found = circ.kiosk_login(
        username=user_id,
        password=password,
        location=message.get("CP"),
        address=session.peer.rpartition(":")[0],
    )
    if found is None:
        session.user = session.library = None
        return Reply("94", ["0"])
    session.user, session.library, session.encoding = found
    session.location_code = message.get("CP")
    return Reply("94", ["1"])


def sc_status(session: Session, message: Message) -> Reply:
    online = session.logged_in
    fields: list[tuple[str, Any]] = [
        ("AO", ao(session, message)),
        ("AM", session.library.name_vi if online else None),
        ("BX", SUPPORTED_MESSAGES if online else "N" * 16),
        ("AN", session.location_code or None),
    ]
    if not online:
        fields.append(("AF", _("Máy tự phục vụ chưa đăng nhập.")))
    yn = flag(online)
    return Reply("98", [yn, yn, yn, yn, "N", "N", "100", "003", now(), "2.00"], fields)


# --- patrons ---------------------------------------------------------------------------------


def _patron_context(session: Session, message: Message) -> tuple[Any, str | None, Decimal]:
    """(patron or None, CQ value or None, balance) for the AA/AD of the message."""
    patron = circ.patron_by_card(library=session.library, card_number=message.get("AA"))
    if patron is None:
        return None, None, Decimal(0)
    cq: str | None = None
    if message.get("AD"):
        cq = flag(circ.patron_password_valid(patron=patron, password=message.get("AD")))
    return patron, cq, circ.balance(patron=patron)


def _pin_refused(session: Session, cq: str | None) -> bool:
    """A wrong patron password, or none where the library asks for one."""
    if cq is None:
        return circ.password_required(session.library)
    return cq != "Y"


def patron_status(session: Session, message: Message) -> Reply:
    patron, cq, balance = _patron_context(session, message)
    if patron is None:
        return invalid_patron_24(session, message)
    blocks = circ.patron_blocks(patron=patron, library=session.library, owed=balance)
    return Reply(
        "24",
        [circ.patron_status_flags(blocks=blocks), "000", now()],
        [
            ("AO", ao(session, message)),
            ("AA", patron.card_number),
            ("AE", patron.full_name),
            ("BL", "Y"),
            ("CQ", cq),
            ("BH", CURRENCY),
            ("BV", money(balance)),
            *circ.patron_screen_messages(blocks=blocks),
        ],
    )


def _window(values: list[str], message: Message) -> list[str]:
    """The items BP..BQ (1-based, inclusive) the kiosk asked for; all of them by default."""
    try:
        start = max(1, int(message.get("BP") or 1))
        end = int(message.get("BQ") or len(values))
    except ValueError:
        start, end = 1, len(values)
    return values[start - 1 : end]


def patron_information(session: Session, message: Message) -> Reply:
    patron, cq, balance = _patron_context(session, message)
    if patron is None:
        return refusal_64(session, message, _("Không tìm thấy bạn đọc."))
    info = circ.patron_lists(patron=patron)
    blocks = circ.patron_blocks(patron=patron, library=session.library, owed=balance)
    hold_limit, loan_limit = circ.patron_limits(patron=patron, library=session.library)
    summary = message.fixed.get("summary", "").ljust(10)
    wanted = {i for i, c in enumerate(summary[:6]) if c not in " N"}
    lists = [
        ("AS", info.holds_ready),
        ("AT", info.overdue),
        ("AU", info.charged),
        ("AV", info.fines),
        ("BU", []),
        ("CD", info.holds_waiting),
    ]
    item_fields: list[tuple[str, Any]] = []
    for index, (field_id, values) in enumerate(lists):
        if index in wanted:
            item_fields += [(field_id, v) for v in _window(values, message)]
    fixed = [
        circ.patron_status_flags(blocks=blocks),
        "000",
        now(),
        count4(len(info.holds_ready)),
        count4(len(info.overdue)),
        count4(len(info.charged)),
        count4(len(info.fines)),
        count4(0),
        count4(len(info.holds_waiting)),
    ]
    return Reply(
        "64",
        fixed,
        [
            ("AO", ao(session, message)),
            ("AA", patron.card_number),
            ("AE", patron.full_name),
            ("BZ", count4(hold_limit)),
            ("CB", count4(loan_limit)),
            ("BL", "Y"),
            ("CQ", cq),
            ("BH", CURRENCY),
            ("BV", money(balance)),
            *item_fields,
            ("BD", patron.address or None),
            ("BE", patron.email or None),
            ("BF", patron.phone or None),
            *circ.patron_screen_messages(blocks=blocks),
        ],
    )


def end_patron_session(session: Session, message: Message) -> Reply:
    session.patron_card = ""
    return Reply(
        "36",
        ["Y", now()],
        [
            ("AO", ao(session, message)),
            ("AA", message.get("AA")),
            ("AF", _("Cảm ơn bạn đã sử dụng thư viện.")),
        ],
    )


# --- items and loans -------------------------------------------------------------------------


def item_information(session: Session, message: Message) -> Reply:
    item = circ.item_by_barcode(library=session.library, barcode=message.get("AB"))
    if item is None or not circ.item_shown_at_kiosk(item=item, library=session.library):
        # a copy hidden from this kiosk's readers answers as one that does not exist
        return refusal_18(session, message, _("Không tìm thấy tài liệu."))
    state = circ.item_state(item=item)
    return Reply(
        "18",
        [state.circulation_status, "00", "01", now()],
        [
            ("CF", str(state.hold_queue) if state.hold_queue else None),
            ("AH", sip_datetime(state.due_on) if state.due_on else None),
            ("AB", item.barcode),
            ("AJ", state.title),
            ("BG", state.owner_code),
            ("CK", state.media_type),
            ("AQ", state.owner_code),
            ("AP", state.current_location),
            ("AF", state.status_text),
        ],
    )


def checkout(session: Session, message: Message) -> Reply:
    patron, cq, _balance = _patron_context(session, message)
    item = circ.item_by_barcode(library=session.library, barcode=message.get("AB"))

    def refuse(text: str) -> Reply:
        return refusal_12(session, message, text, title=circ.title_of(item) if item else "")

    if patron is None:
        return refuse(_("Không tìm thấy bạn đọc."))
    if _pin_refused(session, cq):
        return refuse(_("Mật khẩu bạn đọc không đúng."))
    if item is None:
        return refuse(_("Không tìm thấy tài liệu."))
    try:
        loan = circ.checkout(
            barcode=item.barcode, patron=patron, library=session.library, staff=session.user
        )
    except ThuvienError as exc:
        return refuse(exc.message)
    return Reply(
        "12",
        ["1", "N", "N", "Y", now()],
        [
            ("AO", ao(session, message)),
            ("AA", patron.card_number),
            ("AB", item.barcode),
            ("AJ", circ.title_of(item)),
            ("AH", sip_datetime(loan.due_on)),
            ("CK", circ.media_type(item)),
            ("BK", str(loan.pk)),
            ("AF", _("Mượn thành công. Hạn trả: %(due)s.") % {"due": _vi_date(loan.due_on)}),
        ],
    )


def checkin(session: Session, message: Message) -> Reply:
    item = circ.item_by_barcode(library=session.library, barcode=message.get("AB"))
    if item is None:
        return refusal_10(session, message, _("Không tìm thấy tài liệu."))
    try:
        result = circ.checkin(barcode=item.barcode, library=session.library, staff=session.user)
    except ThuvienError as exc:
        return refusal_10(session, message, exc.message, item=item)
    set_aside = result.hold is not None or result.transit is not None
    loan = result.loan
    return Reply(
        "10",
        ["1", flag(not set_aside), "N", flag(set_aside), now()],
        [
            ("AO", ao(session, message)),
            ("AB", item.barcode),
            ("AQ", circ.owner_code(item)),
            ("AJ", circ.title_of(item)),
            ("CL", circ.sort_bin(result)),
            ("AA", loan.patron.card_number if loan is not None else None),
            ("CK", circ.media_type(item)),
            ("AF", result.message or _("Đã trả tài liệu.")),
        ],
    )


def renew(session: Session, message: Message) -> Reply:
    patron, cq, _balance = _patron_context(session, message)
    item = circ.item_by_barcode(library=session.library, barcode=message.get("AB"))

    def refuse(text: str) -> Reply:
        return refusal_30(session, message, text, title=circ.title_of(item) if item else "")

    if patron is None:
        return refuse(_("Không tìm thấy bạn đọc."))
    if _pin_refused(session, cq):
        return refuse(_("Mật khẩu bạn đọc không đúng."))
    if item is None:
        return refuse(_("Không tìm thấy tài liệu."))
    try:
        loan = circ.renew(
            barcode=item.barcode, patron=patron, library=session.library, staff=session.user
        )
    except ThuvienError as exc:
        return refuse(exc.message)
    return Reply(
        "30",
        ["1", "Y", "N", "Y", now()],
        [
            ("AO", ao(session, message)),
            ("AA", patron.card_number),
            ("AB", item.barcode),
            ("AJ", circ.title_of(item)),
            ("AH", sip_datetime(loan.due_on)),
            ("CK", circ.media_type(item)),
            ("AF", _("Gia hạn thành công. Hạn trả mới: %(due)s.") % {"due": _vi_date(loan.due_on)}),
        ],
    )


# --- fees ------------------------------------------------------------------------------------

PAYMENT_METHODS = {"00": "cash", "01": "card", "02": "card"}


def fee_paid(session: Session, message: Message) -> Reply:
    patron, cq, _balance = _patron_context(session, message)
    if patron is None:
        return refusal_38(session, message, _("Không tìm thấy bạn đọc."))
    if _pin_refused(session, cq):
        return refusal_38(session, message, _("Mật khẩu bạn đọc không đúng."))
    currency = message.fixed.get("currency_type", CURRENCY).strip().upper()
    if currency and currency != CURRENCY:
        return refusal_38(session, message, _("Chỉ nhận thanh toán bằng đồng Việt Nam."))
    try:
        amount = Decimal(message.get("BV").strip().replace(",", ""))
    except InvalidOperation:
        return refusal_38(session, message, _("Số tiền không hợp lệ."))
    method = PAYMENT_METHODS.get(message.fixed.get("payment_type", "00"), "other")
    try:
        payment = circ.pay(
            patron=patron,
            library=session.library,
            amount=amount,
            staff=session.user,
            method=method,
            fee_id=message.get("CG"),
        )
    except ThuvienError as exc:
        return refusal_38(session, message, exc.message)
    return Reply(
        "38",
        ["Y", now()],
        [
            ("AO", ao(session, message)),
            ("AA", patron.card_number),
            ("BK", payment.receipt_number),
            ("AF", _("Đã nhận thanh toán %(amount)s đồng.") % {"amount": money(payment.amount)}),
        ],
    )


# --- dispatch --------------------------------------------------------------------------------

HANDLERS: dict[str, Callable[[Session, Message], Reply]] = {
    "23": patron_status,
    "63": patron_information,
    "17": item_information,
    "11": checkout,
    "09": checkin,
    "29": renew,
    "37": fee_paid,
    "35": end_patron_session,
}


def dispatch(session: Session, message: Message) -> Reply:
    """Answer a parsed message (97 is handled by the session)."""
    if message.command == "93":
        return login(session, message)
    if message.command == "99":
        return sc_status(session, message)
    handler = HANDLERS.get(message.command)
    if handler is None:
        return refusal(session, message, _("Máy chủ không hỗ trợ yêu cầu này."))
    if not session.logged_in:
        return refusal(session, message, _("Máy tự phục vụ chưa đăng nhập."))
    with library_scope(session.library):
        return handler(session, message)


def _vi_date(day: Any) -> str:
    return day.strftime("%d/%m/%Y")
