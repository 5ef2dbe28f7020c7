"""Weeding (thanh lọc, Circular 02/2020/TT-BVHTTDL art. 28): choose copies, approve the list by
a decision with its number and date, withdraw them, report.

1. ``weeding_candidates`` selects a library's copies by condition (available, damaged, lost),
   age (acquired before a date), use (no loan for N years) and location;
2. ``weeding_create`` keeps them as a draft list, from which ``weeding_remove_copy`` takes out
   the copies the library keeps after all;
3. ``weeding_approve`` records the decision and withdraws every copy through holdings'
   services, with the decision named in the note. A copy circulation still holds (on loan, on
   the hold shelf, travelling, or held by a registered check) stops the whole approval, and
   nothing is changed; the page names the copies.

Every step writes an audit entry; the individual register then shows each copy "Đã thanh lọc
theo Quyết định số … ngày …".
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.catalog.titles import shown_title
from thuvien.circulation.models import Loan
from thuvien.core.audit import audit_record
from thuvien.core.numbers import count_text
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.errors import HoldingsError
from thuvien.holdings.models import Item, ItemStatus
from thuvien.holdings.services import CIRCULATION_STATUSES, item_in_use_checks, item_withdraw
from thuvien.network.models import Library, Location

from .errors import OversightError, OversightErrorCode
from .models import Weeding, WeedingCopy

E = OversightErrorCode
# The conditions a copy may be weeded in (a lent or travelling copy is circulation's).
CONDITIONS = (ItemStatus.DAMAGED, ItemStatus.AVAILABLE, ItemStatus.LOST)
MAX_COPIES = 20_000  # one decision; a larger clear-out is several decisions


@dataclass(frozen=True)
class Criteria:
    conditions: tuple[str, ...] = (ItemStatus.DAMAGED,)
    acquired_before: dt.date | None = None
    idle_years: int | None = None
    location_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "conditions": list(self.conditions),
            "acquired_before": self.acquired_before.isoformat() if self.acquired_before else None,
            "idle_years": self.idle_years,
            "location_id": self.location_id,
        }

    def describe(self) -> str:
        parts = [
            _("tình trạng: %(list)s")
            % {"list": ", ".join(str(ItemStatus(c).label) for c in self.conditions)}
        ]
        if self.acquired_before:
            parts.append(
                _("bổ sung trước ngày %(day)s") % {"day": self.acquired_before.strftime("%d/%m/%Y")}
            )
        if self.idle_years:
            parts.append(_("không có lượt mượn trong %(n)d năm") % {"n": self.idle_years})
        if self.location_id:
            location = Location.objects.filter(pk=self.location_id).first()
            if location is not None:
                parts.append(_("kho: %(name)s") % {"name": location.name})
        return "; ".join(parts)


def criteria_from(
    *,
    library: Library,
    conditions: list[str] | tuple[str, ...],
    acquired_before: str | dt.date | None = None,
    idle_years: str | int | None = None,
    location: str | int | None = None,
) -> Criteria:
    """Criteria from a form's text, each value checked; a bad one is named by its field."""
    chosen = tuple(c for c in CONDITIONS if c in set(conditions or ()))
    if not chosen:
        raise OversightError(
            E.REQUIRED, _("Chọn ít nhất một tình trạng của bản sao."), field="conditions"
        )
    before = None
    if isinstance(acquired_before, dt.date):
        before = acquired_before
    elif (acquired_before or "").strip():
        try:
            before = dt.date.fromisoformat(str(acquired_before).strip())
        except ValueError:
            raise OversightError(
                E.BAD_DATE, _("Ngày không hợp lệ (năm-tháng-ngày)."), field="acquired_before"
            ) from None
    years = None
    if str(idle_years if idle_years is not None else "").strip():
        try:
            years = int(str(idle_years).strip())
        except ValueError:
            years = -1
        if not 1 <= years <= 100:
            raise OversightError(E.BAD_NUMBER, _("Số năm từ 1 đến 100."), field="idle_years")
    location_id = None
    if str(location or "").strip():
        text = str(location).strip()
        found = (
            Location.objects.filter(library=library, pk=int(text)).first()
            if text.isdigit()
            else None
        )
        if found is None:
            raise OversightError(E.WRONG_LOCATION, _("Kho không hợp lệ."), field="location")
        location_id = found.pk
    return Criteria(chosen, before, years, location_id)


