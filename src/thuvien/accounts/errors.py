"""Errors of the accounts app, each with a stable code."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class AccountsErrorCode(ErrorCode):
    LOCKED = "locked"
    BAD_CREDENTIALS = "bad_credentials"
    TOTP_INVALID = "totp_invalid"
    TOTP_NOT_ENROLLED = "totp_not_enrolled"
    USER_NOT_FOUND = "user_not_found"
    USERNAME_TAKEN = "username_taken"
    ROLE_NOT_ALLOWED = "role_not_allowed"
    MEMBERSHIP_EXISTS = "membership_exists"
    LAST_ADMIN = "last_admin"
    INVALID = "invalid"
    RECOVERY_CODE_INVALID = "recovery_code_invalid"
    TOTP_RESET_FORBIDDEN = "totp_reset_forbidden"
    REASON_REQUIRED = "reason_required"
    NO_ACTOR = "no_actor"


class AccountsError(ThuvienError):
    """A refused change to accounts or memberships; ``code`` is an ``AccountsErrorCode``."""
