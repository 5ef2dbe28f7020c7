"""Login throttling by (account, address) and by address, whatever backend checks the password.

Every login path (the login page, the API token endpoint, SIP2 kiosks) goes through
``login_guarded``. The policy (OWASP's authentication cheat sheet):

- a name that failed ``THUVIEN_LOGIN_MAX_FAILURES`` times from one address is refused from that
  address for ``THUVIEN_LOGIN_LOCK_MINUTES``: the owner still logs in from any other address, so a
  stranger cannot lock a reader, a librarian or a kiosk out by guessing;
- one address that failed ``THUVIEN_LOGIN_MAX_FAILURES_PER_ADDRESS`` times, whatever the names,
  is refused for the same time (guessing across many accounts);
- an unknown name is counted and refused exactly as an existing one, with the same message, and
  every refusal runs the password hasher (on a dummy hash), so neither the answer nor its time
  tells which accounts exist.

The counts live in the cache shared by every process (core.cache: Redis, else a file cache in
the data directory). A successful login or a new password clears the account's counts.

``account_is_locked`` / ``login_failure_record`` remain the account-wide lock of the second
factor: only someone who knows the password reaches it, so it reveals nothing to a stranger.
Apps whose backend accepts other identifiers (the patrons app: card numbers) register a resolver
with ``register_login_account_resolver`` so their names count against the same account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thuvien.core.audit import audit_record
from thuvien.core.ratelimit import counter_lock, rate_limit_hit, rate_parse

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
    login_throttle_clear(user=user)
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])


def account_unlock(*, user: User, actor: Any) -> None:
    """An administrator lifts a lock before it expires (and the login counts of every address)."""
    login_throttle_clear(user=user)
    with transaction.atomic():
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])
        audit_record(actor=actor, action="accounts.user.unlocked", obj=user)


# --- throttling by (account, address) and by address ------------------------------------------


@dataclass(frozen=True)
class LoginRefusal:
    """Why a login was refused. ``code``: ``bad_credentials`` or ``locked``."""

    code: str
    retry_minutes: int = 0


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    refusal: LoginRefusal | None


_DUMMY_HASH: list[str] = []


def _burn_hasher(password: str) -> None:
    """Spend the time of one password check, so a refusal takes as long as a real check."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(make_password("thuvien-dummy-password"))
    check_password(password or "", _DUMMY_HASH[0])


