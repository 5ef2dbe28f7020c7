"""Background jobs a user can follow.

``job_enqueue`` creates a ``Job`` row and queues a Huey task that receives the job's id. A task
written with ``@job_task`` gets the ``Job``, reports progress with ``job_progress`` and ends
``done`` or ``failed`` with the error kept for the staff page. Huey retries a task that raised.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from huey.contrib.djhuey import db_task

from .models import Job

log = logging.getLogger(__name__)

_JOB_TASKS: dict[str, Any] = {}
_RESULT_LABELS: dict[str, dict[str, Any]] = {}
_RESULT_VALUES: dict[str, dict[str, Mapping[str, Any]]] = {}


def job_task(
    kind: str,
    *,
    retries: int = 2,
    retry_delay: int = 10,
    result_labels: dict[str, Any] | None = None,
    result_values: dict[str, Mapping[str, Any]] | None = None,
) -> Callable:
    """Register ``fn(job, **params)`` as the runner of jobs of ``kind``; ``result_labels``
    names the keys of the dict it returns for the staff page (lazy translations);
    ``result_values`` names the codes a value holds (a list's items, a dict's keys), per key."""
    if result_labels:
        _RESULT_LABELS[kind] = result_labels
    if result_values:
        _RESULT_VALUES[kind] = result_values

    def decorate(fn: Callable[..., Any]) -> Any:
        @db_task(retries=retries, retry_delay=retry_delay, name=f"job:{kind}")
        @functools.wraps(fn)
        def run(job_id: int) -> None:
            job = Job.objects.get(pk=job_id)
            if job.status == Job.Status.DONE:
                return
            job.status = Job.Status.RUNNING
            job.started_at = job.started_at or timezone.now()
            job.attempts += 1
            job.error = ""
            job.save(update_fields=["status", "started_at", "attempts", "error"])
            try:
                result = fn(job, **job.params)
            except Exception as exc:
                job.refresh_from_db()
                job.status = Job.Status.FAILED
                job.error = f"{type(exc).__name__}: {exc}"[:5000]
                job.finished_at = timezone.now()
                job.save(update_fields=["status", "error", "finished_at"])
                log.exception("job %s (%s) failed", job_id, kind)
                raise
            job.refresh_from_db()
            job.status = Job.Status.DONE
            job.finished_at = timezone.now()
            if isinstance(result, dict):
                job.result = result
            job.save(update_fields=["status", "finished_at", "result"])

        _JOB_TASKS[kind] = run
        return run

    return decorate


def _result_value(value: Any) -> str:
    if value is None or value in ({}, [], ""):
        return "—"
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def job_result_rows(job: Job) -> list[tuple[str, str]]:
    """The job's result as (label, value) lines for people: the labels its kind declared, in
    their order (a key without one is shown as it is), values written out ("Có"/"Không",
    "isbn: 2", "—" for nothing)."""
    result = job.result or {}
    labels = _RESULT_LABELS.get(job.kind, {})
    values = _RESULT_VALUES.get(job.kind, {})
    keys = [k for k in labels if k in result] + [k for k in result if k not in labels]
    return [
        (str(labels.get(k, k)), _result_value(_coded(_in_language(result[k]), values.get(k))))
        for k in keys
    ]


def _coded(value: Any, words: Mapping[str, Any] | None) -> Any:
    """A list's items or a dict's keys that are codes (``isbn``), named by ``words``."""
    if not words:
        return value
    if isinstance(value, list):
        return [str(words.get(v, v)) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict):
        return {str(words.get(k, k)): v for k, v in value.items()}
    return value


def _in_language(value: Any) -> Any:
    """Sentences a job stored (a list of them) in the page's language (``stored_text``)."""
    from .stored_text import stored_text

    if isinstance(value, list):
        return [stored_text(v, "jobs") if isinstance(v, str) else v for v in value]
    return value


def job_enqueue(
    *,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    library: Any | None = None,
    network: Any | None = None,
    user: Any | None = None,
) -> Job:
    """Create the job row and queue its task after the surrounding transaction commits."""
    if kind not in _JOB_TASKS:
        raise KeyError(f"no job task registered for {kind!r}")
    if network is None and library is not None:
        network = library.network
    job = Job.objects.create(
        kind=kind,
        title=title[:255],
        params=params or {},
        library=library,
        network=network,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    task = _JOB_TASKS[kind]
    transaction.on_commit(lambda: task(job.pk))
    return job


def job_progress(job: Job, *, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress; cheap enough to call every few hundred records."""
    job.progress_done = done
    fields = ["progress_done"]
    if total is not None:
        job.progress_total = total
        fields.append("progress_total")
    if message:
        job.message = message[:500]
        fields.append("message")
    Job.objects.filter(pk=job.pk).update(**{f: getattr(job, f) for f in fields})
