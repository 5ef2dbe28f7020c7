"""``{{ amount|vnd }}``: an amount with its thousands grouped as the page's language groups
them (85.000 in Vietnamese, 85,000 in English; ``core.numbers``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from thuvien.core.numbers import money_text

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    try:
        Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    return money_text(value).removesuffix(" đ")


@register.simple_tag
def fee_text(fee: Any) -> str:
    """``{% fee_text fee %}``: the fee's description in the page's language."""
    from thuvien.circulation.fee_text import fee_description

    return fee_description(fee)
