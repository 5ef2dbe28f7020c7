"""Figures a library enters once a year (what the system cannot count), and the ISO 11620 /
TCVN 11774 indicators and Decree 93/2020 thresholds that need them.

A value is entered or estimated; a figure with no row is missing, and every indicator that
needs it says so instead of showing a number (IMLS flags every value the same way).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.circulation.models import Loan
from thuvien.core.audit import audit_record
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item
from thuvien.network.models import Library, LibraryType

from .errors import OversightError, OversightErrorCode
from .models import YearFigure
from .services import GONE
from .training import TrainingRow

K = YearFigure.Key
MAX_VALUE = Decimal("1e14")
# Decree 93/2020/NĐ-CP, art. 14 (the provincial public library's minimum conditions) and the
# 70% of qualified staff it asks of every public library.
PROVINCIAL_MINIMUMS = (
    ("copies", Decimal(200_000)),
    ("titles", Decimal(50_000)),
    (K.PERIODICALS, Decimal(50)),
    (K.READING_AREA, Decimal(100)),
    (K.CHILDREN_AREA, Decimal(50)),
)
QUALIFIED_SHARE = Decimal(70)
# Copies a pupil needs in a school library, by level (Decree 93/2020/NĐ-CP as issue 16 cites
# it: 2, 3, 4, 5 from pre-school to upper secondary).
COPIES_PER_PUPIL = (
    (K.PUPILS_PRESCHOOL, Decimal(2)),
    (K.PUPILS_PRIMARY, Decimal(3)),
    (K.PUPILS_LOWER, Decimal(4)),
    (K.PUPILS_UPPER, Decimal(5)),
)


def year_figures_get(*, library: Library, year: int) -> dict[str, YearFigure]:
    with scopes_disabled():
        return {f.key: f for f in YearFigure.objects.filter(library=library, year=year)}


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def _plain(text: str) -> str:
    """A number as Vietnamese (1.234,5) or English (1,234.5 / 85.5) writes it, in plain form."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." in raw:
        # the last separator is the decimal one
        if raw.rfind(",") > raw.rfind("."):
            return raw.replace(".", "").replace(",", ".")
        return raw.replace(",", "")
    if "," in raw:
        return raw.replace(",", ".") if raw.count(",") == 1 else raw.replace(",", "")
    if _GROUPED.match(raw):
        return raw.replace(".", "")
    return raw


def _number(text: Any, key: str) -> Decimal | None:
    raw = _plain(str(text if text is not None else ""))
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value >= MAX_VALUE:
        raise OversightError(
            OversightErrorCode.SCORE_RANGE,
            _("“%(label)s”: một số không âm.") % {"label": K(key).label},
            field=key,
        )
    return value.quantize(Decimal("0.1"))


def year_figures_save(
    *, library: Library, year: int, actor: Any, values: dict[str, Any], flags: dict[str, str]
) -> int:
    """Store the year's figures: an empty value removes it (missing again). Checked together
    (the qualified staff cannot outnumber the staff); returns how many are now stored."""
    if not 2000 <= int(year) <= 2100:
        raise OversightError(OversightErrorCode.YEAR_RANGE, _("Năm không hợp lệ."), field="year")
    parsed = {key: _number(values.get(key), key) for key in K.values}
    staff, qualified = parsed[K.STAFF], parsed[K.STAFF_QUALIFIED]
    if staff is not None and qualified is not None and qualified > staff:
        raise OversightError(
            OversightErrorCode.SCORE_RANGE,
            _("Số người có chuyên môn không thể nhiều hơn số người làm công tác thư viện."),
            field=K.STAFF_QUALIFIED,
        )
    user = actor if getattr(actor, "is_authenticated", False) else None
    changes: dict[str, list[Any]] = {}
    with transaction.atomic(), scopes_disabled():
        existing = {f.key: f for f in YearFigure.objects.filter(library=library, year=year)}
        for key, value in parsed.items():
            old = existing.get(key)
            flag = flags.get(key) if flags.get(key) in YearFigure.Flag.values else "entered"
            if value is None:
                if old is not None:
                    old.delete()
                    changes[key] = [str(old.value), None]
                continue
            if old is None:
                YearFigure.objects.create(library=library, year=year, key=key, value=value,
                                          flag=flag, entered_by=user)  # fmt: skip
                changes[key] = [None, str(value)]
            elif old.value != value or old.flag != flag:
                changes[key] = [str(old.value), str(value)]
                old.value, old.flag, old.entered_by = value, flag, user
                old.save(update_fields=["value", "flag", "entered_by", "entered_at"])
        if changes:
            audit_record(actor=actor, action="oversight.year_figures.saved", obj=library,
                         changes={"year": [None, year], **changes})  # fmt: skip
        return YearFigure.objects.filter(library=library, year=year).count()


