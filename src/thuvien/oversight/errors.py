"""The oversight exception family with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class OversightErrorCode(ErrorCode):
    STOCKTAKE_OPEN = "oversight.stocktake_open"
    STOCKTAKE_CLOSED = "oversight.stocktake_closed"
    BARCODE_EMPTY = "oversight.barcode_empty"
    WRONG_LOCATION = "oversight.wrong_location"
    EVALUATION_EXISTS = "oversight.evaluation_exists"
    EVALUATION_STEP = "oversight.evaluation_step"
    REQUIRED = "oversight.required"
    TOO_LONG = "oversight.too_long"
    SCORE_RANGE = "oversight.score_range"
    NOTICE_TOO_SHORT = "oversight.notice_too_short"
    YEAR_RANGE = "oversight.year_range"
    WEEDING_EMPTY = "oversight.weeding_empty"
    WEEDING_STEP = "oversight.weeding_step"
    COPY_IN_USE = "oversight.copy_in_use"
    BAD_DATE = "oversight.bad_date"
    BAD_NUMBER = "oversight.bad_number"
    BAD_FILE = "oversight.bad_file"
    NOT_FOUND = "oversight.not_found"


class OversightError(ThuvienError):
    """A rule about oversight records (stocktakes, evaluations) was broken."""
