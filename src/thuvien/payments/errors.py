"""The payments domain's exception family: stable codes, messages in plain Vietnamese."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class PaymentsErrorCode(ErrorCode):
    AMOUNT_INVALID = "amount_invalid"
    SIGNATURE_INVALID = "signature_invalid"
    ORDER_UNKNOWN = "order_unknown"
    AMOUNT_MISMATCH = "amount_mismatch"
    ALREADY_CONFIRMED = "already_confirmed"
    NOT_REFUNDABLE = "not_refundable"
    REASON_REQUIRED = "reason_required"
    NO_CARD = "no_card"
    GATEWAY_OFF = "gateway_off"
    GATEWAY_UNAVAILABLE = "gateway_unavailable"


class PaymentsError(ThuvienError):
    """A rule of online payment was broken."""
