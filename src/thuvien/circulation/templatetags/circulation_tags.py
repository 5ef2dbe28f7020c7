"""``{{ amount|vnd }}``: money the Vietnamese way, dots between thousands (85.000)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    try:
        number = Decimal(str(value)).quantize(Decimal(1))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    return f"{number:,.0f}".replace(",", ".")
