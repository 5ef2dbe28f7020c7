"""Per-process caches for what the circulation desk reads on every scan but staff rarely change:
libraries by code, each network's loan-rule matrix, each library's closed days, and (for at
most ``AUTH_SECONDS``) which user and capabilities a desk's API token stands for.

Why: at 25 desks on two cores every query counts (the desk target is p95 < 50 ms server time and
200 transactions per second); these reads were half of a checkout's queries.

Invalidation, so a changed rule or holiday is never lent against for long:

- a ``post_save``/``post_delete`` of ``LoanRule``, ``Library``, ``Network``, ``ClosedDay``,
  ``OpeningHours``, ``Token``, ``User``, ``Membership`` or ``Role`` empties this process's
  cache at once and bumps a generation number in the Django cache (Redis in production);
- every process compares its generation with the shared one at most once per
  ``CHECK_SECONDS`` (one cache read per second, not one per scan) and empties itself on change;
- every entry also expires after ``THUVIEN_DESK_CACHE_SECONDS`` (default 30 s): the backstop for
  writes that send no signal (``QuerySet.update``, ``bulk_create``, raw SQL) and for a local
  memory cache, which other processes cannot see.

``THUVIEN_DESK_CACHE_SECONDS = 0`` turns caching off (the test settings do: on SQLite a rolled
back test reuses the primary keys of the next one, so a cached row could outlive its test).
Cached objects are shared between threads: callers read them and never modify them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

DEFAULT_SECONDS = 30.0
AUTH_SECONDS = 5.0  # a revoked token or role stops working within this even without Redis
CHECK_SECONDS = 1.0
GENERATION_KEY = "thuvien:circulation:desk-cache:generation"

_lock = threading.Lock()
_entries: dict[Hashable, tuple[float, Any]] = {}
_state = {"generation": None, "checked_at": 0.0}


def ttl() -> float:
    return float(getattr(settings, "THUVIEN_DESK_CACHE_SECONDS", DEFAULT_SECONDS))


def cached(key: Hashable, loader: Callable[[], T], *, max_seconds: float | None = None) -> T:
    """``loader()``'s value for ``key``, from this process's cache while it is fresh.

    ``None`` is never kept (an unknown code or token is asked again: no cache flooding), and
    ``max_seconds`` shortens the life of sensitive entries (credentials)."""
    seconds = ttl()
    if seconds <= 0:
        return loader()
    if max_seconds is not None:
        seconds = min(seconds, max_seconds)
    now = time.monotonic()
    if now - _state["checked_at"] >= CHECK_SECONDS:
        _check_shared_generation(now)
    hit = _entries.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = loader()
    if value is not None:
        with _lock:
            _entries[key] = (now + seconds, value)
    return value


def desk_cache_clear(*, everywhere: bool = True) -> None:
    """Forget everything cached here; with ``everywhere`` also tell the other processes."""
    with _lock:
        _entries.clear()
    if everywhere:
        generation = _bump_shared_generation()
        if generation is not None:
            _state["generation"] = generation


def _check_shared_generation(now: float) -> None:
    _state["checked_at"] = now
    try:
        from django.core.cache import cache

        generation = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - the cache being down leaves the TTL as the backstop
        return
    if generation != _state["generation"]:
        with _lock:
            _entries.clear()
        _state["generation"] = generation


def _bump_shared_generation() -> int | None:
    try:
        from django.core.cache import cache

        if cache.add(GENERATION_KEY, 1, timeout=None):
            return 1
        return cache.incr(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - see _check_shared_generation
        return None


_HARMLESS_FIELDS = frozenset({"last_login"})  # every login saves it; nothing cached depends on it


def _on_change(sender: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= _HARMLESS_FIELDS:
        return
    desk_cache_clear()


def connect_invalidation() -> None:
    """Called from ``CirculationConfig.ready()``: every model whose rows are cached here."""
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from thuvien.accounts.models import Membership, Role
    from thuvien.network.models import ClosedDay, Library, Location, Network, OpeningHours

    from .models import LoanRule

    models = (LoanRule, Library, Network, ClosedDay, OpeningHours, Location)
    models += (Token, get_user_model(), Membership, Role)  # the desk's token check
    for model in models:
        uid = f"circulation-desk-cache-{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