def weeding_candidates(*, library: Library, criteria: Criteria) -> QuerySet[Item]:
    """The library's copies that meet every criterion and are on no other draft list."""
    with scopes_disabled():
        items = Item.objects.filter(library=library, status__in=criteria.conditions)
        if criteria.acquired_before:
            items = items.filter(
                Q(acquired_on__lt=criteria.acquired_before)
                | Q(acquired_on__isnull=True, created_at__date__lt=criteria.acquired_before)
            )
        if criteria.idle_years:
            since = timezone.now() - dt.timedelta(days=round(365.25 * criteria.idle_years))
            items = items.exclude(
                Exists(Loan.objects.filter(item=OuterRef("pk"), issued_at__gte=since))
            )
        if criteria.location_id:
            items = items.filter(location_id=criteria.location_id)
        on_a_list = WeedingCopy.objects.filter(
            item=OuterRef("pk"), weeding__status=Weeding.Status.DRAFT
        )
        return (
            items.exclude(Exists(on_a_list))
            .select_related("record", "location")
            .order_by("call_number", "barcode")
        )


def _why(item: Item, criteria: Criteria) -> str:
    parts = [str(ItemStatus(item.status).label)]
    if criteria.idle_years:
        parts.append(_("không mượn %(n)d năm") % {"n": criteria.idle_years})
    return ", ".join(parts)[:255]


