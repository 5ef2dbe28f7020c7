"""Reads of the quarantine, for the people who investigate refused files."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import QuarantinedFile


def quarantine_list(
    *, network_id: int, since: dt.datetime | None = None
) -> QuerySet[QuarantinedFile]:
    """Refused files sent from the libraries of one network (newest first). Files refused
    outside any library (``thuvien import-marc`` without ``--library``) are the operator's and
    are read on the server, not here."""
    qs = QuarantinedFile.objects.filter(library__network_id=network_id)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return qs.select_related("library", "actor").order_by("-created_at", "-id")
