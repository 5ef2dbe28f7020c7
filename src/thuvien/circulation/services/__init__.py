"""Circulation's services (the only code that writes circulation data)."""

from .fees import fee_create, fee_for_copying, fee_pay, fee_waive, payment_refund
from .holds import hold_cancel, hold_place, holds_expire, route_item
from .loans import (
    CheckinResult,
    desk_checkin,
    desk_checkout,
    desk_renew,
    loan_checkin,
    loan_checkout,
    loan_renew,
    loan_renew_item,
    override_check,
    patron_checkout_blocks,
)
from .lost import item_declare_lost, item_lost_undo
from .notices import notice_fee, notice_hold_ready, notice_send, notices_run
from .postal import postal_request_create, postal_request_mark, postal_request_send
from .reading import (
    reading_permission_decide,
    reading_permission_request,
    reading_room_hand_out,
    reading_room_take_back,
)
from .rules import (
    loan_rule_delete,
    loan_rule_may_change,
    loan_rule_save,
    notice_template_reset,
    notice_template_save,
)

__all__ = [
    "reading_permission_decide",
    "reading_permission_request",
    "reading_room_hand_out",
    "reading_room_take_back",
    "CheckinResult",
    "desk_checkin",
    "desk_checkout",
    "desk_renew",
    "fee_create",
    "fee_for_copying",
    "fee_pay",
    "fee_waive",
    "payment_refund",
    "hold_cancel",
    "hold_place",
    "holds_expire",
    "item_declare_lost",
    "item_lost_undo",
    "loan_checkin",
    "loan_checkout",
    "loan_renew",
    "loan_renew_item",
    "loan_rule_delete",
    "loan_rule_may_change",
    "loan_rule_save",
    "notice_fee",
    "notice_hold_ready",
    "notice_send",
    "notice_template_reset",
    "notice_template_save",
    "notices_run",
    "override_check",
    "patron_checkout_blocks",
    "postal_request_create",
    "postal_request_mark",
    "postal_request_send",
    "route_item",
]
