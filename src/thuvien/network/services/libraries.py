"""Networks and libraries: create, update, deactivate, move in the tree, merge two networks.

Every move keeps history in ``LibraryPlacement`` (one open row per library) so that statistics
of past years can still say which network and parent a library belonged to then.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.text import clean, nfc

from ..errors import NetworkError, NetworkErrorCode
from ..models import (
    Library,
    LibraryPlacement,
    LibraryType,
    Network,
    default_visibility,
)
from ._common import UNSET, apply_changes, required_text, valid_code
from .sets import library_sets_changing

# --- networks -----------------------------------------------------------------------------


def network_create(
    *, code: str, name_vi: str, name_en: str = "", province: str = "", actor: Any
) -> Network:
    code = valid_code(code)
    name_vi = required_text(name_vi, field="name_vi", message=_("Hãy nhập tên mạng lưới."))
    with transaction.atomic():
        if Network.objects.filter(code__iexact=code).exists():
            raise NetworkError(
                NetworkErrorCode.DUPLICATE_CODE,
                _("Mã mạng lưới “%(code)s” đã được dùng.") % {"code": code},
                field="code",
            )
        network = Network.objects.create(
            code=code, name_vi=name_vi, name_en=clean(name_en), province=clean(province)
        )
        audit_record(actor=actor, action="network.network.created", obj=network, network=network)
    return network


def network_update(
    *,
    network: Network,
    actor: Any,
    name_vi: str = UNSET,
    name_en: str = UNSET,
    province: str = UNSET,
) -> Network:
    values: dict[str, Any] = {
        "name_vi": UNSET
        if name_vi is UNSET
        else required_text(name_vi, field="name_vi", message=_("Hãy nhập tên mạng lưới.")),
        "name_en": UNSET if name_en is UNSET else clean(name_en),
        "province": UNSET if province is UNSET else clean(province),
    }
    with transaction.atomic():
        changes = apply_changes(network, values)
        if changes:
            network.save(update_fields=list(changes))
            audit_record(
                actor=actor,
                action="network.network.updated",
                obj=network,
                network=network,
                changes=changes,
            )
    return network


# --- libraries ----------------------------------------------------------------------------


def _check_network_open(network: Network, *, field: str = "network") -> None:
    if not network.is_active or network.merged_into_id is not None:
        raise NetworkError(
            NetworkErrorCode.NETWORK_INACTIVE,
            _("Mạng lưới “%(name)s” đã ngừng hoạt động hoặc đã sáp nhập.")
            % {"name": network.name_vi},
            field=field,
        )


def _check_parent(parent: Library | None, network: Network) -> None:
    if parent is None:
        return
    if parent.network_id != network.pk:
        raise NetworkError(
            NetworkErrorCode.PARENT_OTHER_NETWORK,
            _("Đơn vị cấp trên phải thuộc cùng mạng lưới."),
            field="parent",
        )
    if not parent.is_active:
        raise NetworkError(
            NetworkErrorCode.PARENT_INACTIVE,
            _("Đơn vị cấp trên đã ngừng hoạt động."),
            field="parent",
        )


def _library_values(
    *,
    name_vi: Any,
    name_en: Any,
    library_type: Any,
    province: Any,
    commune: Any,
    address: Any,
    latitude: Any,
    longitude: Any,
    phone: Any,
    email: Any,
    website: Any,
    description: Any,
) -> dict[str, Any]:
    """Validate and normalise the descriptive fields of a library (UNSET passes through)."""
    values: dict[str, Any] = {}
    if name_vi is not UNSET:
        values["name_vi"] = required_text(
            name_vi, field="name_vi", message=_("Hãy nhập tên thư viện.")
        )
    if library_type is not UNSET:
        if library_type not in LibraryType.values:
            raise NetworkError(
                NetworkErrorCode.INVALID_TYPE,
                _("Hãy chọn một loại thư viện trong danh sách."),
                field="library_type",
            )
        values["library_type"] = library_type
    for name, value in (
        ("name_en", name_en),
        ("province", province),
        ("commune", commune),
        ("address", address),
        ("phone", phone),
    ):
        if value is not UNSET:
            values[name] = clean(value)
    if description is not UNSET:
        values["description"] = nfc(description)
    if email is not UNSET:
        email = (email or "").strip()
        if email:
            try:
                EmailValidator()(email)
            except ValidationError:
                raise NetworkError(
                    NetworkErrorCode.REQUIRED,
                    _("Địa chỉ thư điện tử không hợp lệ."),
                    field="email",
                ) from None
        values["email"] = email
    if website is not UNSET:
        website = (website or "").strip()
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                raise NetworkError(
                    NetworkErrorCode.REQUIRED,
                    _("Địa chỉ trang web không hợp lệ (bắt đầu bằng http:// hoặc https://)."),
                    field="website",
                ) from None
        values["website"] = website
    for name, value, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if value is UNSET:
            continue
        if value is None or value == "":
            values[name] = None
            continue
        try:
            number = Decimal(str(value)).quantize(Decimal("0.000001"))
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            raise NetworkError(
                NetworkErrorCode.REQUIRED,
                _("Tọa độ phải là số thập phân trong khoảng -%(limit)d đến %(limit)d.")
                % {"limit": limit},
                field=name,
            )
        values[name] = number
    return values


def _open_placement(
    library: Library, *, at: dt.datetime, reason: str, network: Network, parent: Library | None
) -> LibraryPlacement:
    return LibraryPlacement.objects.create(
        library=library, network=network, parent=parent, valid_from=at, reason=reason[:255]
    )


def library_create(
    *,
    network: Network,
    code: str,
    name_vi: str,
    library_type: str,
    actor: Any,
    parent: Library | None = None,
    name_en: str = "",
    province: str = "",
    commune: str = "",
    address: str = "",
    latitude: Decimal | float | str | None = None,
    longitude: Decimal | float | str | None = None,
    phone: str = "",
    email: str = "",
    website: str = "",
    description: str = "",
    effective_at: dt.datetime | None = None,
) -> Library:
    """A new library in ``network`` (under ``parent``), with its first placement."""
    code = valid_code(code)
    values = _library_values(
        name_vi=name_vi,
        name_en=name_en,
        library_type=library_type,
        province=province or network.province,
        commune=commune,
        address=address,
        latitude=latitude,
        longitude=longitude,
        phone=phone,
        email=email,
        website=website,
        description=description,
    )
    at = effective_at or timezone.now()
    with transaction.atomic():
        network = Network.objects.get(pk=network.pk)  # the caller's copy may be stale
        _check_network_open(network)
        _check_parent(parent, network)
        if Library.objects.filter(code__iexact=code).exists():
            raise NetworkError(
                NetworkErrorCode.DUPLICATE_CODE,
                _("Mã thư viện “%(code)s” đã được dùng.") % {"code": code},
                field="code",
            )
        # who sees its holdings starts from its type: armed-forces libraries start hidden
        values.setdefault("visibility", default_visibility(values["library_type"]))
        library = Library.objects.create(network=network, parent=parent, code=code, **values)
        _open_placement(library, at=at, reason="created", network=network, parent=parent)
        audit_record(
            actor=actor,
            action="network.library.created",
            obj=library,
            changes={"parent": [None, parent], "network": [None, network]},
        )
    return library


def library_update(
    *,
    library: Library,
    actor: Any,
    name_vi: str = UNSET,
    name_en: str = UNSET,
    library_type: str = UNSET,
    province: str = UNSET,
    commune: str = UNSET,
    address: str = UNSET,
    latitude: Any = UNSET,
    longitude: Any = UNSET,
    phone: str = UNSET,
    email: str = UNSET,
    website: str = UNSET,
    description: str = UNSET,
) -> Library:
    """Change a library's details. Its place in the tree changes only through ``library_move``."""
    values = _library_values(
        name_vi=name_vi,
        name_en=name_en,
        library_type=library_type,
        province=province,
        commune=commune,
        address=address,
        latitude=latitude,
        longitude=longitude,
        phone=phone,
        email=email,
        website=website,
        description=description,
    )
    with transaction.atomic():
        changes = apply_changes(library, values)
        if changes:
            # another type: its records leave ``type:<old>`` (and join ``type:<new>``)
            with library_sets_changing([library.pk] if "library_type" in changes else []):
                library.save(update_fields=[*changes, "updated_at"])
            audit_record(
                actor=actor, action="network.library.updated", obj=library, changes=changes
            )
    return library


def library_deactivate(*, library: Library, actor: Any) -> Library:
    """Close a library. Its branches must be closed or moved first, so none is left orphaned."""
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        if not library.is_active:
            raise NetworkError(
                NetworkErrorCode.ALREADY_INACTIVE, _("Thư viện này đã ngừng hoạt động.")
            )
        if library.children.filter(is_active=True).exists():
            raise NetworkError(
                NetworkErrorCode.HAS_ACTIVE_CHILDREN,
                _(
                    "Thư viện còn đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc ngừng "
                    "hoạt động các đơn vị đó trước."
                ),
            )
        library.is_active = False
        library.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="network.library.deactivated",
            obj=library,
            changes={"is_active": [True, False]},
        )
    return library


def library_reactivate(*, library: Library, actor: Any) -> Library:
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        if library.is_active:
            return library
        _check_network_open(library.network)
        if library.parent is not None and not library.parent.is_active:
            raise NetworkError(
                NetworkErrorCode.PARENT_INACTIVE,
                _("Đơn vị cấp trên đã ngừng hoạt động; hãy chuyển thư viện sang đơn vị khác."),
            )
        library.is_active = True
        library.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="network.library.reactivated",
            obj=library,
            changes={"is_active": [False, True]},
        )
    return library
