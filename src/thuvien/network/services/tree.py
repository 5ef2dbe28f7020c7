"""Moving libraries in the tree, within a network or to another one, with their history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, LibraryGroup, LibraryPlacement, Network
from .libraries import _check_network_open, _check_parent
from .sets import library_sets_changing


def descendant_ids(library: Library) -> list[int]:
    """Ids of every library below ``library`` in the tree (one query over its network)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Library.objects.filter(network_id=library.network_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    out: list[int] = []
    stack = list(children.get(library.pk, []))
    while stack:
        pk = stack.pop()
        if pk in out:
            continue
        out.append(pk)
        stack.extend(children.get(pk, []))
    return out


def _move_placements(
    library_ids: list[int],
    *,
    at: dt.datetime,
    network: Network,
    parents: dict[int, int | None],
    reason: str,
) -> None:
    """Close the open placement of each library at ``at`` and open the new one."""
    open_rows = LibraryPlacement.objects.filter(library_id__in=library_ids, valid_to__isnull=True)
    if open_rows.filter(valid_from__gt=at).exists():
        raise NetworkError(
            NetworkErrorCode.INVALID_DATE,
            _("Ngày hiệu lực không được sớm hơn lần thay đổi trước của thư viện."),
            field="effective_at",
        )
    open_rows.update(valid_to=at)
    LibraryPlacement.objects.bulk_create(
        [
            LibraryPlacement(
                library_id=pk,
                network=network,
                parent_id=parents[pk],
                valid_from=at,
                reason=reason[:255],
            )
            for pk in library_ids
        ]
    )


# Rows that record what was true at a time (history) keep the network they had then.
HISTORY_MODELS = frozenset({"network.libraryplacement", "core.auditentry", "core.job"})


def _relocate(library_ids: list[int], *, source: Network, target: Network) -> None:
    """Point a set of libraries, and every row that carries a library's network beside the
    library (memberships, closed days, settings, loan rules, readers, ...), at ``target``.

    The rows are found through the app registry, so a model added later by another app (a
    ``network`` and a ``library`` foreign key) follows without a change here.
    """
    Library.objects.filter(pk__in=library_ids).update(network=target, updated_at=timezone.now())
    for model in apps.get_models():
        if model is Library or model._meta.label_lower in HISTORY_MODELS:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields if f.is_relation}
        net, lib = fields.get("network"), fields.get("library")
        if net is None or lib is None:
            continue
        if net.related_model is not Network or lib.related_model is not Library:
            continue
        model._base_manager.filter(library_id__in=library_ids).update(network=target)
    _remap_patron_categories(library_ids, source=source, target=target)


def _remap_patron_categories(library_ids: list[int], *, source: Network, target: Network) -> None:
    """Readers of moved libraries take the target network's category with the same code (loan
    rules are written per network against category codes); without one they keep theirs."""
    try:
        patron_model = apps.get_model("patrons", "Patron")
        category_model = apps.get_model("patrons", "PatronCategory")
    except LookupError:
        return
    target_by_code = dict(category_model.objects.filter(network=target).values_list("code", "pk"))
    for source_pk, code in category_model.objects.filter(network=source).values_list("pk", "code"):
        if code in target_by_code:
            patron_model._base_manager.filter(
                library_id__in=library_ids, category_id=source_pk
            ).update(category_id=target_by_code[code])


def library_move(
    *,
    library: Library,
    new_parent: Library | None,
    actor: Any,
    new_network: Network | None = None,
    reason: str = "",
    effective_at: dt.datetime | None = None,
) -> Library:
    """Put ``library`` under ``new_parent`` (None: top level), possibly in another network.

    Moving to another network takes the library's whole subtree along, because a branch
    cannot stay in a network its parent has left.
    """
    at = effective_at or timezone.now()
    with transaction.atomic():
        library = Library.objects.select_for_update().select_related("network").get(pk=library.pk)
        target = new_network or (new_parent.network if new_parent else library.network)
        _check_network_open(target)
        if new_parent is not None:
            new_parent = Library.objects.get(pk=new_parent.pk)
            if new_parent.pk == library.pk or new_parent.pk in descendant_ids(library):
                raise NetworkError(
                    NetworkErrorCode.CYCLE,
                    _("Không thể chuyển thư viện vào chính nó hoặc vào một đơn vị trực thuộc nó."),
                    field="parent",
                )
            _check_parent(new_parent, target)
        if library.parent_id == (new_parent.pk if new_parent else None) and (
            library.network_id == target.pk
        ):
            return library
        old_parent, old_network = library.parent, library.network
        moved = [library.pk]
        parents: dict[int, int | None] = {library.pk: new_parent.pk if new_parent else None}
        if target.pk != library.network_id:
            subtree = descendant_ids(library)
            moved += subtree
            parents.update(
                dict(Library.objects.filter(pk__in=subtree).values_list("pk", "parent_id"))
            )
        _move_placements(moved, at=at, network=target, parents=parents, reason=reason or "moved")
        library.parent = new_parent
        library.save(update_fields=["parent", "updated_at"])
        if target.pk != old_network.pk:
            # Groups are per network: the moved libraries leave the old network's groups, and
            # their records the OAI-PMH ``group:`` sets they had only through them
            # (``library_sets_changing``: leaves, new datestamps), as a group's edit does.
            with library_sets_changing(moved):
                _relocate(moved, source=old_network, target=target)
                groups = LibraryGroup.objects.filter(network=old_network, libraries__in=moved)
                for group in groups.distinct():
                    group.libraries.remove(*moved)
            library.network = target
        audit_record(
            actor=actor,
            action="network.library.moved",
            obj=library,
            changes={
                "parent": [old_parent, new_parent],
                "network": [old_network, target],
                "libraries_moved": [None, len(moved)],
            },
        )
    return library
