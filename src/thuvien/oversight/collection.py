"""The collection broken down by DDC main class, language, material type and format (Circular
18/2014/TT-BVHTTDL art. 13: "vốn tài liệu theo môn loại và hình thức"; ISO 2789 / TCVN 12843).

Counted once a night with the day (``CollectionCount`` rows), never at request time. Each
record has one DDC class, one language and one material type, so one grouped query over the
stock by (library, class, language, material type) gives every breakdown exactly: the titles
of a class are the sum of the titles of its groups, because no record is in two groups.

Format (hình thức tài liệu) is the carrier ISO 2789 counts apart, derived from the record's
material type: printed, manuscript, audiovisual, electronic, other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.catalog.display import LANGUAGES
from thuvien.catalog.models import MaterialType
from thuvien.core.scoping import scopes_disabled
from thuvien.network.models import Network

from .models import CollectionCount

D = CollectionCount.Dimension
Counts = dict[str, dict[str, tuple[int, int]]]  # dimension -> value -> (titles, copies)

FORMATS = {
    "print": gettext_lazy("Tài liệu in"),
    "manuscript": gettext_lazy("Tài liệu viết tay"),
    "audiovisual": gettext_lazy("Tài liệu nghe nhìn"),
    "electronic": gettext_lazy("Tài liệu điện tử"),
    "other": gettext_lazy("Hình thức khác"),
}
FORMAT_OF = {
    MaterialType.BOOK: "print", MaterialType.SERIAL: "print", MaterialType.THESIS: "print",
    MaterialType.MAP: "print", MaterialType.SCORE: "print", MaterialType.LOCAL_HISTORY: "print",
    MaterialType.MANUSCRIPT: "manuscript", MaterialType.AUDIO: "audiovisual",
    MaterialType.VIDEO: "audiovisual", MaterialType.ELECTRONIC: "electronic",
    MaterialType.OTHER: "other",
}  # fmt: skip
# DDC 23 main classes (the first digit of the class number).
DDC_CLASSES = {
    "0": gettext_lazy("000 Tin học, thông tin và tác phẩm tổng quát"),
    "1": gettext_lazy("100 Triết học và tâm lý học"),
    "2": gettext_lazy("200 Tôn giáo"),
    "3": gettext_lazy("300 Khoa học xã hội"),
    "4": gettext_lazy("400 Ngôn ngữ"),
    "5": gettext_lazy("500 Khoa học tự nhiên và toán học"),
    "6": gettext_lazy("600 Công nghệ (khoa học ứng dụng)"),
    "7": gettext_lazy("700 Nghệ thuật và vui chơi giải trí"),
    "8": gettext_lazy("800 Văn học"),
    "9": gettext_lazy("900 Lịch sử và địa lý"),
}
# The heading of each breakdown (a whole sentence each, for the translators).
HEADINGS = {
    D.DDC: gettext_lazy("Vốn tài liệu theo môn loại (DDC)"),
    D.LANGUAGE: gettext_lazy("Vốn tài liệu theo ngôn ngữ"),
    D.MATERIAL: gettext_lazy("Vốn tài liệu theo loại tài liệu"),
    D.FORMAT: gettext_lazy("Vốn tài liệu theo hình thức tài liệu"),
}
OTHER_LANGUAGE = "*"  # languages without a name on the pages are shown together


def collection_breakdown(
    *, stock: QuerySet, library_ids: Collection[int] | None = None
) -> dict[int, Counts]:
    """Each library's ``stock`` (copies, ``holdings.Item`` rows) by DDC class, language,
    material type and format, in one grouped query."""
    if library_ids is not None:
        stock = stock.filter(library_id__in=list(library_ids))
    rows = (
        stock.annotate(ddc_class=Substr("record__ddc", 1, 1))
        .values_list("library_id", "ddc_class", "record__language", "record__material_type")
        .annotate(titles=Count("record_id", distinct=True), copies=Count("pk"))
        .order_by()
    )
    out: dict[int, Counts] = {}
    for library_id, ddc, language, material, titles, copies in rows:
        counts = out.setdefault(library_id, {d: {} for d in D.values})
        ddc = ddc if ddc and ddc.isdigit() else ""
        for dimension, value in (
            (D.DDC, ddc), (D.LANGUAGE, (language or "").strip().lower()[:20]),
            (D.MATERIAL, material), (D.FORMAT, FORMAT_OF.get(material, "other")),
        ):  # fmt: skip
            t, c = counts[dimension].get(value, (0, 0))
            counts[dimension][value] = (t + titles, c + copies)
    return out


def collection_rows(*, day: dt.date, counted: dict[int, Counts]) -> list[CollectionCount]:
    return [
        CollectionCount(library_id=library_id, day=day, dimension=dimension, value=value,
                        titles=titles, copies=copies)  # fmt: skip
        for library_id, counts in counted.items()
        for dimension, values in counts.items()
        for value, (titles, copies) in values.items()
    ]


def recorded_collection(
    *,
    day: dt.date,
    library_ids: Collection[int] | None = None,
    network: Network | None = None,
    which: bool = False,
) -> tuple[Counts, set[int]]:
    """The recorded breakdowns of ``day`` summed over the libraries (every library of
    ``network``, or ``library_ids``), and (``which``) the libraries that have rows that day."""
    with scopes_disabled():
        rows = CollectionCount.objects.filter(day=day)
        if network is not None:
            rows = rows.filter(library__network=network)
        else:
            rows = rows.filter(library_id__in=list(library_ids or []))
        summed = rows.values_list("dimension", "value").annotate(
            t=Sum("titles"), c=Sum("copies")
        )
        counts: Counts = {d: {} for d in D.values}
        for dimension, value, titles, copies in summed.order_by():
            counts.setdefault(dimension, {})[value] = (int(titles or 0), int(copies or 0))
        seen: set[int] = set()
        if which:
            seen = set(rows.values_list("library_id", flat=True).distinct().order_by())
    return counts, seen


def sum_counts(each: Iterable[Counts]) -> Counts:
    total: Counts = {d: {} for d in D.values}
    for counts in each:
        for dimension, values in counts.items():
            for value, (titles, copies) in values.items():
                t, c = total[dimension].get(value, (0, 0))
                total[dimension][value] = (t + titles, c + copies)
    return total


@dataclass(frozen=True)
class BreakdownRow:
    key: str  # a stable key for tests and the chart, never shown
    label: str
    titles: int
    copies: int


def label_rows(counts: Counts) -> list[tuple[str, str, str, list[BreakdownRow]]]:
    """Each dimension's rows with their names in the active language (no codes): DDC classes
    in class order, the others by copies; languages without a name shown together."""
    out = []
    for dimension, dimension_label in D.choices:
        values = counts.get(dimension, {})
        merged: dict[str, tuple[str, int, int]] = defaultdict(lambda: ("", 0, 0))
        for value, (titles, copies) in values.items():
            key, label = _label(dimension, value)
            _old, t, c = merged[key]
            merged[key] = (label, t + titles, c + copies)
        rows = [BreakdownRow(key, label, t, c) for key, (label, t, c) in merged.items()]
        if dimension == D.DDC:
            rows.sort(key=lambda r: (r.key == "", r.key))
        else:
            rows.sort(key=lambda r: (-r.copies, r.label))
        out.append((str(dimension), str(dimension_label), str(HEADINGS[D(dimension)]), rows))
    return out


def _label(dimension: str, value: str) -> tuple[str, str]:
    if dimension == D.DDC:
        return value, str(DDC_CLASSES.get(value) or _("Chưa phân loại DDC"))
    if dimension == D.LANGUAGE:
        if not value:
            return "", _("Chưa ghi ngôn ngữ")
        if value in LANGUAGES:
            return value, str(LANGUAGES[value])
        return OTHER_LANGUAGE, _("Ngôn ngữ khác")
    if dimension == D.MATERIAL:
        try:
            return value, str(MaterialType(value).label)
        except ValueError:
            return "other", str(MaterialType.OTHER.label)
    return value, str(FORMATS.get(value) or FORMATS["other"])
