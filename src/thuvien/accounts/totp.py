"""TOTP second factor (RFC 6238) with pyotp; the QR code is drawn locally with segno as SVG.

The secret is shown once during enrolment (as text and as a QR code) and kept in the session
until the person proves it with a code; only then is it stored on the account.
"""

from __future__ import annotations

import io
from typing import Any

import pyotp
import segno
from django.conf import settings
from django.core.cache import cache

SESSION_VERIFIED = "thuvien_2fa_verified"
SESSION_PENDING_USER = "thuvien_2fa_pending_user"
SESSION_PENDING_BACKEND = "thuvien_2fa_pending_backend"
SESSION_PENDING_NEXT = "thuvien_2fa_pending_next"
SESSION_ENROL_SECRET = "thuvien_2fa_enrol_secret"  # noqa: S105 - a session key name
SESSION_NEW_RECOVERY_CODES = "thuvien_2fa_new_recovery_codes"


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_uri(*, secret: str, account: str) -> str:
    issuer = getattr(settings, "THUVIEN_TOTP_ISSUER", "thuvien")
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def totp_qr_svg(uri: str) -> str:
    """An inline SVG QR code (no external service, no <?xml?> header)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, nl=False
    )
    return out.getvalue().decode()


def totp_matches(secret: str, code: Any) -> bool:
    """Accept the current code and one step either side (clock drift on phones)."""
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    if not secret or len(code) != 6:
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)


def totp_consume(user: Any, code: Any) -> bool:
    """Check ``user``'s code and refuse it if it was already used (a replayed code).

    Used codes are remembered in the cache (Redis in production) for longer than the window of
    three 30-second steps during which pyotp would accept them.
    """
    if not totp_matches(user.totp_secret, code):
        return False
    digits = "".join(ch for ch in str(code) if ch.isdigit())
    return cache.add(f"thuvien:totp-used:{user.pk}:{digits}", 1, timeout=120)
