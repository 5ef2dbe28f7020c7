"""Writing the audit log. Every service that changes staff-visible data calls ``audit_record``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from .db import prepared_cursor
from .models import AuditEntry, OutboxEntry

# The audit entries and outbox rows of the open ``audit_batch`` of this thread, if any.
_batch = threading.local()


@contextmanager
def audit_batch() -> Iterator[None]:
    """Write the ``audit_record`` calls (and ``outbox_add`` rows) made inside the block at its
    end: one insert of the entries, and on PostgreSQL the outbox rows in the SAME statement.

    A desk scan records two audit entries and one outbox row; one statement instead of three
    saves round trips on the hottest path. Open it INSIDE the ``transaction.atomic`` block of
    the change, so everything is still written in the same transaction: a block left by an
    exception writes nothing, and the atomic block around it rolls the change back. Nested
    blocks join the outermost one. The entries ``audit_record`` returns inside the block are
    written at its end (without their ``pk`` when they went in with outbox rows).
    """
    if getattr(_batch, "entries", None) is not None:
        yield
        return
    _batch.entries, _batch.outbox = [], []
    try:
        yield
        entries: list[AuditEntry] = _batch.entries
        outbox: list[OutboxEntry] = _batch.outbox
    finally:
        _batch.entries = _batch.outbox = None
    _flush(entries, outbox)


def batch_outbox_rows(rows: list[OutboxEntry]) -> bool:
    """Hold outbox rows for the open ``audit_batch``; False when none is open (write them now)."""
    pending = getattr(_batch, "outbox", None)
    if pending is None:
        return False
    pending.extend(rows)
    return True


def _flush(entries: list[AuditEntry], outbox: list[OutboxEntry]) -> None:
    if entries and outbox and connection.vendor == "postgresql":
        outbox_sql, outbox_params = _insert_sql(OutboxEntry, outbox)
        audit_sql, audit_params = _insert_sql(AuditEntry, entries)
        # A data-modifying WITH: both inserts in one round trip, in this transaction. Its text
        # depends only on the number of rows, so PostgreSQL prepares it (core.db).
        with prepared_cursor() as cursor:
            cursor.execute(
                f"WITH outbox_rows AS ({outbox_sql}) {audit_sql}",
                [*outbox_params, *audit_params],
            )
        return
    if outbox:
        OutboxEntry.objects.bulk_create(outbox, batch_size=1000)
    if entries:
        AuditEntry.objects.bulk_create(entries)


_INSERT_FIELDS: dict[type[models.Model], list[Any]] = {}


def _insert_sql(model: type[models.Model], objs: list[Any]) -> tuple[str, list[Any]]:
    """A multi-row INSERT of ``objs`` (no RETURNING) with one parameter per value.

    The values are prepared as Django's insert prepares them (``pre_save`` fills
    ``auto_now_add``, ``get_db_prep_save`` adapts JSON and datetimes); the text is built here
    rather than compiled by Django's InsertQuery, which cost more CPU than the insert itself
    and spliced the values into the text (never the same twice, so never prepared)."""
    fields = _INSERT_FIELDS.get(model)
    if fields is None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
        _INSERT_FIELDS[model] = fields
    conn = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the proxy costs a lookup per use
    quote = conn.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    rows = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(objs))
    # Names from the model only; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {rows}"  # noqa: S608
    params = [f.get_db_prep_save(f.pre_save(obj, True), conn) for obj in objs for f in fields]
    return sql, params


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