def address_key(address: str | None) -> str:
    """The address counted: an IPv4 address, or the /64 network of an IPv6 address (one host
    gets a whole /64)."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address) + "/64"
    return str(ip.ipv4_mapped or ip) if ip.version == 6 else str(ip)


def _max_failures() -> int:
    return int(getattr(settings, "THUVIEN_LOGIN_MAX_FAILURES", 5))


def _max_failures_per_address() -> int:
    return int(getattr(settings, "THUVIEN_LOGIN_MAX_FAILURES_PER_ADDRESS", 20))


def _subject(identifier: str, account: User | None) -> str:
    """An account by its id and generation (a success or new password starts a new one); an
    unknown name by a digest of its folded spelling."""
    if account is not None:
        generation = cache.get(f"login:gen:{account.pk}", 0)
        return f"u{account.pk}.{generation}"
    folded = (identifier or "").strip().casefold().encode()
    return "n" + hashlib.sha256(folded).hexdigest()[:32]


def _keys(identifier: str, account: User | None, address: str | None) -> tuple[str, str]:
    where = address_key(address)
    return f"login:pair:{_subject(identifier, account)}:{where}", f"login:addr:{where}"


def _blocked_minutes(key: str, limit: int) -> int:
    """Minutes left of the block on ``key`` (0 when not blocked)."""
    entry = cache.get(key)
    if not entry or entry[0] < limit:
        return 0
    remaining = entry[1] - time.time()
    return max(1, int(-(-remaining // 60))) if remaining > 0 else 0


def _count_failure(key: str) -> int:
    """Add a failure to ``key``; the window is the lock time from the FIRST failure (a block
    never lasts longer than the lock time, however fast the guesses come)."""
    seconds = lock_minutes() * 60
    with counter_lock(key):  # guesses sent in parallel each count
        entry = cache.get(key)
        if not entry or entry[1] <= time.time():
            entry = (0, time.time() + seconds)
        entry = (entry[0] + 1, entry[1])
        cache.set(key, entry, timeout=max(1, int(entry[1] - time.time()) + 1))
    return entry[0]


def _refusal(pair: str, per_address: str) -> LoginRefusal | None:
    minutes = max(
        _blocked_minutes(pair, _max_failures()),
        _blocked_minutes(per_address, _max_failures_per_address()),
    )
    return LoginRefusal("locked", minutes) if minutes else None


def login_refusal_for(*, identifier: str, address: str | None) -> LoginRefusal | None:
    """The refusal that applies before any password is checked, or None."""
    return _refusal(*_keys(identifier, login_account_for(identifier), address))


def login_guarded(
    *,
    identifier: str,
    password: str,
    address: str | None,
    check: Callable[[], User | None],
) -> LoginResult:
    """Run ``check`` (the backends' authenticate) unless the name or the address is throttled.

    Returns the user, or the refusal: ``locked`` (with the minutes left) for a throttled name or
    address, ``bad_credentials`` otherwise. The answer and its time are the same for a name
    that exists and one that does not.
    """
    account = login_account_for(identifier)
    pair, per_address = _keys(identifier, account, address)
    refusal = _refusal(pair, per_address)
    if refusal is not None:
        _burn_hasher(password)
        return LoginResult(None, refusal)
    user = check()
    if user is not None:
        cache.delete(pair)
        return LoginResult(user, None)
    failures = _count_failure(pair)
    _count_failure(per_address)
    if failures == _max_failures() and account is not None:
        audit_record(
            actor=None,
            action="accounts.login.throttled",
            obj=account,
            changes={"address": address_key(address)},
        )
    return LoginResult(None, _refusal(pair, per_address) or LoginRefusal("bad_credentials"))


def login_throttle_clear(*, user: User) -> None:
    """A successful login (second factor included) or a new password: the account's counts
    start again from every address."""
    key = f"login:gen:{user.pk}"
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=None)


# --- password reset mails ----------------------------------------------------------------------


def _rate(setting: str, default: str) -> tuple[int, int]:
    return rate_parse(str(getattr(settings, setting, default) or default))


def password_reset_request_allowed(*, address: str | None) -> bool:
    """One more reset request from ``address`` (``THUVIEN_PASSWORD_RESET_RATE``, 20 an hour),
    counted whether the address typed has an account or not."""
    limit, per = _rate("THUVIEN_PASSWORD_RESET_RATE", "20/hour")
    return not rate_limit_hit(
        scope="password-reset", ident=address_key(address), limit=limit, per_seconds=per
    )


def password_reset_mail_allowed(*, user: User) -> bool:
    """One more reset mail to ``user`` (``THUVIEN_PASSWORD_RESET_MAILS``, 3 an hour): a
    stranger asking again and again from many addresses cannot flood the owner's mailbox."""
    limit, per = _rate("THUVIEN_PASSWORD_RESET_MAILS", "3/hour")
    return not rate_limit_hit(
        scope="password-reset-mail", ident=str(user.pk), limit=limit, per_seconds=per
    )


def second_factor_failure_record(*, user: User) -> bool:
    """A wrong second-factor code: audited (the security events page counts them), then counted
    towards the account-wide lock. Returns True if the account is now locked."""
    audit_record(actor=None, action="accounts.user.totp_failed", obj=user)
    return login_failure_record(user=user)


PERMISSION_BURST_WINDOW = 600  # seconds


def permission_denial_record(*, user: Any, network: Any | None, path: str) -> bool:
    """Count a refused page for a logged-in person; at ``THUVIEN_PERMISSION_DENIED_BURST``
    refusals within ten minutes write ONE audit entry (a burst: someone probing what they may
    reach), not one per refusal. Returns True when this refusal made the burst."""
    if not getattr(user, "is_authenticated", False):
        return False
    limit = int(getattr(settings, "THUVIEN_PERMISSION_DENIED_BURST", 10))
    key = f"perm-denied:{user.pk}:{int(time.time() // PERMISSION_BURST_WINDOW)}"
    if cache.add(key, 1, timeout=PERMISSION_BURST_WINDOW * 2):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=PERMISSION_BURST_WINDOW * 2)
            count = 1
    if count != limit:
        return False
    audit_record(
        actor=user,
        action="accounts.permission.denied_burst",
        obj=user,
        network=network,
        changes={"count": count, "minutes": PERMISSION_BURST_WINDOW // 60, "path": path[:200]},
    )
    return True
