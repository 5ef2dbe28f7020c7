"""The annual report of a library or of a network: figures, then the files (XLSX, PDF, CSV).

What the report counts (Library Law 46/2019 art. 39 and 46; Circular 18/2014/TT-BVHTTDL art.
13): the collection and readers as they stood at the end of the period, and the period's
acquisitions, new readers, loans, renewals, returns and holds, the stock by DDC class,
language, material type and format, the digital library's use (views, downloads, paid uses,
copy requests), with two ISO 11620 / TCVN 11774
indicators whose formulas are printed beside them. Events are counted straight from the
tables for the period; the state at the period's end comes from the day the worker recorded
then, or from the tables when the period ends today or later. A value that had to be
estimated (a past period whose last day was never recorded) says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.numbers import count_text
from thuvien.core.scoping import scopes_disabled
from thuvien.network.models import Library, LibraryGroup, Network

from .collection import Counts, label_rows, recorded_collection, sum_counts
from .digitisation import DigitisationShare, digitisation_shares
from .models import EVENT_FIGURES, STATE_FIGURES, USE_FIGURES, LibraryDay, YearFigure
from .services import library_period_figures
from .training import TrainingRow, training_figures
from .year_figures import Indicator, unused_copies
from .year_figures import indicators as year_indicators

PERIODS = ("calendar", "evaluation")
# Counted over the whole period at once (``library_period_figures``), not summed from days.
PERIOD_FIGURES = ("active_readers", "loans_other_libraries")


@dataclass
class ReportLine:
    section: str
    label: str
    value: int | Decimal | None  # None: the system has no such figure yet (said in the note)
    note: str = ""


@dataclass
class AnnualReport:
    title: str
    unit: str
    start: dt.date
    end: dt.date
    made_at: dt.datetime
    lines: list[ReportLine]
    libraries: list[tuple[Library, dict[str, int]]] = field(default_factory=list)
    estimated: bool = False

    def value(self, label: str) -> int | Decimal:
        return next(line.value for line in self.lines if line.label == label)


def report_period(year: int, period: str = "calendar") -> tuple[dt.date, dt.date]:
    """The calendar year, or the evaluation year of Circular 05/2020 (01/12 of the year
    before to 30/11)."""
    if period == "evaluation":
        return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _state_at_end(
    libraries: list[Library], end: dt.date, counted: dict[int, dict[str, int]]
) -> bool:
    """Put the state figures of ``end`` into ``counted``; true when some had to be estimated."""
    if end >= timezone.localdate():
        return False
    with scopes_disabled():
        recorded = {
            row["library_id"]: row
            for row in LibraryDay.objects.filter(
                library__in=libraries, day=end
            ).values("library_id", *STATE_FIGURES)
        }
    estimated = False
    for library in libraries:
        row = recorded.get(library.pk)
        if row is None:
            estimated = True
            continue
        counted.setdefault(library.pk, {}).update({n: row[n] for n in STATE_FIGURES})
    return estimated


def _ratio(numerator: int, denominator: int) -> Decimal:
    if not denominator:
        return Decimal("0.00")
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _more_indicators(
    libraries: list[Library], start: dt.date, end: dt.date, total: dict[str, int],
    staff: TrainingRow,
) -> list[Indicator]:
    """The ISO 11620 / TCVN 11774 indicators that need figures entered for the year (summed
    over the libraries that entered them) or the staff records."""
    sums: dict[str, Decimal] = {}
    with scopes_disabled():
        for key, value in YearFigure.objects.filter(
            library__in=libraries, year=end.year
        ).values_list("key", "value"):
            sums[key] = sums.get(key, Decimal(0)) + value
    entered = {key: SimpleNamespace(value=value) for key, value in sums.items()}
    unused = unused_copies(start=start, end=min(end, timezone.localdate()),
                           library_ids=[lib.pk for lib in libraries])  # fmt: skip
    return year_indicators(counted=total, entered=entered, unused_copies=unused,  # type: ignore[arg-type]
                           training=staff)  # fmt: skip


def _digitisation_lines(
    total: dict[str, int],
    everything: DigitisationShare,
    special: DigitisationShare,
    endogenous: DigitisationShare,
) -> list[ReportLine]:
    """The digital library's figures (``oversight.digitisation`` says what each counts)."""
    section = _("Số hóa (thư viện số)")

    def percent(part: DigitisationShare, goal: str) -> ReportLine:
        return ReportLine(
            section, _("Tỷ lệ %(what)s (%%)") % {"what": part.label}, part.percent,
            _("%(done)s ÷ %(held)s tên tài liệu; %(goal)s")
            % {"done": part.digitised, "held": part.held, "goal": goal}
            if part.held else _("không có tên tài liệu loại này; %(goal)s") % {"goal": goal},
        )  # fmt: skip

    return [
        ReportLine(section, _("Tài liệu số cuối kỳ"), total["digital_objects"],
                   _("đối tượng số đã tiếp nhận xong")),
        ReportLine(section, _("Số trang đã số hóa cuối kỳ"), total["digital_pages"]),
        ReportLine(section, _("Tài liệu số đã công bố cuối kỳ"), total["digital_published"]),
        ReportLine(section, _("Tên tài liệu có bản số đã công bố"), total["titles_digitised"]),
        percent(everything, _("tên có bản số ÷ tên tài liệu đang giữ")),
        ReportLine(section, _("Tên tài liệu địa chí, Hán Nôm đang giữ"),
                   total["special_titles"]),
        ReportLine(section, _("Tên tài liệu địa chí, Hán Nôm đã số hóa"),
                   total["special_digitised"]),
        percent(special, _("Quyết định 206/QĐ-TTg: 70% năm 2025, 100% năm 2030 "
                           "(tài liệu của thư viện cấp tỉnh)")),
        ReportLine(section, _("Tên tài liệu nội sinh (luận văn, luận án) đang giữ"),
                   total["endogenous_titles"]),
        ReportLine(section, _("Tên tài liệu nội sinh đã số hóa"),
                   total["endogenous_digitised"]),
        percent(endogenous, _("Quyết định 206/QĐ-TTg: 50% năm 2025, 70% năm 2030 "
                              "(thư viện đại học, chuyên ngành, lực lượng vũ trang)")),
        ReportLine(section, _("Lượt xem tài liệu số trong kỳ"), total["views"]),
        ReportLine(section, _("Lượt tải tài liệu số trong kỳ"), total["downloads"]),
        ReportLine(section, _("Lượt sử dụng tài liệu số có thu phí trong kỳ"),
                   total["paid_uses"], _("bạn đọc đã trả phí để mở tài liệu")),
        ReportLine(section, _("Yêu cầu sao chụp từ xa trong kỳ"), total["copy_requests"],
                   _("tài liệu số của thư viện")),
    ]  # fmt: skip


