"""Circulation's exception family: stable codes, messages in plain Vietnamese.

Interfaces map the code: the desk shows the message, the API answers 409 with ``{"code",
"detail"}``, the SIP2 server turns it into a screen message.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.errors import ErrorCode, ThuvienError


class CirculationErrorCode(ErrorCode):
    CARD_EXPIRED = "card_expired"
    PATRON_BLOCKED = "patron_blocked"
    LOAN_LIMIT_REACHED = "loan_limit_reached"
    FINES_OVER_LIMIT = "fines_over_limit"
    ITEM_ON_HOLD_FOR_OTHER = "item_on_hold_for_other"
    # the copy could fill another reader's waiting hold (on its title or on this copy)
    ITEM_WANTED_BY_OTHER = "item_wanted_by_other"
    ITEM_NOT_FOR_LOAN = "item_not_for_loan"
    ITEM_ALREADY_ON_LOAN = "item_already_on_loan"
    ITEM_NOT_ON_LOAN = "item_not_on_loan"
    ITEM_UNAVAILABLE = "item_unavailable"
    RENEWAL_LIMIT = "renewal_limit"
    RENEWAL_BLOCKED_BY_HOLD = "renewal_blocked_by_hold"
    # the renewal would not move the due date later (a repeated scan, a renewal too soon)
    RENEWAL_TOO_SOON = "renewal_too_soon"
    BORROWING_NOT_ALLOWED_HERE = "borrowing_not_allowed_here"
    OVERRIDE_NOT_ALLOWED = "override_not_allowed"
    OVERRIDE_FORBIDDEN = "override_forbidden"
    OVERRIDE_REASON_INVALID = "override_reason_invalid"
    HOLD_NOT_ALLOWED = "hold_not_allowed"
    HOLD_LIMIT_REACHED = "hold_limit_reached"
    HOLD_ALREADY_PLACED = "hold_already_placed"
    HOLD_NOT_ACTIVE = "hold_not_active"
    AMOUNT_INVALID = "amount_invalid"
    NOTHING_TO_PAY = "nothing_to_pay"
    POSTAL_INVALID = "postal_invalid"
    POSTAL_DUPLICATE = "postal_duplicate"
    RULE_INVALID = "rule_invalid"
    LOST_FEE_CHANGED = "lost_fee_changed"
    LOST_UNDO_TOO_LATE = "lost_undo_too_late"
    LOST_UNDO_FEE_SETTLED = "lost_undo_fee_settled"
    LOST_UNDO_NOT_POSSIBLE = "lost_undo_not_possible"
    # restricted reading (đọc hạn chế)
    REASON_REQUIRED = "reading_reason_required"
    WRONG_LIBRARY = "reading_wrong_library"
    NOT_RESTRICTED = "reading_not_restricted"
    ALREADY_DECIDED = "reading_already_decided"
    NOT_GRANTED = "reading_not_granted"
    NOT_HANDED_OUT = "reading_not_handed_out"
    ITEM_RESTRICTED_READING = "item_restricted_reading"
    ITEM_OWN_READERS_ONLY = "item_own_readers_only"
    # A reader's card number given where a copy's barcode was expected (a new code: prefixed,
    # docs/architecture.md "Errors"). 404 as "no copy has this barcode", which it also is.
    BARCODE_IS_PATRON_CARD = "circulation.barcode_is_patron_card"


# Codes a staff member may override with a recorded reason (the others are facts, not rules).
OVERRIDABLE = frozenset(
    {
        CirculationErrorCode.CARD_EXPIRED,
        CirculationErrorCode.LOAN_LIMIT_REACHED,
        CirculationErrorCode.FINES_OVER_LIMIT,
        CirculationErrorCode.ITEM_ON_HOLD_FOR_OTHER,
        CirculationErrorCode.ITEM_WANTED_BY_OTHER,
        CirculationErrorCode.ITEM_NOT_FOR_LOAN,
        CirculationErrorCode.RENEWAL_LIMIT,
        CirculationErrorCode.RENEWAL_BLOCKED_BY_HOLD,
        CirculationErrorCode.BORROWING_NOT_ALLOWED_HERE,
    }
)


BAD_INPUT = frozenset(
    {
        CirculationErrorCode.AMOUNT_INVALID,
        CirculationErrorCode.POSTAL_INVALID,
        CirculationErrorCode.RULE_INVALID,
        CirculationErrorCode.OVERRIDE_REASON_INVALID,
        CirculationErrorCode.REASON_REQUIRED,
        CirculationErrorCode.WRONG_LIBRARY,
        CirculationErrorCode.NOT_RESTRICTED,
        CirculationErrorCode.ALREADY_DECIDED,
        CirculationErrorCode.NOT_GRANTED,
        CirculationErrorCode.NOT_HANDED_OUT,
    }
)


def _messages() -> dict[str, str]:
    C = CirculationErrorCode  # noqa: N806
    return {
        C.CARD_EXPIRED: _("Thẻ bạn đọc đã hết hạn. Mời bạn đọc gia hạn thẻ."),
        C.PATRON_BLOCKED: _("Thẻ bạn đọc đang bị khóa."),
        C.LOAN_LIMIT_REACHED: _("Bạn đọc đã mượn đủ số tài liệu được phép."),
        C.FINES_OVER_LIMIT: _(
            "Bạn đọc còn nợ phí vượt mức cho phép. Mời thanh toán trước khi mượn."
        ),
        C.ITEM_ON_HOLD_FOR_OTHER: _("Tài liệu này đang được giữ cho bạn đọc khác."),
        C.ITEM_WANTED_BY_OTHER: _("Có bạn đọc khác đang chờ mượn tài liệu này (đã đặt trước)."),
        C.ITEM_NOT_FOR_LOAN: _("Tài liệu này chỉ đọc tại chỗ, không cho mượn về nhà."),
        C.ITEM_ALREADY_ON_LOAN: _("Tài liệu này đang được mượn."),
        C.ITEM_NOT_ON_LOAN: _("Tài liệu này không có trong danh sách đang mượn."),
        C.ITEM_UNAVAILABLE: _(
            "Tài liệu này hiện không thể cho mượn (mất, hư hỏng hoặc đang xử lý)."
        ),
        C.RENEWAL_LIMIT: _("Đã hết số lần gia hạn cho phép."),
        C.RENEWAL_BLOCKED_BY_HOLD: _("Không gia hạn được: có bạn đọc khác đang chờ tài liệu này."),
        C.RENEWAL_TOO_SOON: _(
            "Chưa thể gia hạn: hạn trả mới sẽ không muộn hơn hạn hiện tại."
        ),
        C.BORROWING_NOT_ALLOWED_HERE: _(
            "Bạn đọc của thư viện khác không được mượn tại thư viện này."
        ),
        C.OVERRIDE_NOT_ALLOWED: _("Trường hợp này không thể bỏ qua quy định."),
        C.OVERRIDE_FORBIDDEN: _(
            "Bạn không có quyền bỏ qua quy định lưu thông. Mời cán bộ quản lý thư viện xử lý."
        ),
        C.OVERRIDE_REASON_INVALID: _(
            "Lý do bỏ qua quy định phải là một câu do cán bộ gõ (ít nhất 5 ký tự), không phải"
            " một mã vạch hay số thẻ."
        ),
        C.HOLD_NOT_ALLOWED: _("Tài liệu này không nhận đặt mượn trước."),
        C.HOLD_LIMIT_REACHED: _("Bạn đọc đã đặt trước đủ số tài liệu được phép."),
        C.HOLD_ALREADY_PLACED: _("Bạn đọc đã đặt trước tài liệu này rồi."),
        C.HOLD_NOT_ACTIVE: _("Yêu cầu đặt trước này đã kết thúc."),
        C.AMOUNT_INVALID: _("Số tiền không hợp lệ."),
        C.NOTHING_TO_PAY: _("Bạn đọc không còn khoản phí nào cần thanh toán."),
        C.POSTAL_INVALID: _("Yêu cầu mượn qua bưu chính không hợp lệ."),
        C.POSTAL_DUPLICATE: _("Bạn đã gửi yêu cầu mượn tài liệu này qua bưu chính rồi."),
        C.RULE_INVALID: _("Quy định mượn không hợp lệ."),
        C.LOST_FEE_CHANGED: _(
            "Số tiền bồi thường đã thay đổi từ lúc xác nhận. Hãy xem lại rồi xác nhận lần nữa."
        ),
        C.LOST_UNDO_TOO_LATE: _("Chỉ hoàn tác được việc báo mất trong ngày đã báo."),
        C.LOST_UNDO_FEE_SETTLED: _(
            "Khoản bồi thường đã được thu hoặc miễn giảm một phần: không hoàn tác được."
        ),
        C.ITEM_RESTRICTED_READING: _(
            "Tài liệu đọc hạn chế: chỉ đọc tại phòng đọc khi được cho phép (ghi yêu cầu và lý do"
            " ở mục Đọc hạn chế), không cho mượn về nhà."
        ),
        C.ITEM_OWN_READERS_ONLY: _(
            "Tài liệu này không hiển thị với bạn đọc ngoài thư viện sở hữu: chỉ bạn đọc của thư"
            " viện đó được mượn."
        ),
        C.NOT_GRANTED: _(
            "Yêu cầu đọc hạn chế này chưa được cho phép, hoặc tài liệu đã được giao đọc."
        ),
        C.NOT_HANDED_OUT: _("Tài liệu chưa được giao đọc hoặc đã được nhận lại."),
        C.LOST_UNDO_NOT_POSSIBLE: _(
            "Không hoàn tác được: bản sao đã đổi trạng thái hoặc lượt mượn đã thay đổi."
        ),
        C.BARCODE_IS_PATRON_CARD: _(
            "Mã này là số thẻ bạn đọc, không phải mã vạch tài liệu. Không thực hiện gì."
        ),
    }


class CirculationError(ThuvienError):
    http_status = 409

    def __init__(
        self,
        code: CirculationErrorCode,
        message: str | None = None,
        *,
        field: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code, message or _messages()[code], field=field, **params)
        if code in BAD_INPUT:
            self.http_status = 400  # the request was malformed, not refused by a rule
        elif code == CirculationErrorCode.OVERRIDE_FORBIDDEN:
            self.http_status = 403
        elif code == CirculationErrorCode.BARCODE_IS_PATRON_CARD:
            self.http_status = 404

    @property
    def overridable(self) -> bool:
        return self.code in OVERRIDABLE
