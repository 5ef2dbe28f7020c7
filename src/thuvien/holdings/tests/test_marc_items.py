from __future__ import annotations

import datetime as dt
from decimal import Decimal

from thuvien.catalog.marc.mij import build
from thuvien.holdings.marc_items import items_from_marc, parse_date, parse_price


def test_852_and_952_become_item_specs():
    marc = build(
        "00000nam a2200000 i 4500",
        [
            ("245", "1", "0", [("a", "Truyện Kiều")]),
            ("852", " ", " ", [("b", "kho"), ("h", "895.9221"), ("i", "D500K"), ("p", "hy9")]),
            ("952", " ", " ", [("p", "HY10"), ("y", "REF"), ("g", "120,000 VND"),
                               ("d", "15/03/2024"), ("z", "Bản đẹp")]),
            ("952", " ", " ", [("o", "no barcode")]),
        ],
    )  # fmt: skip
    first, second = items_from_marc(marc)
    assert (first.barcode, first.location_code, first.call_number) == (
        "HY9",
        "kho",
        "895.9221 D500K",
    )
    assert (second.item_type, second.price, second.acquired_on) == (
        "reference",
        Decimal(120000),
        dt.date(2024, 3, 15),
    )
    assert second.notes == "Bản đẹp"
    assert parse_price("không rõ") is None and parse_date("2024") is None
