"""The harvest exception family with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class HarvestErrorCode(ErrorCode):
    URL_INVALID = "harvest.url_invalid"
    PREFIX_UNSUPPORTED = "harvest.prefix_unsupported"
    NAME_REQUIRED = "harvest.name_required"
    RUNNING = "harvest.running"


class HarvestError(ThuvienError):
    """A rule about partner repositories or harvest runs was broken."""
