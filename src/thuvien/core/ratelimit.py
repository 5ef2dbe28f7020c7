"""Per-client rate limits counted in the cache that every process shares.

The cache is Redis when THUVIEN_REDIS_URL is set, otherwise a file cache in the data directory
(config/settings/base.py): the web server's processes and the worker count together, where the
per-process memory cache let 4 workers × 120/min through.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import ipaddress
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

V = TypeVar("V", bound=Callable[..., HttpResponse])


def _trusted_proxies() -> set[str]:
    raw = os.environ.get("THUVIEN_FORWARDED_ALLOW_IPS", "127.0.0.1")
    return {p.strip() for p in raw.split(",") if p.strip()}


def client_address(request: Any) -> str:
    """The client's address: REMOTE_ADDR, or, when the request came through the reverse proxy
    we trust (THUVIEN_FORWARDED_ALLOW_IPS, as gunicorn), the last address it appended to
    X-Forwarded-For. Never the client's own claim."""
    meta = getattr(request, "META", None) or {}
    remote = meta.get("REMOTE_ADDR", "") or ""
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    trusted = _trusted_proxies()
    if forwarded and ("*" in trusted or remote in trusted):
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return remote
    return remote


_thread_lock = threading.Lock()


@contextmanager
def counter_lock(key: str) -> Iterator[None]:
    """Hold ``key``'s counter alone while it is read and written back, across every process
    that shares the cache: a Redis lock on Redis, an exclusive ``flock`` on a file of the
    cache directory on the file cache, a thread lock on a per-process cache (the tests')."""
    backend = caches["default"]  # ``cache`` is a proxy: isinstance needs the backend itself
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(key, write=True)
        with client.lock(f"{key}:lock", timeout=5, blocking_timeout=5):
            yield
        return
    if isinstance(backend, FileBasedCache):
        digest = hashlib.sha256(key.encode()).hexdigest()[:2]  # 256 lock files at most
        path = Path(backend._dir) / f"counter-{digest}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with _thread_lock:
        yield


def rate_limit_hit(*, scope: str, ident: str, limit: int, per_seconds: int) -> int:
    """Count one request of ``ident`` in ``scope``; 0 when allowed, else the seconds to wait.

    A fixed window of ``per_seconds`` started by the first request, read and written under
    ``counter_lock``: without it, clients arriving at the same instant overwrote each other's
    counts (20 parallel clients got 214 answers of a 120/min limit).
    """
    key = f"rl:{scope}:{ident}"
    with counter_lock(key):
        now = time.time()
        entry = cache.get(key)
        if not entry or entry[1] <= now:
            cache.set(key, (1, now + per_seconds), timeout=per_seconds + 1)
            return 0
        count, until = entry[0] + 1, entry[1]
        cache.set(key, (count, until), timeout=max(1, math.ceil(until - now)) + 1)
    return max(1, math.ceil(until - now)) if count > limit else 0


_PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600,
            "hour": 3600}  # fmt: skip


def rate_parse(rate: str) -> tuple[int, int]:
    """"120/min" -> (120, 60)."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


def rate_limited(scope: str, setting: str) -> Callable[[V], V]:
    """Limit a view per client (the user when logged in, else the address) to the rate named by
    ``settings.<setting>`` ("120/min"); over it, a polite 429 page with Retry-After."""

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rate = getattr(settings, setting, None)
            if rate:
                limit, per = rate_parse(rate)
                user = getattr(request, "user", None)
                ident = (
                    f"u{user.pk}" if user is not None and user.is_authenticated
                    else client_address(request) or "unknown"
                )  # fmt: skip
                wait = rate_limit_hit(scope=scope, ident=ident, limit=limit, per_seconds=per)
                if wait:
                    response = render(request, "429.html", {"seconds": wait}, status=429)
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return cast(V, limited)

    return decorate
