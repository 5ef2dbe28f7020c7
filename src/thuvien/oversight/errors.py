"""The oversight exception family with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class OversightErrorCode(ErrorCode):
    STOCKTAKE_OPEN = "oversight.stocktake_open"
    STOCKTAKE_CLOSED = "oversight.stocktake_closed"
    BARCODE_EMPTY = "oversight.barcode_empty"
    WRONG_LOCATION = "oversight.wrong_location"


class OversightError(ThuvienError):
    """A rule about oversight records (stocktakes, evaluations) was broken."""