@dataclass(frozen=True)
class Indicator:
    label: str
    formula: str
    value: Decimal | None
    missing: str = ""  # what is missing when there is no value


def _per(numerator: Decimal | int | None, denominator: Decimal | int | None,
         scale: int = 1) -> Decimal | None:  # fmt: skip
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _staff(
    entered: dict[str, YearFigure], training: TrainingRow | None
) -> tuple[Decimal | None, Decimal | None]:
    """(staff, qualified): from the staff records kept here when the library keeps them,
    otherwise from the figures entered for the year."""
    if training is not None and training.staff:
        return Decimal(training.staff), Decimal(training.qualified)
    staff, qualified = entered.get(K.STAFF), entered.get(K.STAFF_QUALIFIED)
    return (staff.value if staff else None), (qualified.value if qualified else None)


def indicators(
    *,
    counted: dict[str, int],
    entered: dict[str, YearFigure],
    unused_copies: int | None,
    training: TrainingRow | None = None,
) -> list[Indicator]:
    """ISO 11620 / TCVN 11774 indicators of one library's year, with their formulas."""

    def v(key: str) -> Decimal | None:
        figure = entered.get(key)
        return figure.value if figure is not None else None

    population = v(K.POPULATION)
    staff, qualified = _staff(entered, training)
    hours = training.hours if training is not None and training.staff else None
    loans, copies = counted.get("loans", 0), counted.get("copies", 0)
    rows = [
        Indicator(_("Lượt mượn bình quân đầu người"), _("lượt mượn ÷ dân số được phục vụ"),
                  _per(loans, population), _("dân số")),
        Indicator(_("Lượt đến thư viện bình quân đầu người"),
                  _("lượt đến ÷ dân số được phục vụ"), _per(v(K.VISITS), population),
                  _("lượt đến, dân số")),
        Indicator(_("Chỗ ngồi trên 1.000 dân"), _("chỗ ngồi × 1.000 ÷ dân số"),
                  _per(v(K.SEATS), population, 1000), _("chỗ ngồi, dân số")),
        Indicator(_("Tỷ lệ dân số được phục vụ có mượn tài liệu (%)"),
                  _("bạn đọc có mượn trong kỳ × 100 ÷ dân số được phục vụ"),
                  _per(counted.get("active_readers"), population, 100), _("dân số")),
        Indicator(_("Giờ mở cửa mỗi tuần trên 1.000 dân"),
                  _("giờ mở cửa mỗi tuần × 1.000 ÷ dân số"),
                  _per(v(K.OPENING_HOURS), population, 1000), _("giờ mở cửa, dân số")),
        Indicator(_("Tỷ lệ tài liệu không được dùng (%)"),
                  _("bản không có lượt mượn trong kỳ × 100 ÷ số bản"),
                  _per(unused_copies, copies, 100), ""),
        Indicator(_("Tỷ lệ người làm thư viện có chuyên môn (%)"),
                  _("người có chuyên môn × 100 ÷ người làm công tác thư viện"),
                  _per(qualified, staff, 100), _("số người")),
        Indicator(_("Số giờ đào tạo bình quân một người làm công tác thư viện"),
                  _("giờ của các khóa đã hoàn thành trong kỳ ÷ người đang làm việc"),
                  _per(hours, staff), _("hồ sơ nhân sự, đào tạo")),
        Indicator(_("Tài liệu số hóa trên 1.000 bản tài liệu"),
                  _("tài liệu số × 1.000 ÷ số bản"),
                  _per(counted.get("digital_objects", 0), copies, 1000), _("số bản")),
        Indicator(_("Lượt tải bình quân một tài liệu số đã công bố"),
                  _("lượt tải trong kỳ ÷ tài liệu số đã công bố"),
                  _per(counted.get("downloads", 0), counted.get("digital_published", 0)),
                  _("tài liệu số đã công bố")),
    ]  # fmt: skip
    return rows


