"""What readiness and the metrics read: the database, the queue, the search index, the disk,
the outbox, jobs and backups. Each reading is cheap (one small query or a file's metadata)."""

from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def queue_depth() -> int:
    from huey.contrib.djhuey import HUEY

    return int(HUEY.pending_count())


def index_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def index_documents() -> int:
    from thuvien.search.engine import engine

    return int(engine().count())


def index_age_seconds() -> float | None:
    """Seconds since the index last committed (tantivy rewrites meta.json on every commit)."""
    meta = index_dir() / "meta.json"
    try:
        return max(0.0, time.time() - meta.stat().st_mtime)
    except OSError:
        return None


def disk_free_bytes() -> int:
    return shutil.disk_usage(settings.DATA_DIR).free


def outbox() -> tuple[int, float]:
    """Rows waiting for the index and the age of the oldest one in seconds."""
    from thuvien.core.selectors import outbox_backlog

    pending, oldest = outbox_backlog()
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return pending, max(0.0, lag)


def failed_jobs_by_kind(hours: int = 24) -> dict[str, int]:
    from thuvien.core.selectors import failed_jobs_since

    return failed_jobs_since(since=timezone.now() - timedelta(hours=hours))


def last_audit_timestamp(action: str) -> float | None:
    from thuvien.core.selectors import audit_last_at

    at = audit_last_at(action=action)
    return at.timestamp() if at else None


def readiness() -> dict[str, Any]:
    """Every part with ``ok`` or the reason it fails."""
    parts: dict[str, Any] = {}

    def run(name: str, fn: Any) -> None:
        try:
            fn()
            parts[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure is the answer
            parts[name] = f"{type(exc).__name__}: {exc}"[:300]

    run("database", check_database)
    run("queue", queue_depth)

    def index() -> None:
        if not index_dir().is_dir():
            raise RuntimeError("no search index (run `thuvien reindex`)")
        index_documents()

    run("index", index)

    def disk() -> None:
        free = disk_free_bytes()
        need = settings.OPS_MIN_FREE_DISK_MB * 1024 * 1024
        if free < need:
            raise RuntimeError(f"{free // (1024 * 1024)} MB free, below {need // (1024 * 1024)} MB")

    run("disk", disk)
    return parts
