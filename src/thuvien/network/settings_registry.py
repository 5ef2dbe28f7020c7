"""One registry of per-library settings, resolved library → parent → network → default.

Each key is declared once (``register_setting``) with its type, default and label, usually at
import time of the app that owns it (e.g. ``circulation.settings``). ``setting_get`` is the one
function every caller uses to read a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class SettingDef:
    key: str
    type: type
    default: Any
    label: str | Promise
    help_text: str | Promise = ""
    choices: tuple[tuple[Any, Any], ...] | None = None

    def coerce(self, raw: Any) -> Any:
        """Turn a stored or submitted value into the declared type, or raise ValueError."""
        if raw is None:
            raise ValueError("empty")
        if self.type is bool:
            if isinstance(raw, bool):
                value: Any = raw
            elif str(raw).lower() in {"1", "true", "yes", "on", "có"}:
                value = True
            elif str(raw).lower() in {"0", "false", "no", "off", "không", ""}:
                value = False
            else:
                raise ValueError(str(raw))
        else:
            value = self.type(raw)
        if self.choices is not None and value not in {c for c, _ in self.choices}:
            raise ValueError(str(raw))
        return value


_REGISTRY: dict[str, SettingDef] = {}


def register_setting(
    key: str,
    *,
    type: type,  # noqa: A002 - reads like the declaration it is
    default: Any,
    label: str | Promise,
    help_text: str | Promise = "",
    choices: tuple[tuple[Any, Any], ...] | None = None,
) -> SettingDef:
    existing = _REGISTRY.get(key)
    definition = SettingDef(key, type, default, label, help_text, choices)
    if existing is not None and existing != definition:
        raise ValueError(f"setting {key!r} is declared twice with different definitions")
    _REGISTRY[key] = definition
    return definition


def setting_definitions() -> dict[str, SettingDef]:
    return dict(sorted(_REGISTRY.items()))


def setting_definition(key: str) -> SettingDef:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}; declare it with register_setting") from None


def setting_get(key: str, *, library: Any | None = None, network: Any | None = None) -> Any:
    """The value of ``key`` for ``library`` (or for ``network`` alone), with fallback.

    Order: the library itself, then each parent up the tree, then the network, then the default.
    """
    from .models import SettingValue

    definition = setting_definition(key)
    chain: list[int] = []
    node = library
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node.pk)
        node = node.parent
    if network is None and library is not None:
        network = library.network
    if network is None:
        return definition.default
    rows = {
        lib_id: value
        for lib_id, value in SettingValue.objects.filter(network=network, key=key)
        .filter(library__isnull=True)
        .values_list("library_id", "value")
    }
    if chain:
        rows.update(
            SettingValue.objects.filter(key=key, library_id__in=chain).values_list(
                "library_id", "value"
            )
        )
    for lib_id in [*chain, None]:
        if lib_id in rows:
            try:
                return definition.coerce(rows[lib_id])
            except (TypeError, ValueError):
                continue  # a stale stored value of an old type falls through to the next level
    return definition.default