@dataclass(frozen=True)
class Threshold:
    label: str
    required: Decimal | None  # None: what is required depends on a figure not entered
    actual: Decimal | None
    missing: str = ""

    @property
    def met(self) -> bool | None:
        if self.actual is None or self.required is None:
            return None
        return self.actual >= self.required

    @property
    def gap(self) -> Decimal | None:
        """How much is lacking (nothing when met or unknown)."""
        if self.met is not False:
            return None
        return self.required - self.actual  # type: ignore[operator]


def decree_93_thresholds(
    *,
    library: Library,
    counted: dict[str, int],
    entered: dict[str, YearFigure],
    training: TrainingRow | None = None,
) -> list[Threshold]:
    """Decree 93/2020's minimums that apply to the library, with what it has."""
    out: list[Threshold] = []
    if library.library_type == LibraryType.PROVINCIAL:
        labels = {"copies": _("Số bản tài liệu"), "titles": _("Số tên tài liệu")}
        for key, required in PROVINCIAL_MINIMUMS:
            if key in labels:
                out.append(Threshold(labels[key], required, Decimal(counted.get(key, 0))))
            else:
                figure = entered.get(key)
                out.append(Threshold(str(K(key).label), required,
                                     figure.value if figure else None))  # fmt: skip
    if library.library_type in (LibraryType.PROVINCIAL, LibraryType.COMMUNE):
        staff, qualified = _staff(entered, training)
        share = _per(qualified, staff, 100)
        out.append(Threshold(_("Người làm thư viện có chuyên môn (%)"), QUALIFIED_SHARE, share))
    if library.library_type == LibraryType.COMMUNE:
        out.append(Threshold(_("Số bản tài liệu"), Decimal(2_000),
                             Decimal(counted.get("copies", 0))))  # fmt: skip
    if library.library_type == LibraryType.SCHOOL:
        pupils = [(entered[key].value, per) for key, per in COPIES_PER_PUPIL if key in entered]
        required = sum((n * per for n, per in pupils), Decimal(0)) if pupils else None
        out.append(Threshold(
            _("Số bản sách theo số học sinh (2/3/4/5 bản mỗi em từ mầm non đến THPT)"),
            required, Decimal(counted.get("copies", 0)),
            _("số học sinh theo cấp học") if required is None else "",
        ))  # fmt: skip
    return out


# Decree 93/2020/NĐ-CP art. 3: a state library of an important role, prioritised for the
# State's investment ("thư viện có vai trò quan trọng"). The figures it sets (clause 2: at least
# 500,000 preservation units with at least 200,000 copies of books and 5,000 digital titles;
# clause 3: at least 70% of the staff university graduates in library and information science;
# clause 4: at least 6,000 registered users and 1,000,000 visits to the library and its website
# a year, and 80% of its work done with technology) are checked from the system's counts and the
# figures entered for the year; what only a file can show (clause 1's duties, shared databases
# to national standards, the share of work done with technology) is listed for the inspector.
KEY_LIBRARY_TYPES = (
    LibraryType.PROVINCIAL, LibraryType.UNIVERSITY, LibraryType.SPECIALISED,
    LibraryType.ARMED_FORCES,
)  # fmt: skip


def key_library_criteria(
    *,
    counted: dict[str, int],
    entered: dict[str, YearFigure],
    training: TrainingRow | None = None,
) -> list[Threshold]:
    """Decree 93/2020 art. 3's figures for a library of an important role, with what it has."""
    copies, digital = counted.get("copies", 0), counted.get("digital_objects", 0)
    staff = training.staff if training is not None else 0
    graduates = _per(training.graduates, staff, 100) if training is not None else None
    visits = [entered[k].value for k in (K.VISITS, K.WEB_VISITS) if k in entered]
    return [
        Threshold(_("Đơn vị bảo quản (bản tài liệu và tài liệu số)"), Decimal(500_000),
                  Decimal(copies + digital)),
        Threshold(_("Bản sách"), Decimal(200_000), Decimal(counted.get("book_copies", 0))),
        Threshold(_("Tài liệu số (đầu tài liệu)"), Decimal(5_000), Decimal(digital)),
        Threshold(_("Người làm thư viện tốt nghiệp đại học trở lên ngành thông tin - thư viện (%)"),
                  Decimal(70), graduates, _("hồ sơ nhân sự")),
        Threshold(_("Bạn đọc có thẻ còn hạn (người đăng ký sử dụng thư viện)"), Decimal(6_000),
                  Decimal(counted.get("readers", 0))),
        Threshold(_("Lượt đến thư viện và truy cập trang thông tin điện tử trong năm"),
                  Decimal(1_000_000), sum(visits, Decimal(0)) if visits else None,
                  _("lượt đến, lượt truy cập")),
    ]  # fmt: skip


