"""Records and items for search tests, written straight to the tables.

The catalog helper's services fill these columns from MARC; search tests only need the
extracted columns, so the factories set them directly and put the record on the outbox the way
a catalog service does.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from django.db import transaction

from thuvien.catalog.models import Record
from thuvien.core.outbox import outbox_add, outbox_drain
from thuvien.core.scoping import scopes_disabled
from thuvien.core.text import clean, vi_sort_string
from thuvien.holdings.models import Item, ItemStatus

_barcodes = itertools.count(1)


# Valid MARC21 indicators for the fields these records carry (the record services check them).
_INDICATORS = {"245": ("0", "0"), "650": (" ", "4"), "100": ("1", " "), "700": ("1", " "),
               "856": ("4", "0")}  # fmt: skip


def _df(tag: str, **subfields: str) -> dict[str, Any]:
    subs = [{code: text} for code, text in subfields.items() if text]
    ind1, ind2 = _INDICATORS.get(tag, (" ", " "))
    return {tag: {"ind1": ind1, "ind2": ind2, "subfields": subs}}


def marc_for(title: str, values: dict[str, Any]) -> dict[str, Any]:
    """A small MARC-in-JSON record agreeing with the extracted columns (for the record page)."""
    fields: list[dict[str, Any]] = [{"001": f"T{next(_barcodes)}"}]
    fields += [_df("020", a=i) for i in values.get("isbns", [])]
    authors = values.get("authors") or []
    if authors:
        fields.append(_df("100", a=authors[0]))
    fields.append(_df("245", a=title))
    year = str(values.get("year") or "")
    fields.append(_df("260", a=values.get("place", ""), b=values.get("publisher", ""), c=year))
    fields += [_df("650", a=s) for s in values.get("subjects", [])]
    fields += [_df("700", a=a) for a in authors[1:]]
    fields += [
        _df("856", u=link["url"], y=link.get("text", "")) for link in values.get("links", [])
    ]
    return {"leader": "00000nam a2200000 a 4500", "fields": fields}


def make_record(network: Any, title: str, *, index: bool = False, **values: Any) -> Record:
    """A record with its extracted columns; ``index=True`` also drains the outbox."""
    title = clean(title)
    values.setdefault("authors", [])
    values.setdefault("language", "vie")
    record = Record.objects.create(
        network=network,
        marc=marc_for(title, values),
        title=title,
        title_sort=vi_sort_string(title),
        **values,
    )
    with transaction.atomic():
        outbox_add("catalog.record", record.pk)
    if index:
        outbox_drain()
    return record


def make_item(
    record: Record,
    library: Any,
    *,
    status: str = ItemStatus.AVAILABLE,
    call_number: str = "",
    acquired_on: date | None = None,
    location: Any = None,
) -> Item:
    with scopes_disabled():
        item = Item.objects.create(
            record=record,
            library=library,
            location=location,
            barcode=f"TV{next(_barcodes):08d}",
            status=status,
            call_number=call_number,
            acquired_on=acquired_on or date(2026, 1, 1),
        )
    with transaction.atomic():
        outbox_add("catalog.record", record.pk)
    return item
