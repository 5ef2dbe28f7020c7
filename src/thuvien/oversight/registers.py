"""The two asset books a library keeps (Circular 18/2014/TT-BVHTTDL art. 5), derived from its
copies and never edited apart from them:

- the individual register (sổ đăng ký cá biệt): one line per copy — registration number (the
  barcode), date, title, author, call number, price, source, and its withdrawal;
- the general register (sổ đăng ký tổng quát): one line per acquisition batch (a day and a
  source) — number of copies, their value, and how many of each kind.

Both read the copies as they are now; a withdrawn copy stays in the books with its date, as
the circular wants (Circular 02/2020 art. 28: weeded copies are marked, not erased).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from thuvien.catalog.titles import shown_title
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item, ItemStatus, ItemType
from thuvien.network.models import Library

from .weeding import weeded_notes

GONE = (ItemStatus.WITHDRAWN, ItemStatus.LOST)


@dataclass(frozen=True)
class RegisterLine:
    number: str
    acquired_on: dt.date | None
    title: str
    author: str
    call_number: str
    price: Decimal | None
    source: str
    # "Đã thanh lý 12/03/2026", "Đã thanh lọc theo Quyết định số … ngày …" or ""
    gone: str


@dataclass
class Batch:
    acquired_on: dt.date | None
    source: str
    copies: int = 0
    value: Decimal = Decimal(0)
    kinds: Counter[str] = field(default_factory=Counter)


def _items(library: Library, year: int | None):
    with scopes_disabled():
        items = Item.objects.filter(library=library).select_related("record")
        if year is not None:
            items = items.filter(
                Q(acquired_on__year=year)
                | Q(acquired_on__isnull=True, created_at__year=year)
            )
        return items.order_by("acquired_on", "barcode")


def individual_register(*, library: Library, year: int | None = None) -> list[RegisterLine]:
    weeded = weeded_notes(library=library)
    lines = []
    for item in _items(library, year).iterator(chunk_size=2000):
        gone = ""
        if item.status == ItemStatus.WITHDRAWN and item.pk in weeded:
            gone = weeded[item.pk]
        elif item.status in GONE:
            when = item.status_changed_at.strftime("%d/%m/%Y") if item.status_changed_at else ""
            gone = f"{ItemStatus(item.status).label} {when}".strip()
        authors = item.record.authors or []
        lines.append(
            RegisterLine(
                number=item.barcode,
                acquired_on=item.acquired_on,
                title=shown_title(item.record.title),
                author=str(authors[0]) if authors else item.record.responsibility,
                call_number=item.call_number,
                price=item.price,
                source=item.acquisition_source,
                gone=gone,
            )
        )
    return lines


def general_register(*, library: Library, year: int | None = None) -> list[Batch]:
    batches: dict[tuple[dt.date | None, str], Batch] = {}
    for acquired_on, source, price, kind in _items(library, year).values_list(
        "acquired_on", "acquisition_source", "price", "item_type"
    ):
        batch = batches.setdefault((acquired_on, source), Batch(acquired_on, source))
        batch.copies += 1
        batch.value += price or 0
        batch.kinds[kind] += 1
    return list(batches.values())


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def individual_csv(lines: list[RegisterLine]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Số đăng ký cá biệt"), _("Ngày vào sổ"), _("Nhan đề"), _("Tác giả"),
                     _("Ký hiệu xếp giá"), _("Giá (đồng)"), _("Nguồn bổ sung"),
                     _("Xuất khỏi kho")])  # fmt: skip
    for line in lines:
        writer.writerow([line.number, _day(line.acquired_on), line.title, line.author,
                         line.call_number, line.price if line.price is not None else "",
                         line.source, line.gone])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def general_csv(batches: list[Batch]) -> bytes:
    kinds = list(ItemType)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Ngày vào sổ"), _("Nguồn bổ sung"), _("Số bản"), _("Tổng giá (đồng)"),
                     *[str(kind.label) for kind in kinds]])  # fmt: skip
    for b in batches:
        writer.writerow([_day(b.acquired_on), b.source, b.copies, b.value,
                         *[b.kinds.get(kind.value, 0) for kind in kinds]])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")
