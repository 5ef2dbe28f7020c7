"""The root of every domain's exception family.

Each domain app declares ``class CatalogError(ThuvienError)`` with an enum of stable codes;
interfaces map the code to an HTTP status, an OAI-PMH error, an SRU diagnostic or a SIP2 screen
message. The message is translatable and safe to show to the user.
"""

from __future__ import annotations

import enum
from typing import Any


class ErrorCode(enum.StrEnum):
    """Base for the per-domain enums of stable error codes."""


class ThuvienError(Exception):
    """A rule was broken; ``code`` is stable, ``message`` is for people, ``field`` for forms."""

    http_status = 400

    def __init__(
        self, code: ErrorCode | str, message: str, *, field: str | None = None, **params: Any
    ) -> None:
        super().__init__(message)
        self.code = code.value if isinstance(code, enum.Enum) else code
        self.message = message
        self.field = field
        self.params = params

    def __str__(self) -> str:
        return self.message


class NotFound(ThuvienError):
    """The object does not exist or belongs to another library: the same answer for both."""

    http_status = 404


class PermissionDenied(ThuvienError):
    http_status = 403
