"""Patrons' exception family."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class PatronErrorCode(ErrorCode):
    GUARDIAN_CONSENT_REQUIRED = "guardian_consent_required"
    CONSENT_REQUIRED = "consent_required"
    INVALID = "invalid"
    CARD_NUMBER_TAKEN = "card_number_taken"
    EMAIL_TAKEN = "email_taken"
    HAS_OPEN_LOANS = "has_open_loans"
    ALREADY_ANONYMISED = "already_anonymised"


class PatronError(ThuvienError):
    http_status = 400
