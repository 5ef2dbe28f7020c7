"""Merging one provincial network into another (the 2025 province mergers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.outbox import outbox_add
from thuvien.core.text import clean

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, LibraryGroup, Network, NetworkMerge
from .tree import _move_placements, _relocate


def network_merge(
    *,
    source: Network,
    target: Network,
    actor: Any,
    note: str = "",
    effective_at: dt.datetime | None = None,
) -> NetworkMerge:
    """Merge ``source`` into ``target`` (a 2025 province merger).

    Every library of ``source`` moves with its subtree and history; a group "former province"
    in ``target`` keeps them findable; the union catalogue records move with one UPDATE;
    ``source`` is deactivated and points to ``target``.
    """
    at = effective_at or timezone.now()
    with transaction.atomic():
        source = Network.objects.select_for_update().get(pk=source.pk)
        target = Network.objects.select_for_update().get(pk=target.pk)
        if source.pk == target.pk:
            raise NetworkError(
                NetworkErrorCode.MERGE_SELF,
                _("Không thể sáp nhập một mạng lưới vào chính nó."),
                field="target",
            )
        if source.merged_into_id is not None or not source.is_active:
            raise NetworkError(
                NetworkErrorCode.ALREADY_MERGED,
                _("Mạng lưới “%(name)s” đã được sáp nhập hoặc ngừng hoạt động.")
                % {"name": source.name_vi},
                field="source",
            )
        if target.merged_into_id is not None or not target.is_active:
            raise NetworkError(
                NetworkErrorCode.MERGE_INTO_MERGED,
                _("Không thể sáp nhập vào mạng lưới “%(name)s” vì nó đã được sáp nhập.")
                % {"name": target.name_vi},
                field="target",
            )
        rows = list(Library.objects.filter(network=source).values_list("pk", "parent_id"))
        ids = [pk for pk, _parent in rows]
        if ids:
            _move_placements(
                ids,
                at=at,
                network=target,
                parents=dict(rows),
                reason=f"merge {source.code} -> {target.code}",
            )
            _relocate(ids, source=source, target=target)
        group = LibraryGroup.objects.create(
            network=target,
            code=_free_group_code(target, f"former-{source.code}"),
            name_vi=_("Thư viện thuộc tỉnh %(province)s (cũ)")
            % {"province": source.province or source.name_vi},
            name_en=f"Former {source.province or source.name_en or source.code} province",
            description=_("Các thư viện chuyển từ “%(name)s” khi sáp nhập.")
            % {"name": source.name_vi},
        )
        group.libraries.set(ids)
        record_ids = _move_records(source, target)
        source.merged_into = target
        source.merged_at = at
        source.is_active = False
        source.save(update_fields=["merged_into", "merged_at", "is_active"])
        merge = NetworkMerge.objects.create(
            source=source, target=target, libraries_moved=len(ids), note=clean(note)[:255]
        )
        audit_record(
            actor=actor,
            action="network.network.merged",
            obj=merge,
            network=target,
            changes={
                "source": [None, source.code],
                "target": [None, target.code],
                "libraries": [None, len(ids)],
                "records": [None, record_ids],
            },
        )
    return merge


def _free_group_code(network: Network, base: str) -> str:
    base = base[:28]
    code, n = base, 1
    while LibraryGroup.objects.filter(network=network, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


# The union catalogue of a network: moved whole in a merger, one UPDATE per table.
CATALOGUE_MODELS = ("catalog.RecordIdentifier", "catalog.Authority")


def _move_records(source: Network, target: Network) -> int:
    """Move the union catalogue records with one UPDATE, and queue them for the index; their
    match identifiers and the network's authorities follow."""
    from thuvien.catalog.models import Record

    record_ids = list(Record.objects.filter(network=source).values_list("pk", flat=True))
    if record_ids:
        Record.objects.filter(network=source).update(network=target)
        outbox_add("catalog.record", record_ids)
    for label in CATALOGUE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model._base_manager.filter(network=source).update(network=target)
    return len(record_ids)
