"""Locations inside a library and groups of libraries across the tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.text import clean, nfc

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, LibraryGroup, Location, Network
from ._common import UNSET, apply_changes, required_text, valid_code
from .sets import library_sets_changing


def _location_kind(kind: str) -> str:
    if kind not in Location.Kind.values:
        raise NetworkError(
            NetworkErrorCode.REQUIRED, _("Hãy chọn một loại vị trí trong danh sách."), field="kind"
        )
    return kind


def location_create(
    *,
    library: Library,
    code: str,
    name_vi: str,
    actor: Any,
    name_en: str = "",
    kind: str = Location.Kind.STACKS,
    is_public: bool = True,
) -> Location:
    code = valid_code(code)
    name_vi = required_text(name_vi, field="name_vi", message=_("Hãy nhập tên vị trí."))
    kind = _location_kind(kind)
    with transaction.atomic():
        if Location.objects.filter(library=library, code__iexact=code).exists():
            raise NetworkError(
                NetworkErrorCode.DUPLICATE_CODE,
                _("Thư viện đã có vị trí mã “%(code)s”.") % {"code": code},
                field="code",
            )
        location = Location.objects.create(
            library=library,
            code=code,
            name_vi=name_vi,
            name_en=clean(name_en),
            kind=kind,
            is_public=bool(is_public),
        )
        audit_record(actor=actor, action="network.location.created", obj=location)
    return location


def location_update(
    *,
    location: Location,
    actor: Any,
    name_vi: str = UNSET,
    name_en: str = UNSET,
    kind: str = UNSET,
    is_public: bool = UNSET,
) -> Location:
    """Change a location's names, kind or visibility; its code stays (items refer to it)."""
    values: dict[str, Any] = {
        "name_vi": UNSET
        if name_vi is UNSET
        else required_text(name_vi, field="name_vi", message=_("Hãy nhập tên vị trí.")),
        "name_en": UNSET if name_en is UNSET else clean(name_en),
        "kind": UNSET if kind is UNSET else _location_kind(kind),
        "is_public": UNSET if is_public is UNSET else bool(is_public),
    }
    with transaction.atomic():
        changes = apply_changes(location, values)
        if changes:
            location.save(update_fields=list(changes))
            audit_record(
                actor=actor, action="network.location.updated", obj=location, changes=changes
            )
    return location


def group_create(
    *,
    network: Network,
    code: str,
    name_vi: str,
    actor: Any,
    name_en: str = "",
    description: str = "",
    libraries: Iterable[Library] | None = None,
) -> LibraryGroup:
    """Create a group (with its members, when given) in one transaction."""
    code = valid_code(code)
    name_vi = required_text(name_vi, field="name_vi", message=_("Hãy nhập tên nhóm."))
    with transaction.atomic():
        if LibraryGroup.objects.filter(network=network, code__iexact=code).exists():
            raise NetworkError(
                NetworkErrorCode.DUPLICATE_CODE,
                _("Mạng lưới đã có nhóm mã “%(code)s”.") % {"code": code},
                field="code",
            )
        group = LibraryGroup.objects.create(
            network=network,
            code=code,
            name_vi=name_vi,
            name_en=clean(name_en),
            description=nfc(description),
        )
        audit_record(actor=actor, action="network.group.created", obj=group, network=network)
        if libraries is not None:
            group_set_libraries(group=group, libraries=libraries, actor=actor)
    return group


def group_update(
    *,
    group: LibraryGroup,
    actor: Any,
    name_vi: str = UNSET,
    name_en: str = UNSET,
    description: str = UNSET,
    libraries: Iterable[Library] | None = None,
) -> LibraryGroup:
    """Change a group's names, description and (when given) members in one transaction."""
    values: dict[str, Any] = {
        "name_vi": UNSET
        if name_vi is UNSET
        else required_text(name_vi, field="name_vi", message=_("Hãy nhập tên nhóm.")),
        "name_en": UNSET if name_en is UNSET else clean(name_en),
        "description": UNSET if description is UNSET else nfc(description),
    }
    with transaction.atomic():
        changes = apply_changes(group, values)
        if changes:
            group.save(update_fields=list(changes))
            audit_record(
                actor=actor,
                action="network.group.updated",
                obj=group,
                network=group.network,
                changes=changes,
            )
        if libraries is not None:
            group_set_libraries(group=group, libraries=libraries, actor=actor)
    return group


def group_set_libraries(
    *, group: LibraryGroup, libraries: Iterable[Library], actor: Any
) -> LibraryGroup:
    """Replace the members of ``group``; every one must belong to the group's network."""
    libraries = list(libraries)
    if any(lib.network_id != group.network_id for lib in libraries):
        raise NetworkError(
            NetworkErrorCode.LIBRARY_OTHER_NETWORK,
            _("Nhóm chỉ gồm các thư viện của cùng mạng lưới."),
            field="libraries",
        )
    with transaction.atomic():
        before = set(group.libraries.values_list("pk", flat=True))
        after = {lib.pk for lib in libraries}
        if before != after:
            # the libraries that joined or left: their records join or leave the group's set
            with library_sets_changing(before ^ after):
                group.libraries.set(libraries)
            audit_record(
                actor=actor,
                action="network.group.libraries_set",
                obj=group,
                network=group.network,
                changes={"libraries": [sorted(before), sorted(after)]},
            )
    return group
