"""Merging one provincial network into another (the 2025 province mergers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.hooks import Hook
from thuvien.core.text import clean

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, LibraryGroup, Network, NetworkMerge
from .tree import _move_placements, _relocate

# Apps above network that keep network-owned data (catalog: the union catalogue) move it in
# the merger's transaction: ``step(source, target) -> {"records": moved, ...}``, the counts go
# into the merger's audit entry.
network_merge_steps: Hook[Callable[[Network, Network], dict[str, int]]] = Hook(
    "network.merge"
)


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
    in ``target`` keeps them findable; the registered steps move what higher apps keep per
    network (the union catalogue's records, with one UPDATE);
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
        moved: dict[str, int] = {}
        for step in network_merge_steps:
            moved.update(step(source, target))
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
                **{name: [None, count] for name, count in moved.items()},
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
