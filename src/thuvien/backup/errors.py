"""Errors of backup and restore, with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class BackupErrorCode(ErrorCode):
    NOT_CONFIGURED = "not_configured"
    TOOL_MISSING = "tool_missing"
    TOOL_FAILED = "tool_failed"
    VERSION_MISMATCH = "version_mismatch"
    BUSY = "busy"
    NOT_EMPTY = "not_empty"
    NO_SNAPSHOT = "no_snapshot"
    BAD_SNAPSHOT = "bad_snapshot"
    MISMATCH = "mismatch"
    ENGINE_MISMATCH = "engine_mismatch"


class BackupError(ThuvienError):
    http_status = 500