def weeding_create(
    *, library: Library, criteria: Criteria, actor: Any, reason: str = ""
) -> Weeding:
    """Keep the copies the criteria select as a draft list."""
    with transaction.atomic(), scopes_disabled():
        Library.objects.select_for_update().filter(pk=library.pk).first()
        items = list(weeding_candidates(library=library, criteria=criteria)[: MAX_COPIES + 1])
        if not items:
            raise OversightError(E.WEEDING_EMPTY, _("Không có bản sao nào thỏa điều kiện."))
        if len(items) > MAX_COPIES:
            raise OversightError(
                E.WEEDING_EMPTY,
                _("Quá %(n)d bản: hãy chia thành nhiều đợt (thu hẹp điều kiện).")
                % {"n": MAX_COPIES},
            )
        weeding = Weeding.objects.create(
            library=library,
            reason=reason.strip()[:255],
            criteria=criteria.as_dict(),
            created_at=timezone.now(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        WeedingCopy.objects.bulk_create(
            WeedingCopy(weeding=weeding, library=library, item=item, why=_why(item, criteria))
            for item in items
        )
        audit_record(
            actor=actor,
            action="oversight.weeding.created",
            obj=weeding,
            changes={"copies": [None, len(items)], "criteria": criteria.describe()},
        )
    return weeding


def _draft(weeding: Weeding) -> Weeding:
    weeding = Weeding.all_objects.select_for_update().get(pk=weeding.pk)
    if weeding.status != Weeding.Status.DRAFT:
        raise OversightError(
            E.WEEDING_STEP, _("Danh sách này đã được phê duyệt, không sửa được nữa.")
        )
    return weeding


def weeding_remove_copy(*, weeding: Weeding, barcode: str, actor: Any) -> Weeding:
    """Take a copy off a draft list (the library keeps it after all)."""
    with transaction.atomic(), scopes_disabled():
        weeding = _draft(weeding)
        row = WeedingCopy.objects.filter(
            weeding=weeding, item__barcode=(barcode or "").strip().upper()
        ).first()
        if row is None:
            raise OversightError(E.NOT_FOUND, _("Bản sao này không có trong danh sách."))
        row.delete()
        audit_record(
            actor=actor,
            action="oversight.weeding.copy_removed",
            obj=weeding,
            changes={"barcode": [barcode, None]},
        )
    return weeding


def _in_use(item: Item) -> bool:
    """Circulation holds the copy: by its status, or by what a check registered with holdings
    finds (an open loan, an active hold on this copy, an open transit)."""
    return item.status in CIRCULATION_STATUSES or any(check(item) for check in item_in_use_checks)


def decision_note(weeding: Weeding) -> str:
    return _("Đã thanh lọc theo Quyết định số %(number)s ngày %(day)s") % {
        "number": weeding.decision_number,
        "day": weeding.decision_date.strftime("%d/%m/%Y") if weeding.decision_date else "",
    }


def weeding_approve(
    *, weeding: Weeding, actor: Any, decision_number: str, decision_date: str | dt.date
) -> Weeding:
    """Record the decision and withdraw every copy of the list, or nothing at all."""
    number = " ".join((decision_number or "").split())
    if not number:
        raise OversightError(E.REQUIRED, _("Cần số quyết định."), field="decision_number")
    if len(number) > 60:
        raise OversightError(E.TOO_LONG, _("Số quyết định quá dài."), field="decision_number")
    if isinstance(decision_date, dt.date):
        day = decision_date
    else:
        try:
            day = dt.date.fromisoformat((decision_date or "").strip())
        except ValueError:
            raise OversightError(
                E.BAD_DATE, _("Ngày quyết định không hợp lệ."), field="decision_date"
            ) from None
    if day > timezone.localdate():
        raise OversightError(
            E.BAD_DATE, _("Ngày quyết định không thể ở tương lai."), field="decision_date"
        )
    with transaction.atomic(), scopes_disabled():
        weeding = _draft(weeding)
        rows = list(
            WeedingCopy.objects.filter(weeding=weeding).select_related("item").order_by("pk")
        )
        if not rows:
            raise OversightError(E.WEEDING_EMPTY, _("Danh sách không còn bản sao nào."))
        busy = [row.item.barcode for row in rows if _in_use(row.item)]
        if busy:
            raise OversightError(
                E.COPY_IN_USE,
                _(
                    "Các bản sao sau đang được mượn, đặt trước hoặc luân chuyển: %(list)s. "
                    "Hãy thu hồi hoặc bỏ chúng khỏi danh sách. Không có gì bị thay đổi."
                )
                % {"list": ", ".join(busy[:20]) + ("…" if len(busy) > 20 else "")},
            )
        weeding.decision_number, weeding.decision_date = number, day
        note = decision_note(weeding)
        try:
            for row in rows:
                item_withdraw(item=row.item, actor=actor, reason=note)
        except HoldingsError as exc:  # lent in the meantime: holdings' lock saw it
            raise OversightError(E.COPY_IN_USE, exc.message) from exc
        weeding.status = Weeding.Status.APPROVED
        weeding.approved_at = timezone.now()
        weeding.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        weeding.save(update_fields=["status", "decision_number", "decision_date",
                                    "approved_at", "approved_by"])  # fmt: skip
        audit_record(
            actor=actor,
            action="oversight.weeding.approved",
            obj=weeding,
            changes={"decision": [None, number], "decision_date": [None, day.isoformat()],
                     "copies": [None, len(rows)]},
        )  # fmt: skip
    return weeding


def weeded_notes(*, library: Library) -> dict[int, str]:
    """For the individual register: item id → "Đã thanh lọc theo Quyết định số … ngày …"."""
    with scopes_disabled():
        rows = WeedingCopy.objects.filter(
            library=library, weeding__status=Weeding.Status.APPROVED
        ).select_related("weeding")
        return {row.item_id: decision_note(row.weeding) for row in rows}


# --- The report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeedingLine:
    number: str
    title: str
    author: str
    call_number: str
    acquired_on: dt.date | None
    price: Decimal | None
    why: str


def weeding_lines(weeding: Weeding) -> list[WeedingLine]:
    with scopes_disabled():
        rows = (
            WeedingCopy.objects.filter(weeding=weeding)
            .select_related("item__record")
            .order_by("item__call_number", "item__barcode")
        )
        out = []
        for row in rows:
            record = row.item.record
            authors = record.authors or []
            out.append(WeedingLine(
                row.item.barcode, shown_title(record.title),
                str(authors[0]) if authors else record.responsibility,
                row.item.call_number, row.item.acquired_on, row.item.price, row.why,
            ))  # fmt: skip
        return out


def weeding_value(weeding: Weeding) -> Decimal:
    with scopes_disabled():
        total = WeedingCopy.objects.filter(weeding=weeding).aggregate(v=Sum("item__price"))["v"]
    return total or Decimal(0)


def _heading(weeding: Weeding, lines: list[WeedingLine]) -> list[str]:
    library = Library.objects.get(pk=weeding.library_id)
    out = [
        _("Danh sách tài liệu thanh lọc"),
        _("Thư viện: %(name)s") % {"name": library.name},
    ]
    if weeding.status == Weeding.Status.APPROVED:
        out.append(decision_note(weeding).replace(_("Đã thanh lọc theo"), _("Theo")))
    else:
        out.append(_("Dự thảo: chưa có quyết định phê duyệt."))
    if weeding.reason:
        out.append(_("Lý do: %(reason)s") % {"reason": weeding.reason})
    value = sum((line.price or 0 for line in lines), Decimal(0))
    out.append(
        _("Tổng số: %(copies)d bản, trị giá %(value)s đồng.")
        % {"copies": len(lines), "value": count_text(value)}
    )
    out.append(_("Căn cứ: Thông tư 02/2020/TT-BVHTTDL (điều 28); Thông tư 18/2014/TT-BVHTTDL."))
    return out


def _headers() -> list[str]:
    return [_("STT"), _("Số đăng ký cá biệt"), _("Nhan đề"), _("Tác giả"), _("Ký hiệu xếp giá"),
            _("Ngày bổ sung"), _("Giá (đồng)"), _("Lý do")]  # fmt: skip


def _row(i: int, line: WeedingLine) -> list[Any]:
    return [i, line.number, line.title, line.author, line.call_number,
            line.acquired_on.strftime("%d/%m/%Y") if line.acquired_on else "",
            int(line.price) if line.price is not None else "", line.why]  # fmt: skip


def weeding_xlsx(weeding: Weeding) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lines = weeding_lines(weeding)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Thanh lọc")[:31]
    for text in _heading(weeding, lines):
        sheet.append([text])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(_headers())
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for i, line in enumerate(lines, 1):
        sheet.append(_row(i, line))
    for column, width in zip("ABCDEFGH", (6, 18, 44, 24, 16, 13, 12, 28), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def weeding_pdf(weeding: Weeding) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from thuvien.core.pdf import FONT, FONT_BOLD, register_fonts

    register_fonts()
    lines = weeding_lines(weeding)
    normal = ParagraphStyle("n", fontName=FONT, fontSize=9, leading=12)
    title = ParagraphStyle("t", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=1)
    heading = _heading(weeding, lines)
    story = [Paragraph(heading[0], title), Spacer(1, 4 * mm)]
    story += [Paragraph(text, normal) for text in heading[1:]]
    story.append(Spacer(1, 5 * mm))
    rows: list[list[Any]] = [_headers()]
    for i, line in enumerate(lines, 1):
        cells = _row(i, line)
        cells[2], cells[3], cells[7] = (Paragraph(str(cells[n]), normal) for n in (2, 3, 7))
        cells[6] = count_text(cells[6]) if cells[6] != "" else ""
        rows.append([c if not isinstance(c, int) else str(c) for c in cells])
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("ALIGN", (6, 1), (6, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    widths = [10 * mm, 28 * mm, 75 * mm, 40 * mm, 28 * mm, 22 * mm, 20 * mm, 44 * mm]
    story.append(Table(rows, colWidths=widths, repeatRows=1, style=style))
    story.append(Spacer(1, 10 * mm))
    story.append(Table(
        [[_("Người lập danh sách"), _("Thủ trưởng đơn vị")],
         [_("(ký, ghi rõ họ tên)"), _("(ký, ghi rõ họ tên, đóng dấu)")]],
        colWidths=[130 * mm, 130 * mm],
        style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9), ("ALIGN", (0, 0), (-1, -1),
                          "CENTER")]),
    ))  # fmt: skip
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=landscape(A4), title=heading[0], author="thuvien",
        leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
    ).build(story)  # fmt: skip
    return out.getvalue()
