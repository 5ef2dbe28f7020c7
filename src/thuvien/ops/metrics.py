"""Prometheus metrics (prometheus_client).

- ``thuvien_http_request_duration_seconds{view,method,status}``: a histogram per view (the URL
  name, never the path: a path carries card numbers and barcodes), counted by a middleware.
  Under gunicorn every worker process writes its samples to ``PROMETHEUS_MULTIPROC_DIR``
  (``thuvien serve`` sets it), and a scrape adds up every process.
- read at scrape time: queue depth, outbox rows and lag, index age and documents, failed jobs
  of the last 24 hours per kind, the last backup and the last verified backup, free disk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from . import checks

REQUEST_SECONDS = Histogram(
    "thuvien_http_request_duration_seconds",
    "Time to answer a request, per view.",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match.route) if match else "<unresolved>"
        REQUEST_SECONDS.labels(view, request.method, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        return response


class StateCollector(Collector):
    """Figures read from the database, the queue and the disk when Prometheus scrapes."""

    def collect(self) -> Iterator[Any]:
        def gauge(name: str, doc: str, value: float | None) -> Iterator[Any]:
            if value is not None:
                yield GaugeMetricFamily(name, doc, value=value)

        yield from gauge(
            "thuvien_queue_depth", "Tasks waiting in the queue.", _safe(checks.queue_depth)
        )
        pending_lag = _safe(checks.outbox)
        if pending_lag is not None:
            pending, lag = pending_lag
            yield GaugeMetricFamily(
                "thuvien_outbox_pending", "Changes not yet in the search index.", value=pending
            )
            yield GaugeMetricFamily(
                "thuvien_outbox_lag_seconds",
                "Age of the oldest change not yet in the search index.",
                value=lag,
            )
        yield from gauge(
            "thuvien_index_age_seconds",
            "Seconds since the search index last committed.",
            _safe(checks.index_age_seconds),
        )
        yield from gauge(
            "thuvien_index_documents",
            "Documents in the search index.",
            _safe(checks.index_documents),
        )
        failed = GaugeMetricFamily(
            "thuvien_jobs_failed", "Jobs that failed in the last 24 hours.", labels=["kind"]
        )
        for kind, n in (_safe(checks.failed_jobs_by_kind) or {}).items():
            failed.add_metric([kind], n)
        yield failed
        yield from gauge(
            "thuvien_backup_last_success_timestamp_seconds",
            "When the last backup completed (Unix time).",
            _safe(lambda: checks.last_audit_timestamp("backup.completed")),
        )
        yield from gauge(
            "thuvien_backup_last_verified_timestamp_seconds",
            "When a backup was last restored and found identical (Unix time).",
            _safe(lambda: checks.last_audit_timestamp("backup.verified")),
        )
        yield from gauge(
            "thuvien_disk_free_bytes",
            "Free space where the data directory is.",
            _safe(checks.disk_free_bytes),
        )


def _safe(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception:  # noqa: BLE001 - a scrape never fails for one figure; readiness says why
        return None


def exposition() -> bytes:
    registry = CollectorRegistry()
    registry.register(StateCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(registry) + generate_latest(REGISTRY)
