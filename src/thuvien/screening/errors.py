"""Why an upload was refused, each reason with a stable code."""

from __future__ import annotations

from typing import Any

from thuvien.core.errors import ErrorCode, ThuvienError


class ScreeningErrorCode(ErrorCode):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TYPE_NOT_ALLOWED = "type_not_allowed"
    UNREADABLE = "unreadable"
    IMAGE_TOO_LARGE = "image_too_large"
    PDF_ACTIVE_CONTENT = "pdf_active_content"
    PDF_ENCRYPTED = "pdf_encrypted"
    OFFICE_MACROS = "office_macros"
    ARCHIVE_BOMB = "archive_bomb"
    ARCHIVE_UNSAFE_PATH = "archive_unsafe_path"
    MALWARE = "malware"
    ANTIVIRUS_UNAVAILABLE = "antivirus_unavailable"


class ScreeningRefused(ThuvienError):
    """The file was refused; ``code`` is stable, ``message`` says why (translated),
    ``details`` holds what was found (the detected type, the virus name, the limit)."""

    http_status = 422

    def __init__(
        self, code: ScreeningErrorCode | str, message: str, *, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(code, message)
        self.details: dict[str, Any] = dict(details or {})
