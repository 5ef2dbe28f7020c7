"""Builders of MARC records for tests (real MARC-in-JSON, Vietnamese text)."""

from __future__ import annotations

from typing import Any

from thuvien.catalog.marc.mij import build


def vi_marc(
    title: str = "Lịch sử Việt Nam",
    author: str = "Trần Trọng Kim",
    isbn: str | None = "9786041234567",
    year: int = 2020,
    publisher: str = "Văn học",
    ddc: str = "959.7",
    extra: list[tuple] | None = None,
    control: str | None = None,
) -> dict[str, Any]:
    fields: list[tuple] = []
    if control:
        fields += [("001", control), ("003", "VN-HY")]
    fields.append(("008", f"200101s{year}    vm            000 0 vie d"))
    if isbn:
        fields.append(("020", " ", " ", [("a", isbn)]))
    fields += [
        ("082", "0", "4", [("a", ddc), ("2", "23")]),
        ("100", "0", " ", [("a", author)]),
        ("245", "1", "0", [("a", f"{title} /"), ("c", author)]),
        ("264", " ", "1", [("a", "Hà Nội :"), ("b", f"{publisher},"), ("c", str(year))]),
        ("300", " ", " ", [("a", "250 tr. ;"), ("c", "21 cm")]),
        ("650", " ", "7", [("a", "Lịch sử"), ("z", "Việt Nam")]),
    ]
    fields += extra or []
    return build("00000nam a2200000 i 4500", fields)
