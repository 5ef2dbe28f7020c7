"""Digitisation figures of a library and of a network, counted from the digital library's own
tables (``thuvien.digital``), and their shares against Decision 206/QĐ-TTg.

What is counted, per library (the state at the end of a day or period):
- digitised objects: its digital objects whose ingest is complete (an ingest still running is
  not yet a document), created by then; pages: their pages; published: those published;
- titles digitised: titles (records) it holds in stock that have a published, complete digital
  object in the digital library (any library of the network may have digitised it: the
  programme builds one central digital library); share of the collection digitised = titles
  digitised ÷ titles held;
- special-value titles: titles held whose material type is local history (địa chí, MARC 940
  "Địa chí") or Hán Nôm / manuscript — the "tài liệu cổ, quý hiếm, tài liệu có giá trị đặc
  biệt" the programme asks the provincial library to digitise (Decision 206: 70% by 2025,
  100% by 2030);
- endogenous titles (tài liệu nội sinh): titles held catalogued as theses or dissertations, the
  works a university, specialised or armed-forces library's own institution produces
  (Decision 206: 50% by 2025, 70% by 2030);
- use in a period: views, downloads, paid uses (a reader paid to open an object) and remote
  copy requests of its digital objects (``digital.UsageCount``, kept per
  month, so a period counts the months it covers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum

from thuvien.catalog.models import MaterialType
from thuvien.core.scoping import scopes_disabled
from thuvien.digital.models import DigitalObject, Page, UsageCount
from thuvien.network.models import LibraryType

SPECIAL_TYPES = (MaterialType.LOCAL_HISTORY, MaterialType.MANUSCRIPT)
ENDOGENOUS_TYPES = (MaterialType.THESIS,)
# Whose titles each Decision 206 target is about.
SPECIAL_LIBRARY_TYPES = (LibraryType.PROVINCIAL,)
ENDOGENOUS_LIBRARY_TYPES = (
    LibraryType.UNIVERSITY, LibraryType.SPECIALISED, LibraryType.ARMED_FORCES,
)  # fmt: skip


def _count(queryset: QuerySet, field: str = "pk", distinct: bool = False) -> dict[int, int]:
    rows = queryset.values_list("library_id").annotate(n=Count(field, distinct=distinct))
    return {library_id: n for library_id, n in rows.values_list("library_id", "n")}


def digital_state(
    *, stock: QuerySet, after: dt.datetime, library_ids: Collection[int] | None
) -> dict[str, dict[int, int]]:
    """The digitisation figures at the instant ``after`` (the end of a day), one grouped query
    a figure; ``stock`` is the copies in stock then (``holdings.Item`` rows)."""
    with scopes_disabled():
        objects = DigitalObject.all_objects.filter(ingest_complete=True, created_at__lt=after)
        pages = Page.all_objects.filter(obj__ingest_complete=True, obj__created_at__lt=after)
        if library_ids is not None:
            objects = objects.filter(library_id__in=list(library_ids))
            pages = pages.filter(library_id__in=list(library_ids))
        published_records = DigitalObject.all_objects.filter(
            ingest_complete=True, published=True, record__isnull=False, created_at__lt=after
        ).values("record_id")
        digitised = stock.filter(record_id__in=published_records)
        special = {"record__material_type__in": SPECIAL_TYPES}
        endogenous = {"record__material_type__in": ENDOGENOUS_TYPES}
        return {
            "book_copies": _count(stock.filter(record__material_type=MaterialType.BOOK)),
            "digital_objects": _count(objects),
            "digital_pages": _count(pages),
            "digital_published": _count(objects.filter(published=True)),
            "titles_digitised": _count(digitised, "record_id", distinct=True),
            "special_titles": _count(stock.filter(**special), "record_id", distinct=True),
            "special_digitised": _count(digitised.filter(**special), "record_id", distinct=True),
            "endogenous_titles": _count(stock.filter(**endogenous), "record_id", distinct=True),
            "endogenous_digitised": _count(
                digitised.filter(**endogenous), "record_id", distinct=True
            ),
        }


def digital_use(
    *, start: dt.date, end: dt.date, library_ids: Collection[int] | None = None
) -> dict[str, dict[int, int]]:
    """Views, downloads, paid uses and copy requests of each library's digital objects in the
    months ``start`` to ``end`` cover."""
    with scopes_disabled():
        rows = UsageCount.all_objects.filter(month__gte=start.replace(day=1), month__lte=end)
        if library_ids is not None:
            rows = rows.filter(library_id__in=list(library_ids))
        names = ("views", "downloads", "paid_uses", "copy_requests")
        out: dict[str, dict[int, int]] = {name: {} for name in names}
        summed = rows.values_list("library_id").annotate(*(Sum(n) for n in names))
        for library_id, *sums in summed.order_by():
            for name, n in zip(names, sums, strict=True):
                out[name][library_id] = int(n or 0)
        return out


def share(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (one decimal), none when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DigitisationShare:
    label: str
    digitised: int
    held: int
    libraries: int  # libraries the share is about

    @property
    def percent(self) -> Decimal | None:
        return share(self.digitised, self.held)


def digitisation_shares(
    libraries: list[tuple[object, dict[str, int]]], *, all_types: bool = False
) -> tuple[DigitisationShare, DigitisationShare, DigitisationShare]:
    """Over (library, figures) rows: the whole collection's share digitised, the special-value
    share of the provincial libraries, the endogenous share of university, specialised and
    armed-forces libraries (of every library given, with ``all_types``: one library's own)."""
    from django.utils.translation import gettext as _

    def total(kinds: tuple[str, ...] | None, part: str, whole: str) -> tuple[int, int, int]:
        rows = [f for lib, f in libraries
                if all_types or kinds is None
                or getattr(lib, "library_type", None) in kinds]  # fmt: skip
        return sum(f.get(part, 0) for f in rows), sum(f.get(whole, 0) for f in rows), len(rows)

    return (
        DigitisationShare(_("tên tài liệu đã số hóa"),
                          *total(None, "titles_digitised", "titles")),
        DigitisationShare(_("tài liệu địa chí, Hán Nôm đã số hóa"),
                          *total(SPECIAL_LIBRARY_TYPES, "special_digitised", "special_titles")),
        DigitisationShare(
            _("tài liệu nội sinh đã số hóa"),
            *total(ENDOGENOUS_LIBRARY_TYPES, "endogenous_digitised", "endogenous_titles"),
        ),
    )  # fmt: skip
