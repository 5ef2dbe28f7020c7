"""Stored values of registered settings, at library or network level."""

from __future__ import annotations

from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record

from ..errors import NetworkError, NetworkErrorCode
from ..models import Library, Network, SettingValue
from ..settings_registry import SettingDef, SettingInvalid, setting_definitions


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
    if library is not None:
        return library.network, library
    return cast(Network, network), None  # one of the two, checked above


def setting_coerce(definition: SettingDef, value: Any) -> Any:
    """``value`` in the declared type and range, or a NetworkError on the setting's field that
    says what is expected (the registry's declaration decides: type, range, items, JSON)."""
    try:
        return definition.coerce(value)
    except SettingInvalid as exc:
        raise NetworkError(
            NetworkErrorCode.INVALID_SETTING_VALUE, exc.message, field=definition.key
        ) from None
    except (TypeError, ValueError):
        raise NetworkError(
            NetworkErrorCode.INVALID_SETTING_VALUE,
            _("Giá trị của “%(label)s” không hợp lệ.") % {"label": definition.label},
            field=definition.key,
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


def settings_save(
    *,
    values: dict[str, Any],
    actor: Any,
    library: Library | None = None,
    network: Network | None = None,
) -> None:
    """Write a whole settings form at once: an empty value clears the stored one (the level
    above applies again), any other is stored. All or nothing: every value is checked first and
    a bad one raises ``settings_invalid`` with ``params["errors"]`` (key -> message) before
    anything is written; a refusal while writing rolls every write back."""
    errors: dict[str, str] = {}
    for key, raw in values.items():
        if raw in ("", None):
            continue
        try:
            setting_coerce(_definition(key), raw)
        except NetworkError as exc:
            errors[key] = exc.message
    if errors:
        raise NetworkError(
            NetworkErrorCode.SETTINGS_INVALID,
            _("Một số thiết lập chưa hợp lệ; chưa thiết lập nào được lưu."),
            errors=errors,
        )
    with transaction.atomic():
        for key, raw in values.items():
            if raw in ("", None):
                setting_clear(key=key, library=library, network=network, actor=actor)
            else:
                setting_set(key=key, value=raw, library=library, network=network, actor=actor)
