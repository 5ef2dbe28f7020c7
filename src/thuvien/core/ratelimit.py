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
import random
import sqlite3
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


_counter_db = threading.local()
_COUNTER_SQL = """
INSERT INTO counters (key, hits, until) VALUES (?, 1, ?)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN counters.until <= ? THEN 1 ELSE counters.hits + 1 END,
  until = CASE WHEN counters.until <= ? THEN excluded.until ELSE counters.until END
RETURNING hits, until
"""


def _file_counters(directory: str) -> sqlite3.Connection:
    """This thread's connection to the counters beside the file cache: one SQLite statement
    counts a hit atomically across processes, where the file cache's get-then-set under a
    ``flock`` wrote a temporary file and renamed it (0.6 ms of CPU a throttle, three a search)."""
    conn: sqlite3.Connection | None = getattr(_counter_db, "conn", None)
    if conn is not None and getattr(_counter_db, "directory", None) == directory:
        return conn
    Path(directory).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(Path(directory) / "rate-counters.sqlite3", timeout=10,
                           isolation_level=None, check_same_thread=False)  # fmt: skip
    conn.execute("PRAGMA synchronous=OFF")  # a counter lost in a power cut costs nothing
    with _write(conn):  # processes starting together: one creates, the others wait
        conn.execute(
            "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, hits INTEGER, until REAL)"
        )
    _write_ahead(conn)
    _counter_db.conn, _counter_db.directory = conn, directory
    return conn


def _write_ahead(conn: sqlite3.Connection, wait: float = 10.0) -> None:
    """Put the counters' file in WAL mode (it stays so; later connections find it done).

    With the rollback journal every count created and deleted a journal file: the three
    throttles of an API search cost 0.3 ms of CPU and 2.8 ms of wall time on a busy disk,
    against 0.05 and 0.4 ms in WAL. Changing the mode needs the file to itself and SQLite
    does not wait for that (processes starting together once failed with "database is
    locked"), so this waits here; if the file stays busy, the rollback journal still counts
    right, only slower."""
    deadline = time.monotonic() + wait
    while True:
        try:
            if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            return
        time.sleep(0.01 + random.random() * 0.02)  # noqa: S311 - a jitter, not a secret


@contextmanager
def _write(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes SQLite's write lock first (``BEGIN IMMEDIATE``, which
    waits up to the connection's timeout): switching to WAL as processes started together
    failed with "database is locked" without waiting."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def window_hit(key: str, per_seconds: int) -> tuple[int, float]:
    """Count one hit of ``key`` in its fixed window of ``per_seconds`` (started by the window's
    first hit); returns the hits so far in the window and the seconds until it ends.

    One atomic step on each shared store, so clients arriving at the same instant never
    overwrite each other's counts (20 parallel clients once got 214 answers of 120/min): Redis
    ``SET NX EX`` + ``INCR`` + ``PTTL`` in one round trip; an upsert in a SQLite file beside the
    file cache; a thread lock on a per-process cache (the tests').
    """
    return window_hits([(key, per_seconds)])[0]


def window_hits(windows: list[tuple[str, int]]) -> list[tuple[int, float]]:
    """``window_hit`` for several counters at once (the throttles of one request): one Redis
    round trip, one SQLite transaction."""
    backend = caches["default"]  # ``cache`` is a proxy: isinstance needs the backend itself
    now = time.time()
    if isinstance(backend, RedisCache):
        pipe = None
        for key, per_seconds in windows:
            full = backend.make_and_validate_key(key)
            if pipe is None:
                pipe = backend._cache.get_client(full, write=True).pipeline()
            pipe.set(full, 0, ex=per_seconds, nx=True)
            pipe.incr(full)
            pipe.pttl(full)
        answers = pipe.execute() if pipe is not None else []
        return [
            (int(hits), max(0.0, ttl_ms / 1000) if ttl_ms > 0 else float(per_seconds))
            for (_key, per_seconds), hits, ttl_ms in zip(
                windows, answers[1::3], answers[2::3], strict=True
            )
        ]
    if isinstance(backend, FileBasedCache):
        conn = _file_counters(backend._dir)
        rows = []
        with _write(conn):
            for key, per_seconds in windows:
                # fetchall: a RETURNING statement left half-read would keep its write lock open
                rows.append(
                    conn.execute(_COUNTER_SQL, (key, now + per_seconds, now, now)).fetchall()[0]
                )
            if rows and rows[0][0] == 1 and random.random() < 0.001:  # noqa: S311 - forget ended windows
                conn.execute("DELETE FROM counters WHERE until <= ?", (now,))
        return [(int(hits), max(0.0, until - now)) for hits, until in rows]
    out = []
    with _thread_lock:
        for key, per_seconds in windows:
            entry = cache.get(key)
            if not entry or entry[1] <= now:
                entry = (0, now + per_seconds)
            entry = (entry[0] + 1, entry[1])
            cache.set(key, entry, timeout=max(1, math.ceil(entry[1] - now)) + 1)
            out.append((entry[0], entry[1] - now))
    return out


def rate_limit_hit(*, scope: str, ident: str, limit: int, per_seconds: int) -> int:
    """Count one request of ``ident`` in ``scope``; 0 when allowed, else the seconds to wait
    (a fixed window of ``per_seconds`` started by the first request, ``window_hit``)."""
    hits, left = window_hit(f"rl:{scope}:{ident}", per_seconds)
    return max(1, math.ceil(left)) if hits > limit else 0


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
