"""Stored values of registered settings, at library or network level."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.core.audit import audit_record

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, Network, SettingValue
from ..settings_registry import SettingDef, setting_definitions

_TYPE_NAMES = {
    int: gettext_lazy("số nguyên"),
    float: gettext_lazy("số thập phân"),
    bool: gettext_lazy("có/không"),
    str: gettext_lazy("chuỗi ký tự"),
}


def _definition(key: str) -> SettingDef:
    definition = setting_definitions().get(key)
    if definition is None:
        raise NetworkError(
            NetworkErrorCode.UNKNOWN_SETTING,
            _("Không có thiết lập “%(key)s”.") % {"key": key},
            field=key,
        )
    return definition


def _target(library: Library | None, network: Network | None) -> tuple[Network, Library | None]:
    if (library is None) == (network is None):
        raise NetworkError(
            NetworkErrorCode.SETTING_TARGET,
            _("Một thiết lập thuộc về một thư viện hoặc cả mạng lưới, không phải cả hai."),
        )
    return (library.network if library is not None else network), library


def setting_coerce(definition: SettingDef, value: Any) -> Any:
    """``value`` in the declared type, or a NetworkError naming the expected type."""
    try:
        if definition.type in (int, float) and isinstance(value, str):
            value = value.strip().replace(",", ".") if definition.type is float else value.strip()
        if definition.type is int and isinstance(value, float) and not value.is_integer():
            raise ValueError(value)
        if definition.type is int and isinstance(value, bool):
            raise ValueError(value)
        return definition.coerce(value)
    except (TypeError, ValueError):
        if definition.choices is not None:
            message = _("Giá trị của “%(label)s” phải là một trong: %(choices)s.") % {
                "label": definition.label,
                "choices": ", ".join(str(label) for _v, label in definition.choices),
            }
        else:
            message = _("Giá trị của “%(label)s” phải là %(type)s.") % {
                "label": definition.label,
                "type": _TYPE_NAMES.get(definition.type, definition.type.__name__),
            }
        raise NetworkError(
            NetworkErrorCode.INVALID_SETTING_VALUE, message, field=definition.key
        ) from None


def setting_set(
    *,
    key: str,
    value: Any,
    actor: Any,
    library: Library | None = None,
    network: Network | None = None,
) -> SettingValue:
    """Store ``value`` for ``key`` at library or network level, checked against the registry."""
    definition = _definition(key)
    network, library = _target(library, network)
    coerced = setting_coerce(definition, value)
    with transaction.atomic():
        row = SettingValue.objects.filter(key=key, network=network, library=library).first()
        old = row.value if row is not None else None
        if row is None:
            row = SettingValue.objects.create(
                key=key, network=network, library=library, value=coerced
            )
        elif row.value != coerced:
            row.value = coerced
            row.save(update_fields=["value", "updated_at"])
        if old != coerced:
            audit_record(
                actor=actor,
                action="network.setting.set",
                obj=row,
                library=library,
                network=network,
                changes={key: [old, coerced]},
            )
    return row


def setting_clear(
    *, key: str, actor: Any, library: Library | None = None, network: Network | None = None
) -> None:
    """Remove a stored value so the level above (or the default) applies again."""
    _definition(key)
    network, library = _target(library, network)
    with transaction.atomic():
        row = SettingValue.objects.filter(key=key, network=network, library=library).first()
        if row is None:
            return
        audit_record(
            actor=actor,
            action="network.setting.cleared",
            obj=row,
            library=library,
            network=network,
            changes={key: [row.value, None]},
        )
        row.delete()
