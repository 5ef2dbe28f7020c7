"""Reading copies from holdings fields of an imported record: Koha-style 952 or MARC 852.

952 (Koha): $a home library, $c shelving location, $o call number, $p barcode, $y item type,
$g/$v price, $d date acquired, $e source, $z public note, $x internal note.
852 (MARC holdings): $b sublocation, $c shelving location, $h $i call number, $p barcode,
$9 price (local), $x internal note, $z public note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .models import ItemType

_KOHA_TYPES = {
    "bk": ItemType.BOOK,
    "book": ItemType.BOOK,
    "sach": ItemType.BOOK,
    "ref": ItemType.REFERENCE,
    "tc": ItemType.REFERENCE,
    "ser": ItemType.SERIAL,
    "cr": ItemType.SERIAL,
    "bao": ItemType.SERIAL,
    "th": ItemType.THESIS,
    "la": ItemType.THESIS,
    "map": ItemType.MAP,
    "mp": ItemType.MAP,
    "av": ItemType.AUDIOVISUAL,
    "cd": ItemType.AUDIOVISUAL,
    "dvd": ItemType.AUDIOVISUAL,
    "tn": ItemType.CHILDREN,
    "jf": ItemType.CHILDREN,
    "sgk": ItemType.TEXTBOOK,
    "dc": ItemType.LOCAL_HISTORY,
    "rare": ItemType.RARE,
}
_NUMBER = re.compile(r"\d[\d.,]*")


@dataclass(slots=True)
class ItemSpec:
    barcode: str
    location_code: str = ""
    call_number: str = ""
    item_type: str = ItemType.BOOK
    price: Decimal | None = None
    acquired_on: dt.date | None = None
    acquisition_source: str = ""
    notes: str = ""
    library_code: str = ""


def _subs(value: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sub in value.get("subfields", ()):
        for code, text in sub.items():
            out.setdefault(code, text.strip())
    return out


def parse_price(text: str) -> Decimal | None:
    """ "85.000đ", "85000 VND", "120,000" -> Decimal (đồng have no decimals)."""
    match = _NUMBER.search(text or "")
    if not match:
        return None
    digits = match.group(0).replace(",", "").replace(".", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value if value < Decimal("1e12") else None


def parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    return None


def item_type_of(code: str) -> str:
    code = (code or "").strip().lower()
    if code in ItemType.values:
        return code
    return _KOHA_TYPES.get(code, ItemType.BOOK)


def items_from_marc(marc: dict[str, Any]) -> list[ItemSpec]:
    """The copies described in 952 or 852 fields (fields without a barcode are left out)."""
    specs: list[ItemSpec] = []
    for field in marc.get("fields", ()):
        for tag, value in field.items():
            if tag == "952" and isinstance(value, dict):
                s = _subs(value)
                if not s.get("p"):
                    continue
                specs.append(
                    ItemSpec(
                        barcode=s["p"].upper()[:50],
                        location_code=s.get("c", ""),
                        call_number=s.get("o", "")[:100],
                        item_type=item_type_of(s.get("y", "")),
                        price=parse_price(s.get("g") or s.get("v", "")),
                        acquired_on=parse_date(s.get("d", "")),
                        acquisition_source=s.get("e", "")[:255],
                        notes=" ".join(x for x in (s.get("z", ""), s.get("x", "")) if x),
                        library_code=s.get("a", ""),
                    )
                )
            elif tag == "852" and isinstance(value, dict):
                s = _subs(value)
                if not s.get("p"):
                    continue
                call = " ".join(x for x in (s.get("h", ""), s.get("i", "")) if x)
                specs.append(
                    ItemSpec(
                        barcode=s["p"].upper()[:50],
                        location_code=s.get("c") or s.get("b", ""),
                        call_number=call[:100],
                        price=parse_price(s.get("9", "")),
                        notes=" ".join(x for x in (s.get("z", ""), s.get("x", "")) if x),
                    )
                )
    return specs