def _collection_at_end(
    libraries: list[Library], end: dt.date, counted: dict[int, Counts]
) -> tuple[Counts, bool]:
    """The stock at the period's end by DDC class, language, material type and format: as
    recorded that day, or (a period ending today or later, or a library whose day was not
    recorded: then estimated) as ``counted`` from the tables."""
    ids = [lib.pk for lib in libraries]
    if end >= timezone.localdate():
        return sum_counts(counted.get(pk, {}) for pk in ids), False
    recorded, seen = recorded_collection(day=end, library_ids=ids, which=True)
    missing = [pk for pk in ids if pk not in seen]
    return sum_counts([recorded, *(counted.get(pk, {}) for pk in missing)]), bool(missing)


def _collection_lines(counts: Counts) -> list[ReportLine]:
    """One line a value of each breakdown: the copies, with the titles in the note."""
    return [
        ReportLine(heading, row.label, row.copies,
                   _("%(titles)s tên tài liệu") % {"titles": row.titles})
        for _dimension, _label, heading, rows in label_rows(counts)
        for row in rows
    ]  # fmt: skip


def annual_report(
    *,
    year: int,
    library: Library | None = None,
    network: Network | None = None,
    group: LibraryGroup | None = None,
    period: str = "calendar",
    month: int | None = None,
) -> AnnualReport:
    """The report of one library, of a group of libraries, or of every library of a network,
    for ``year`` (or for one ``month`` of it: the monthly report)."""
    if sum(x is not None for x in (library, network, group)) != 1:
        raise ValueError("annual_report needs a library, a group or a network")
    if month is not None:
        start = dt.date(year, month, 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    else:
        start, end = report_period(year, period)
    if library is not None:
        libraries = [library]
    elif group is not None:
        libraries = list(group.libraries.order_by("library_type", "name_vi"))
    else:
        libraries = list(
            Library.objects.filter(network=network).order_by("library_type", "name_vi")
        )
    by_kind: dict[int, Counts] = {}
    counted = library_period_figures(
        start=start, end=end, library_ids=[lib.pk for lib in libraries], with_collection=by_kind
    )
    estimated = _state_at_end(libraries, end, counted)
    stock_by_kind, kinds_estimated = _collection_at_end(libraries, end, by_kind)
    estimated = estimated or kinds_estimated
    per_library = [(lib, counted.get(lib.pk, {})) for lib in libraries]
    total = {
        name: sum(int(f.get(name, 0)) for _lib, f in per_library)
        for name in (*STATE_FIGURES, *EVENT_FIGURES, *USE_FIGURES, *PERIOD_FIGURES)
    }
    everything, special, endogenous = digitisation_shares(per_library,
                                                          all_types=library is not None)
    staff = TrainingRow()
    for row in training_figures(
        library_ids=[lib.pk for lib in libraries], start=start, end=end
    ).values():
        staff.add(row)
    collection, readers, use = _("Vốn tài liệu"), _("Bạn đọc"), _("Lưu thông")
    people = _("Nhân lực (Luật Thư viện, điều 46)")
    indicators = _("Chỉ số (TCVN 11774:2016 / ISO 11620)")
    lines = [
        ReportLine(collection, _("Số tên tài liệu cuối kỳ"), total["titles"],
                   _("cộng theo từng thư viện") if library is None else ""),
        ReportLine(collection, _("Số bản tài liệu cuối kỳ"), total["copies"]),
        ReportLine(collection, _("Số bản bổ sung trong kỳ"), total["copies_added"]),
        ReportLine(readers, _("Bạn đọc có thẻ còn hạn cuối kỳ"), total["readers"]),
        ReportLine(readers, _("Bạn đọc đăng ký mới trong kỳ"), total["readers_new"]),
        ReportLine(readers, _("Bạn đọc có mượn trong kỳ"), total["active_readers"],
                   _("mỗi người đếm một lần; lượt mượn đã ẩn danh không còn người")
                   if library is not None
                   else _("mỗi người đếm một lần ở mỗi thư viện rồi cộng lại; lượt mượn đã ẩn "
                          "danh không còn người")),
        ReportLine(use, _("Lượt mượn về nhà"), total["loans"]),
        ReportLine(use, _("Lượt trả"), total["returns"]),
        ReportLine(use, _("Lượt gia hạn"), total["renewals"],
                   _("mỗi lần gia hạn một lượt, tại thư viện gia hạn")),
        ReportLine(use, _("Lượt đặt mượn"), total["holds"]),
        ReportLine(use, _("Lượt mượn của bạn đọc thư viện khác"),
                   total["loans_other_libraries"], _("liên thông (Luật Thư viện, điều 29)")),
        ReportLine(indicators, _("Vòng quay tài liệu"), _ratio(total["loans"], total["copies"]),
                   _("lượt mượn ÷ số bản cuối kỳ")),
        ReportLine(indicators, _("Lượt mượn bình quân một bạn đọc"),
                   _ratio(total["loans"], total["readers"]),
                   _("lượt mượn ÷ bạn đọc có thẻ còn hạn")),
        *[ReportLine(indicators, i.label, i.value,
                     i.formula if i.value is not None
                     else _("%(formula)s — chưa có số liệu: %(missing)s")
                     % {"formula": i.formula, "missing": i.missing})
          for i in _more_indicators(libraries, start, end, total, staff)],
        ReportLine(people, _("Người làm công tác thư viện (đang làm việc)"), staff.staff,
                   "" if staff.staff else _("chưa có hồ sơ nhân sự trong hệ thống")),
        ReportLine(people, _("Người có chuyên môn, nghiệp vụ thư viện"), staff.qualified,
                   _("Nghị định 93/2020: tối thiểu 70%%; hiện nay %(share)s%%")
                   % {"share": staff.qualified_percent if staff.staff else "—"}),
        ReportLine(people, _("Người hoàn thành khóa đào tạo, bồi dưỡng trong kỳ"),
                   staff.trained),
        ReportLine(people, _("Số giờ đào tạo, bồi dưỡng trong kỳ"), staff.hours),
        *_digitisation_lines(total, everything, special, endogenous),
        *_collection_lines(stock_by_kind),
    ]  # fmt: skip
    unit = (library or group or network).name  # type: ignore[union-attr]
    title = (
        _("Báo cáo thống kê hoạt động thư viện tháng %(month)02d/%(year)d")
        % {"month": month, "year": year}
        if month is not None
        else _("Báo cáo thống kê hoạt động thư viện năm %(year)d") % {"year": year}
    )
    return AnnualReport(
        title=title,
        unit=unit,
        start=start,
        end=end,
        made_at=timezone.localtime(),
        lines=lines,
        libraries=per_library if library is None else [],
        estimated=estimated,
    )


# --- Files ---------------------------------------------------------------------------------

LIBRARY_COLUMNS = ("titles", "copies", "readers", "copies_added", "readers_new", "loans")


def _library_headers() -> list[str]:
    return [_("Mã"), _("Thư viện"), _("Loại"), _("Tên tài liệu"), _("Bản"), _("Bạn đọc"),
            _("Bản bổ sung"), _("Bạn đọc mới"), _("Lượt mượn")]  # fmt: skip


def _heading(report: AnnualReport) -> list[str]:
    lines = [
        report.title,
        _("Đơn vị báo cáo: %(unit)s") % {"unit": report.unit},
        _("Kỳ báo cáo: từ %(start)s đến %(end)s")
        % {"start": report.start.strftime("%d/%m/%Y"), "end": report.end.strftime("%d/%m/%Y")},
        _("Lập ngày %(day)s từ dữ liệu của hệ thống, không nhập tay.")
        % {"day": report.made_at.strftime("%d/%m/%Y %H:%M")},
        _(
            "Căn cứ: Luật Thư viện 46/2019/QH14 (điều 39, 46); "
            "Thông tư 18/2014/TT-BVHTTDL (điều 13)."
        ),
    ]
    if report.estimated:
        lines.append(
            _(
                "Lưu ý: số liệu tồn kho cuối kỳ của một số thư viện là ước tính "
                "(ngày cuối kỳ chưa được ghi)."
            )
        )
    return lines


def _shown(value: int | Decimal | None) -> int | Decimal | str:
    return _("chưa có") if value is None else value


def _shown_pdf(value: int | Decimal | None) -> str:
    """A figure as the pages show it (``core.numbers``): 2.022 / 1.234,56 in Vietnamese,
    2,022 / 1,234.56 in English."""
    if value is None:
        return _("chưa có")
    return count_text(value)


def report_csv(report: AnnualReport) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _heading(report):
        writer.writerow([line])
    writer.writerow([])
    writer.writerow([_("Mục"), _("Chỉ tiêu"), _("Số liệu"), _("Ghi chú")])
    for line in report.lines:
        writer.writerow([line.section, line.label, _shown(line.value), line.note])
    if report.libraries:
        writer.writerow([])
        writer.writerow(_library_headers())
        for library, f in report.libraries:
            writer.writerow([library.code, library.name, library.get_library_type_display(),
                             *(f.get(n, 0) for n in LIBRARY_COLUMNS)])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(report: AnnualReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Báo cáo")[:31]
    for line in _heading(report):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([_("Mục"), _("Chỉ tiêu"), _("Số liệu"), _("Ghi chú")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in report.lines:
        sheet.append([line.section, line.label, _shown(line.value), line.note])
        if isinstance(line.value, Decimal):
            sheet.cell(row=sheet.max_row, column=3).number_format = "0.00"
    for column, width in zip("ABCD", (34, 40, 14, 48), strict=True):
        sheet.column_dimensions[column].width = width
    if report.libraries:
        libs = book.create_sheet(_("Từng thư viện")[:31])
        libs.append(_library_headers())
        for cell in libs[1]:
            cell.font = Font(bold=True)
        for library, f in report.libraries:
            libs.append([library.code, library.name, library.get_library_type_display(),
                         *(f.get(n, 0) for n in LIBRARY_COLUMNS)])  # fmt: skip
        libs.column_dimensions["B"].width = 44
        libs.column_dimensions["C"].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: AnnualReport) -> bytes:
    """A4, DejaVu Sans embedded (Vietnamese letters print on any machine)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts

    register_fonts()
    normal = ParagraphStyle("n", fontName=FONT, fontSize=9, leading=12)
    title = ParagraphStyle("t", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=1)
    heading = _heading(report)
    story = [Paragraph(heading[0], title), Spacer(1, 4 * mm)]
    story += [Paragraph(line, normal) for line in heading[1:]]
    story.append(Spacer(1, 5 * mm))
    rows = [[_("Mục"), _("Chỉ tiêu"), _("Số liệu"), _("Ghi chú")]]
    rows += [
        [Paragraph(line.section, normal), Paragraph(line.label, normal),
         _shown_pdf(line.value), Paragraph(line.note, normal)]
        for line in report.lines
    ]  # fmt: skip
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 9),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story.append(Table(rows, colWidths=[38 * mm, 55 * mm, 25 * mm, 62 * mm], style=table_style))
    if report.libraries:
        story.append(Spacer(1, 6 * mm))
        libs = [_library_headers()[1:]]
        libs += [
            [Paragraph(lib.name, normal), Paragraph(lib.get_library_type_display(), normal),
             *(str(f.get(n, 0)) for n in LIBRARY_COLUMNS)]
            for lib, f in report.libraries
        ]  # fmt: skip
        story.append(Table(libs, repeatRows=1, style=table_style,
                           colWidths=[50 * mm, 36 * mm] + [16 * mm] * 6))  # fmt: skip
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, title=report.title, author="thuvien",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
    ).build(story)  # fmt: skip
    return out.getvalue()


FORMATS = {
    "xlsx": (report_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (report_pdf, "application/pdf"),
    "csv": (report_csv, "text/csv; charset=utf-8"),
}
