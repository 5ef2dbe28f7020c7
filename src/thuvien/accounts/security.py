"""Login lock-out, counted per account whatever backend checks the password.

The login form (and the API token endpoint) call ``login_account_for`` to find the account an
identifier names, refuse at once while it is locked (``account_is_locked``), and afterwards
record the outcome with ``login_failure_record`` / ``login_success_record``. Apps whose backend
accepts other identifiers (the patrons app: card numbers) register a resolver with
``register_login_account_resolver`` so failures through them are counted too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thuvien.core.audit import audit_record

from .models import User

_RESOLVERS: list[Callable[[str], User | None]] = []


def register_login_account_resolver(fn: Callable[[str], User | None]) -> None:
    """Add ``fn(identifier) -> User | None``; tried after username and e-mail."""
    if fn not in _RESOLVERS:
        _RESOLVERS.append(fn)


def login_account_for(identifier: str) -> User | None:
    """The account a login identifier names: username, a unique e-mail, or a registered one."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    user = User.objects.filter(username__iexact=identifier).first()
    if user is None and "@" in identifier:
        matches = list(User.objects.filter(email__iexact=identifier)[:2])
        user = matches[0] if len(matches) == 1 else None
    for resolver in _RESOLVERS:
        if user is not None:
            break
        user = resolver(identifier)
    return user


def account_is_locked(user: User, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(user.locked_until and user.locked_until > now)


def lock_minutes() -> int:
    return int(getattr(settings, "THUVIEN_LOGIN_LOCK_MINUTES", 15))


def login_failure_record(*, user: User) -> bool:
    """Count one failed login; lock the account at the limit. Returns True if now locked."""
    limit = int(getattr(settings, "THUVIEN_LOGIN_MAX_FAILURES", 5))
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins", "locked_until"])
        if user.failed_logins < limit:
            return False
        user.locked_until = timezone.now() + dt.timedelta(minutes=lock_minutes())
        user.failed_logins = 0
        user.save(update_fields=["locked_until", "failed_logins"])
        audit_record(
            actor=None,
            action="accounts.user.locked",
            obj=user,
            changes={"locked_until": [None, user.locked_until.isoformat()]},
        )
    return True


def login_success_record(*, user: User) -> None:
    """A successful login clears the failure count and any expired lock."""
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])


def account_unlock(*, user: User, actor: Any) -> None:
    """An administrator lifts a lock before it expires."""
    with transaction.atomic():
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])
        audit_record(actor=actor, action="accounts.user.unlocked", obj=user)
