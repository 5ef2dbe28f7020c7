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


@register.simple_tag
def fee_text(fee: Any) -> str:
    """``{% fee_text fee %}``: the fee's description in the page's language."""
    from thuvien.circulation.fee_text import fee_description

    return fee_description(fee)
