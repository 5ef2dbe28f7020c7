"""Writing the audit log. Every service that changes staff-visible data calls ``audit_record``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from .models import AuditEntry

_batch = threading.local()  # the entries of the open ``audit_batch`` of this thread, if any


@contextmanager
def audit_batch() -> Iterator[None]:
    """Write the ``audit_record`` calls made inside the block with ONE insert at its end.

    A desk scan records two or three entries; one statement instead of each its own saves round
    trips on the hottest path. Open it INSIDE the ``transaction.atomic`` block of the change, so
    the entries are still written in the same transaction: a block left by an exception writes
    nothing, and the atomic block around it rolls the change back. Nested blocks join the
    outermost one. Entries returned by ``audit_record`` inside the block are saved at its end.
    """
    if getattr(_batch, "entries", None) is not None:
        yield
        return
    _batch.entries = []
    try:
        yield
        entries: list[AuditEntry] = _batch.entries
    finally:
        _batch.entries = None
    if entries:
        AuditEntry.objects.bulk_create(entries)


def audit_record(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    library: Any | None = None,
    network: Any | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry; ``action`` is a dotted code such as ``network.library.moved``.

    ``changes`` holds ``{field: [old, new]}``; never put a reader's personal data in it beyond
    what identifies the record (the audit log is read by other staff).
    """
    if library is None and obj is not None:
        library = getattr(obj, "library", None) if not _is_library(obj) else obj
    if network is None and library is not None:
        network = getattr(library, "network", None)
    if network is None and obj is not None:
        network = getattr(obj, "network", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        actor=actor,
        action=action,
        library=library,
        network=network,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=_jsonable(changes or {}),
    )
    pending = getattr(_batch, "entries", None)
    if pending is not None:
        pending.append(entry)
    else:
        entry.save(force_insert=True)
    return entry


def diff_fields(obj: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value would change."""
    out: dict[str, list[Any]] = {}
    for name, new in new_values.items():
        old = getattr(obj, name)
        if old != new:
            out[name] = [old, new]
    return out


def _is_library(obj: models.Model) -> bool:
    return obj._meta.label_lower == "network.library"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