def key_library_unchecked() -> list[str]:
    """Decree 93/2020 art. 3's criteria that no count can show (judged from the file)."""
    return [
        _("Đủ điều kiện, khả năng thực hiện nhiệm vụ tại các điều 25, 26, 27, 28 của Luật Thư "
          "viện và chủ trì xây dựng, chia sẻ tài nguyên thông tin dùng chung (khoản 1)"),
        _("Cơ sở dữ liệu dùng chung theo tiêu chuẩn quốc gia; tài nguyên được lưu trữ, bảo quản "
          "bằng hạ tầng, công nghệ hiện đại (khoản 2)"),
        _("Ít nhất 80% hoạt động chuyên môn, dịch vụ ứng dụng khoa học, công nghệ; có cổng hoặc "
          "trang thông tin điện tử và mục lục trực tuyến (khoản 4)"),
    ]  # fmt: skip


def key_library_status(checks: list[Threshold]) -> str:
    """"met" when every figure is reached, "short" when one is not, "unknown" otherwise."""
    if any(t.met is False for t in checks):
        return "short"
    if any(t.met is None for t in checks):
        return "unknown"
    return "met"


def unused_copies(
    *, start: Any, end: Any, library: Library | None = None, library_ids: list[int] | None = None
) -> int:
    """Copies in stock at ``end`` that no loan of ``start``..``end`` touched (of one library,
    or of several in one query)."""
    ids = [library.pk] if library is not None else list(library_ids or [])
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end, dt.time.min)) + dt.timedelta(days=1)
    with scopes_disabled():
        lent = Loan.all_objects.filter(
            library_id__in=ids, issued_at__gte=first, issued_at__lt=after
        )
        return (
            Item.objects.filter(library_id__in=ids)
            .exclude(status__in=GONE)
            .filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=end))
            .exclude(pk__in=lent.values("item_id"))
            .count()
        )


@dataclass
class NetworkThresholds:
    met: int
    short: int
    unknown: int
    gaps: list[tuple[Library, Threshold]]
    missing: list[tuple[Library, Threshold]]
    # Decree 93 art. 3: each candidate library, its figures against the thresholds, its status.
    key: list[tuple[Library, list[Threshold], str]] = field(default_factory=list)


def network_thresholds(
    *,
    libraries: list[tuple[Library, dict[str, int]]],
    year: int,
    network: Any = None,
    staff: dict[int, TrainingRow] | None = None,
) -> NetworkThresholds:
    """Decree 93's minimums checked for every library at once: ``libraries`` are (library,
    its counted figures) as the overview has them (all of ``network``'s, when given: rows are
    then picked by network, not by a thousand ids); the entered figures of ``year`` and the
    staff records (``staff``, if already counted) are read in a few queries."""
    ids = [lib.pk for lib, _f in libraries]
    entered: dict[int, dict[str, YearFigure]] = {}
    where = {"library__network": network} if network is not None else {"library_id__in": ids}
    with scopes_disabled():
        for figure in YearFigure.objects.filter(**where, year=year):
            entered.setdefault(figure.library_id, {})[figure.key] = figure
    from .training import training_figures

    if staff is None:
        staff = training_figures(library_ids=ids, network=network)
    out = NetworkThresholds(0, 0, 0, [], [])
    for library, counted in libraries:
        if library.library_type in KEY_LIBRARY_TYPES:
            key = key_library_criteria(counted=counted, entered=entered.get(library.pk, {}),
                                       training=staff.get(library.pk))  # fmt: skip
            out.key.append((library, key, key_library_status(key)))
        checks = decree_93_thresholds(
            library=library, counted=counted, entered=entered.get(library.pk, {}),
            training=staff.get(library.pk),
        )  # fmt: skip
        if not checks:
            continue
        short = [t for t in checks if t.met is False]
        unknown = [t for t in checks if t.met is None]
        out.gaps += [(library, t) for t in short]
        out.missing += [(library, t) for t in unknown]
        if short:
            out.short += 1
        elif unknown:
            out.unknown += 1
        else:
            out.met += 1
    return out
