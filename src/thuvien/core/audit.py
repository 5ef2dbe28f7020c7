"""Writing the audit log. Every service that changes staff-visible data calls ``audit_record``."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


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
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        library=library,
        network=network,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=_jsonable(changes or {}),
    )


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
