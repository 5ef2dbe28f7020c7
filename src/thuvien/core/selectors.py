"""Reads of the core app: the audit log and background jobs, always for a library or network."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .errors import NotFound
from .models import AuditEntry, Job


def audit_list(
    *,
    library: Any | None = None,
    network: Any | None = None,
    action: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries of one library, or of a whole network; newest first.

    ``action`` matches a dotted code or its prefix (``accounts.membership``); ``actor`` a
    username or part of a full name. Dates are local days, both ends included.
    """
    if library is not None:
        qs = AuditEntry.objects.filter(library=library)
    elif network is not None:
        qs = AuditEntry.objects.filter(network=network)
    else:
        raise ValueError("audit_list needs a library or a network")
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=action.rstrip(".") + "."))
    if actor:
        qs = qs.filter(Q(actor__username__iexact=actor) | Q(actor__full_name__icontains=actor))
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.select_related("actor", "library").order_by("-created_at", "-id")


def job_list(
    *, library: Any | None = None, network: Any | None = None, user: Any | None = None
) -> QuerySet[Job]:
    """Jobs of one library (with the network's own jobs left out, but for those ``user``
    started himself: a network-wide import's cataloguer follows it), or of a whole network."""
    if library is not None:
        scope = Q(library=library)
        if user is not None:
            scope |= Q(created_by=user, library__isnull=True, network=library.network_id)
        qs = Job.objects.filter(scope)
    elif network is not None:
        # with the installation's own jobs (backups and their verification: no network)
        qs = Job.objects.filter(
            Q(network=network)
            | Q(network__isnull=True, library__isnull=True, kind__startswith="backup.")
        )
    else:
        raise ValueError("job_list needs a library or a network")
    return qs.select_related("library", "created_by").order_by("-created_at", "-id")


def job_get_for(
    *, pk: Any, library: Any | None = None, network: Any | None = None, user: Any | None = None
) -> Job:
    """One job of the library (or network, or ``user``'s own network-wide one); another's
    answers 404 like a missing one."""
    try:
        job: Job = job_list(library=library, network=network, user=user).get(pk=int(pk))
    except (Job.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("not_found", _("Không tìm thấy tác vụ.")) from exc
    return job


# --- operations (health checks and metrics) -----------------------------------------------


def outbox_backlog() -> tuple[int, dt.datetime | None]:
    """How many outbox rows wait, and when the oldest was written (None when none waits)."""
    from .models import OutboxEntry

    pending = OutboxEntry.objects.count()
    oldest = OutboxEntry.objects.order_by("created_at").values_list("created_at", flat=True).first()
    return pending, oldest


def failed_jobs_since(*, since: dt.datetime) -> dict[str, int]:
    """Jobs failed since ``since``, counted by kind."""
    from django.db.models import Count

    rows = (
        Job.objects.filter(status=Job.Status.FAILED, created_at__gte=since)
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {r["kind"]: r["n"] for r in rows}


def job_underway(*, kind: str) -> bool:
    """Whether a job of ``kind`` is queued or running now."""
    return Job.objects.filter(
        kind=kind, status__in=(Job.Status.QUEUED, Job.Status.RUNNING)
    ).exists()


def audit_last_at(*, action: str) -> dt.datetime | None:
    """When ``action`` was last recorded in the audit log, or None."""
    return (
        AuditEntry.objects.filter(action=action)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def rows_in_id_range(rows: QuerySet[Any], *, after: int, up_to: int) -> QuerySet[Any]:
    """The rows of ``rows`` whose id is in (``after``, ``up_to``], by id: a page of a long list
    that costs one index range scan however deep it lies (OFFSET reads every row before it)."""
    return rows.filter(pk__gt=after, pk__lte=up_to).order_by("pk")


def highest_id(rows: QuerySet[Any]) -> int:
    """The highest id among ``rows`` (0 when there are none)."""
    return int(rows.order_by("-pk").values_list("pk", flat=True).first() or 0)
