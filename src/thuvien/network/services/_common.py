"""Small helpers shared by the network services: validation of codes and required text."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from thuvien.core.text import clean

from ..errors import NetworkError, NetworkErrorCode


class _Unset:
    """Marks an argument the caller did not pass (so '' and None can still be set)."""

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def valid_code(code: str, *, field: str = "code", max_length: int = 32) -> str:
    """A code is letters, digits, '-' and '_' (it appears in web addresses)."""
    code = (code or "").strip()
    if not code:
        raise NetworkError(NetworkErrorCode.REQUIRED, _("Hãy nhập mã."), field=field)
    if len(code) > max_length or not _CODE_RE.match(code):
        raise NetworkError(
            NetworkErrorCode.INVALID_CODE,
            _(
                "Mã chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới "
                "(tối đa %(max)d ký tự)."
            )
            % {"max": max_length},
            field=field,
        )
    return code


def required_text(value: str | None, *, field: str, message: str) -> str:
    text = clean(value)
    if not text:
        raise NetworkError(NetworkErrorCode.REQUIRED, message, field=field)
    return text


def apply_changes(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the passed (not UNSET) values on ``obj``; return ``{field: [old, new]}``."""
    changes: dict[str, list[Any]] = {}
    for name, new in values.items():
        if new is UNSET:
            continue
        old = getattr(obj, name)
        if old != new:
            changes[name] = [old, new]
            setattr(obj, name, new)
    return changes
