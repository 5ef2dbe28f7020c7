"""Errors of copy cataloguing, with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class CopycatErrorCode(ErrorCode):
    UNKNOWN_TARGET = "copycat.unknown_target"
    EMPTY_QUERY = "copycat.empty_query"
    UNREACHABLE = "copycat.unreachable"
    TIMEOUT = "copycat.timeout"
    DIAGNOSTIC = "copycat.diagnostic"
    BEYOND_LAST = "copycat.beyond_last"  # a page asked for starts after the last hit
    BAD_RESPONSE = "copycat.bad_response"
    CLIENT_MISSING = "copycat.client_missing"


class CopycatError(ThuvienError):
    """Talking to an external catalogue failed; ``message`` says why, for the cataloguer."""

    http_status = 502
