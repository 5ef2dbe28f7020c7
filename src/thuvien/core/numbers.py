"""Numbers as people read them: thousands grouped the way the page's language groups them
(Vietnamese 20.000, English 20,000), money with its unit (20.000 đ / 20,000 đ).

Django's own grouping (``USE_THOUSAND_SEPARATOR``) would also group every year, id and code a
template prints (2.026, /record/1.234/), and its Vietnamese locale does not group at all, so
pages, PDFs and spreadsheets call these instead: ``{{ n|count }}``, ``{{ amount|money }}``
(``core.templatetags.numbers``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language


def _separator() -> str:
    return "," if (get_language() or "vi").startswith("en") else "."


def count_text(value: Any) -> str:
    """A whole number with its thousands grouped: "2.022" (vi), "2,022" (en); anything that
    is not a number is returned as it is, so a template never shows "None" for "—"."""
    if value is None or value == "" or isinstance(value, bool):
        return "—" if value is None or value == "" else str(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    whole = number.quantize(Decimal(1))
    decimal_mark = "." if _separator() == "," else ","
    if whole != number:  # a fraction (a percentage): one or two places, the language's mark
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\x00").replace(".", decimal_mark).replace("\x00", _separator())
    return f"{whole:,.0f}".replace(",", _separator())


def money_text(value: Any) -> str:
    """An amount of đồng: "20.000 đ" (vi), "20,000 đ" (en); "" for no amount."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value).strip()).quantize(Decimal(1))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number:,.0f}".replace(",", _separator()) + " đ"
