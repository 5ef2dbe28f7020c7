"""One registry of per-library settings, resolved library → parent → network → default.

Each key is declared once (``register_setting``) with its type, default, label and the values it
accepts (range, list items, JSON shape: ``SettingDef``), usually at
import time of the app that owns it (e.g. ``circulation.settings``). ``setting_get`` is the one
function every caller uses to read a value.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext


class SettingInvalid(ValueError):
    """A value that does not fit its declaration; ``message`` says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_INT = re.compile(r"^[+-]?\d+$")
# Thousands written the Vietnamese way (50.000) or with spaces (50 000); never a decimal point.
_INT_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[. \u00a0]\d{3})+$")
_INT_DIGITS_MAX = 18  # far past any range declared; keeps int() away from 4,000-digit strings


@dataclass(frozen=True)
class SettingDef:
    """A setting's declaration: its type, default, label, and what values it accepts.

    ``type`` is bool, int, float, str or list. An int may declare ``min_value``/``max_value``;
    a str ``max_length``; a list either ``item_type=int`` (typed as ``3, 7``, each item within
    ``min_value``/``max_value``, at most ``max_items``, no repeats, kept sorted) or
    ``item_type=dict`` (typed as JSON, checked item by item with ``validate``). ``validate``
    receives the coerced value and raises ``SettingInvalid`` with a message for a person.
    """

    key: str
    type: type
    default: Any
    label: str | Promise
    help_text: str | Promise = ""
    choices: tuple[tuple[Any, Any], ...] | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    max_length: int = 200
    item_type: type | None = None
    max_items: int = 50
    validate: Callable[[Any], None] | None = None

    # --- reading a value -------------------------------------------------------------------

    def coerce(self, raw: Any) -> Any:
        """Turn a stored or submitted value into the declared type, or raise SettingInvalid."""
        if raw is None:
            raise SettingInvalid(self._type_message())
        if self.type is bool:
            value: Any = self._bool(raw)
        elif self.type is int:
            value = self._int(raw)
        elif self.type is float:
            value = self._float(raw)
        elif self.type is list:
            value = self._list(raw)
        elif self.type is str:
            value = self._str(raw)
        else:
            value = self.type(raw)
        if self.choices is not None and value not in {c for c, _ in self.choices}:
            raise SettingInvalid(
                gettext("Giá trị của “%(label)s” phải là một trong: %(choices)s.")
                % {
                    "label": self.label,
                    "choices": ", ".join(str(label) for _v, label in self.choices),
                }
            )
        if self.validate is not None:
            self.validate(value)
        return value

    parse = coerce

    def read(self, stored: Any) -> Any:
        """A stored value for use, as ``coerce`` but forgiving inside a JSON list: entries that
        are not objects are dropped and ``validate`` is not run (its reader skips a bad entry,
        e.g. copycat.targets_for), so one broken entry stored before the checks existed does not
        hide the good ones. A list with no object at all is refused (the level above applies)."""
        if self.is_json and isinstance(stored, list):
            entries = [v for v in stored if isinstance(v, dict)]
            if stored and not entries:
                raise SettingInvalid(self._type_message())
            return entries[: self.max_items]
        return self.coerce(stored)

    def format(self, value: Any) -> str:
        """``value`` written in the syntax the settings form asks for (``parse`` reads it back)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if self.type is list and self.item_type is dict:
            return json.dumps(value, ensure_ascii=False, indent=2)
        if self.type is list and isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    @property
    def is_json(self) -> bool:
        return self.type is list and self.item_type is dict

    # --- one function per type ---------------------------------------------------------------

    def _type_message(self) -> str:
        names = {
            int: gettext("số nguyên"),
            float: gettext("số thập phân"),
            bool: gettext("có hoặc không"),
            str: gettext("chuỗi ký tự"),
        }
        if self.type is list:
            what = (
                gettext("một danh sách JSON")
                if self.item_type is dict
                else gettext("các số nguyên cách nhau bởi dấu phẩy, ví dụ 3, 7")
            )
        else:
            what = names.get(self.type, self.type.__name__)
        return gettext("Giá trị của “%(label)s” phải là %(type)s.") % {
            "label": self.label,
            "type": what,
        }

    def _range_message(self) -> str:
        return gettext("Giá trị của “%(label)s” phải từ %(min)s đến %(max)s.") % {
            "label": self.label,
            "min": _number(self.min_value),
            "max": _number(self.max_value),
        }

    def _in_range(self, value: int | float) -> bool:
        return (self.min_value is None or value >= self.min_value) and (
            self.max_value is None or value <= self.max_value
        )

    def _bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on", "có"}:
            return True
        if text in {"0", "false", "no", "off", "không"}:
            return False
        raise SettingInvalid(self._type_message())

    def _whole(self, raw: Any) -> int:
        """An int from an int or from text; bools, fractions and exponents are refused."""
        if isinstance(raw, bool):
            raise SettingInvalid(self._type_message())
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float):
            if raw.is_integer():
                return int(raw)
            raise SettingInvalid(self._type_message())
        text = str(raw).strip()
        if _INT_GROUPED.match(text):
            text = re.sub(r"[. \u00a0]", "", text)
        if not text.isascii() or not _INT.match(text):
            raise SettingInvalid(self._type_message())
        if len(text.lstrip("+-")) > _INT_DIGITS_MAX:
            raise SettingInvalid(self._range_message())
        return int(text)

    def _int(self, raw: Any) -> int:
        value = self._whole(raw)
        if not self._in_range(value):
            raise SettingInvalid(self._range_message())
        return value

    def _float(self, raw: Any) -> float:
        if isinstance(raw, bool):
            raise SettingInvalid(self._type_message())
        try:
            text = raw.strip().replace(",", ".") if isinstance(raw, str) else raw
            value = float(text)
        except (TypeError, ValueError):
            raise SettingInvalid(self._type_message()) from None
        if not math.isfinite(value) or not self._in_range(value):
            raise SettingInvalid(self._range_message())
        return value

    def _str(self, raw: Any) -> str:
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            raise SettingInvalid(self._type_message())
        value = unicodedata.normalize("NFC", str(raw).strip())
        if len(value) > self.max_length:
            raise SettingInvalid(
                gettext("“%(label)s” dài tối đa %(n)s ký tự.")
                % {"label": self.label, "n": self.max_length}
            )
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise SettingInvalid(
                gettext("“%(label)s” chứa ký tự điều khiển.") % {"label": self.label}
            )
        return value

    def _list(self, raw: Any) -> list[Any]:
        if self.item_type is dict:
            return self._json_list(raw)
        if isinstance(raw, str):
            parts = [p.strip() for p in re.split(r"[,;]", raw)]
            if parts == [""]:
                parts = []
        elif isinstance(raw, list | tuple):
            parts = list(raw)
        else:
            raise SettingInvalid(self._type_message())
        parts = [p for p in parts if p != ""]
        numbers: list[int] = []
        for part in parts:  # every word that is not a number is named before any range check
            try:
                numbers.append(self._whole(part))
            except SettingInvalid:
                raise SettingInvalid(
                    gettext("“%(label)s”: “%(item)s” không phải là số nguyên.")
                    % {"label": self.label, "item": str(part)[:40]}
                ) from None
        values: list[int] = []
        for number in numbers:
            if not self._in_range(number):
                raise SettingInvalid(
                    gettext("“%(label)s”: mỗi giá trị phải từ %(min)s đến %(max)s.")
                    % {
                        "label": self.label,
                        "min": _number(self.min_value),
                        "max": _number(self.max_value),
                    }
                )
            if number in values:
                raise SettingInvalid(
                    gettext("“%(label)s”: %(item)s được ghi hai lần.")
                    % {"label": self.label, "item": number}
                )
            values.append(number)
        if len(values) > self.max_items:
            raise SettingInvalid(
                gettext("“%(label)s” có nhiều nhất %(n)s giá trị.")
                % {"label": self.label, "n": self.max_items}
            )
        return sorted(values)

    def _json_list(self, raw: Any) -> list[Any]:
        value = raw
        if isinstance(raw, str):
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise SettingInvalid(
                    gettext(
                        "“%(label)s” không phải JSON hợp lệ (lỗi ở dòng %(line)s, cột %(col)s). "
                        'JSON dùng dấu nháy kép: [{"code": "loc", ...}].'
                    )
                    % {"label": self.label, "line": exc.lineno, "col": exc.colno}
                ) from None
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise SettingInvalid(
                gettext("“%(label)s” phải là một danh sách JSON các đối tượng: [{...}, {...}].")
                % {"label": self.label}
            )
        if len(value) > self.max_items:
            raise SettingInvalid(
                gettext("“%(label)s” có nhiều nhất %(n)s giá trị.")
                % {"label": self.label, "n": self.max_items}
            )
        return value


def _number(value: int | float | None) -> str:
    if value is None:
        return "…"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


_REGISTRY: dict[str, SettingDef] = {}


def register_setting(
    key: str,
    *,
    type: type,  # noqa: A002 - reads like the declaration it is
    default: Any,
    label: str | Promise,
    help_text: str | Promise = "",
    choices: tuple[tuple[Any, Any], ...] | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    max_length: int = 200,
    item_type: type | None = None,
    max_items: int = 50,
    validate: Callable[[Any], None] | None = None,
) -> SettingDef:
    existing = _REGISTRY.get(key)
    definition = SettingDef(
        key, type, default, label, help_text, choices, min_value, max_value, max_length,
        item_type, max_items, validate,
    )
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


def setting_label_for_audit(key: str) -> str:
    """The label of the setting ``key`` for the audit log, or "" when no setting has it
    (registered on ``core.audit_actions.audit_field_labellers`` by the network app)."""
    definition = _REGISTRY.get(key)
    return str(definition.label) if definition is not None else ""


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
                return definition.read(rows[lib_id])
            except (TypeError, ValueError):
                # A stored value that no longer fits (an old type, a range declared later, a
                # negative fee stored before the checks) falls through to the next level.
                continue
    return definition.default
