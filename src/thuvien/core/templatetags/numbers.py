"""``{{ n|count }}`` (2.022 / 2,022) and ``{{ amount|money }}`` (20.000 đ / 20,000 đ): the one
way pages show counts and amounts (``core.numbers``)."""

from __future__ import annotations

from typing import Any

from django import template

from ..numbers import count_text, money_text

register = template.Library()


@register.filter
def count(value: Any) -> str:
    return count_text(value)


@register.filter
def money(value: Any) -> str:
    return money_text(value)


@register.filter
def amount(value: Any) -> str:
    """An amount without its unit, for a column headed "(đồng)": 68.000 / 68,000."""
    return money_text(value).removesuffix(" đ")
