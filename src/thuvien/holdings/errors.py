"""The holdings exception family with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class HoldingsErrorCode(ErrorCode):
    BARCODE_EMPTY = "holdings.barcode_empty"
    BARCODE_TAKEN = "holdings.barcode_taken"
    BARCODE_PATTERN = "holdings.barcode_pattern"
    BATCH_SIZE = "holdings.batch_size"
    WRONG_NETWORK = "holdings.wrong_network"
    WRONG_LIBRARY = "holdings.wrong_library"
    MOVE_NOT_ALLOWED = "holdings.move_not_allowed"
    BAD_STATUS = "holdings.bad_status"
    ITEM_ON_LOAN = "holdings.item_on_loan"
    STATUS_CIRCULATION_ONLY = "holdings.status_circulation_only"
    PRICE_NEGATIVE = "holdings.price_negative"
    RECORD_DELETED = "holdings.record_deleted"
    BAD_VISIBILITY = "holdings.bad_visibility"


class HoldingsError(ThuvienError):
    """A rule about items (copies) was broken."""
