"""Loan rules (library admin for the library's rows, network admin for the network's),
desk reports with CSV download, the postal-loan queue and data-deletion requests."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.titles import shown_title
from thuvien.circulation.models import LoanRule
from thuvien.circulation.selectors import (
    holds_to_pull,
    library_transactions_on,
    loan_rule_get_for,
    loan_rules_for,
    overdue_loans,
    postal_request_get_for,
    postal_requests_of,
    transits_expected,
)
from thuvien.circulation.services import (
    loan_rule_delete,
    loan_rule_may_change,
    loan_rule_save,
    postal_request_mark,
    postal_request_send,
)
from thuvien.core.errors import ThuvienError
from thuvien.holdings.models import ItemType
from thuvien.patrons.models import CategoryCode
from thuvien.patrons.selectors import categories_for, deletion_request_get_for, deletion_requests_of
from thuvien.patrons.services import deletion_request_process
from thuvien.staff.forms_flow import form_submit

from ..forms import LoanRuleForm, PostalReturnForm, PostalSendForm, ReadingRequestForm
from .common import item_by_barcode

# --- loan rules -----------------------------------------------------------------------------


def _rule_rows(rules: Any, *, request: StaffRequest) -> list[dict[str, Any]]:
    """Each rule with the words a person reads (the category's and the copy type's names,
    "Tất cả" for a wildcard) and whether this person may delete it (the service's own rule)."""
    library = request.library
    categories = {c.code: c.name for c in categories_for(network=library.network)}
    types = dict(ItemType.choices)
    everyone = _("Tất cả")
    may = {
        wide: loan_rule_may_change(actor=request.user, library=library, network_wide=wide)
        for wide in (True, False)
    }
    return [
        {
            "rule": r,
            "category": categories.get(r.patron_category)
            or dict(CategoryCode.choices).get(r.patron_category, r.patron_category)
            if r.patron_category
            else everyone,
            "item_type": types.get(r.item_type, r.item_type) if r.item_type else everyone,
            "may_delete": may[r.library_id is None],
        }
        for r in rules
    ]


# The rules are the library's policy, no reader's data: its head and the inspector read them.
@requires(Capability.CIRCULATE, Capability.ADMINISTER_LIBRARY)
def rules(request: StaffRequest) -> HttpResponse:
    library = request.library
    may_library = loan_rule_may_change(actor=request.user, library=library, network_wide=False)
    may_network = loan_rule_may_change(actor=request.user, library=library, network_wide=True)
    form = LoanRuleForm(request.POST or None)
    if request.method == "POST" and not (may_library or may_network):
        raise PermissionDenied
    network_wide = False

    def save(data: dict[str, Any]) -> LoanRule:
        nonlocal network_wide
        network_wide = data.pop("network_wide")
        return _rule_save(form, library, network_wide, request.user)

    def refused(form: Any, exc: Exception) -> None:
        if isinstance(exc, ThuvienError):
            form.add_error("network_wide" if network_wide else None, exc.message)
        else:
            form.add_error(None, _("Quy định mượn không hợp lệ."))

    done = form_submit(
        request,
        form,
        save,
        success=_("Đã lưu quy định mượn."),
        then="circulation:rules",
        errors=(ThuvienError, IntegrityError),
        on_error=refused,
    )
    if done is not None:
        return done
    return render(
        request,
        "staff/circulation/rules.html",
        {
            "rows": _rule_rows(loan_rules_for(library=library), request=request),
            "form": form,
            "may_edit": may_library or may_network,
            "may_network": may_network,
        },
    )


def _rule_save(form: LoanRuleForm, library: Any, network_wide: bool, actor: Any) -> LoanRule:
    """Create or replace the matrix cell (library or network, category, type)."""
    data = form.cleaned_data
    values = {k: v for k, v in data.items() if k not in ("patron_category", "item_type")}
    return loan_rule_save(
        library=library,
        network_wide=network_wide,
        patron_category=data["patron_category"],
        item_type=data["item_type"],
        values=values,
        actor=actor,
    )


@requires(Capability.CIRCULATE)
def rule_delete(request: StaffRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (what the rule said, and that the general rule applies again);
    POST deletes. Refused by the service for a rule the person may not change."""
    library = request.library
    rule = loan_rule_get_for(library=library, pk=pk)
    if rule is None:
        raise Http404
    row = _rule_rows([rule], request=request)[0]
    if not row["may_delete"]:
        raise PermissionDenied
    if request.method == "POST":
        try:
            loan_rule_delete(rule=rule, library=library, actor=request.user)
        except ThuvienError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã xóa quy định mượn."))
        return redirect("circulation:rules")
    return render(request, "staff/circulation/rule_delete.html", {"row": row})


# --- reports --------------------------------------------------------------------------------

REPORTS = ("overdue", "holds-to-pull", "transits", "daily")


def _report_rows(name: str, library: Any, day: dt.date) -> tuple[list[str], list[list[Any]]]:
    today = timezone.localdate()
    if name == "overdue":
        return [_("Mã vạch"), _("Nhan đề"), _("Số thẻ"), _("Hạn trả"), _("Số ngày quá hạn")], [
            [
                ln.item.barcode,
                shown_title(ln.item.record.title)[:100],
                ln.patron.card_number if ln.patron else "",
                ln.due_on.isoformat(),
                (today - ln.due_on).days,
            ]
            for ln in overdue_loans(library=library, today=today)
        ]
    if name == "holds-to-pull":
        return _holds_to_pull(library)
    if name == "transits":
        return [_("Mã vạch"), _("Nhan đề"), _("Từ thư viện"), _("Ngày gửi")], [
            [
                t.item.barcode,
                shown_title(t.item.record.title)[:100],
                t.from_library.name_vi,
                t.sent_at.date().isoformat(),
            ]
            for t in transits_expected(library=library)[:2000]
        ]
    out, back = library_transactions_on(library=library, day=day)
    return [_("Ngày"), _("Lượt cho mượn"), _("Lượt nhận trả")], [[day.isoformat(), out, back]]


def _holds_to_pull(library: Any) -> tuple[list[str], list[list[Any]]]:
    """Copies on this library's shelves that a queued hold anywhere in the network can take."""
    rows = [
        [
            item.barcode,
            item.call_number,
            shown_title(hold.record.title)[:100],
            hold.library.name_vi,
            hold.placed_at.date().isoformat(),
        ]
        for hold, item in holds_to_pull(library=library)
    ]
    header = [_("Mã vạch"), _("Ký hiệu xếp giá"), _("Nhan đề"), _("Nơi nhận"), _("Ngày đặt")]
    return header, rows


@requires(Capability.CIRCULATE)
def reports(request: StaffRequest, name: str = "overdue") -> HttpResponse:
    if name not in REPORTS:
        raise Http404
    try:
        day = (
            dt.date.fromisoformat(request.GET.get("day", ""))
            if request.GET.get("day")
            else timezone.localdate()
        )
    except ValueError:
        day = timezone.localdate()
        messages.error(request, _("Ngày không hợp lệ; hiển thị hôm nay."))
    header, rows = _report_rows(name, request.library, day)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{day}.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 with a BOM
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(rows)
        return response
    return render(
        request,
        "staff/circulation/reports.html",
        {"name": name, "reports": REPORTS, "header": header, "rows": rows, "day": day},
    )


# --- postal loans ---------------------------------------------------------------------------


@requires(Capability.CIRCULATE)
def postal_list(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "staff/circulation/postal.html",
        {
            "requests": postal_requests_of(library=request.library),
            "send_form": PostalSendForm(),
            "return_form": PostalReturnForm(),
        },
    )


@requires(Capability.CIRCULATE)
def postal_action(request: StaffRequest, pk: int, action: str) -> HttpResponse:
    postal = postal_request_get_for(library=request.library, pk=pk)
    if postal is None:
        raise Http404
    if request.method != "POST":
        return redirect("circulation:postal-list")
    try:
        if action == "send":
            form = PostalSendForm(request.POST)
            if not form.is_valid():
                raise ThuvienError("invalid", _("Cần nhập mã vạch và số bưu gửi."))
            items = [
                item_by_barcode(library=request.library, barcode=b)
                for b in form.cleaned_data["barcodes"].split()
                if b.strip()
            ]
            postal_request_send(
                request=postal,
                items=items,
                library=request.library,
                parcel_number=form.cleaned_data["parcel_number"],
                staff=request.user,
            )
        elif action in ("packed", "returned", "cancelled"):
            postal_request_mark(
                request=postal,
                status=action,
                staff=request.user,
                return_parcel_number=request.POST.get("return_parcel_number", ""),
            )
        messages.success(request, _("Đã cập nhật yêu cầu."))
    except ThuvienError as exc:
        messages.error(request, exc.message)
    return redirect("circulation:postal-list")


# --- data deletion requests -----------------------------------------------------------------


@requires(Capability.MANAGE_PATRONS)
def deletion_requests(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        req = deletion_request_get_for(library=request.library, pk=_int(request.POST.get("pk")))
        if req is None:
            raise Http404
        try:
            deletion_request_process(
                request=req,
                actor=request.user,
                approve=request.POST.get("decision") == "approve",
                note=request.POST.get("note", ""),
            )
            messages.success(request, _("Đã xử lý yêu cầu."))
        except ThuvienError as exc:
            messages.error(request, exc.message)
        return redirect("circulation:deletion-requests")
    return render(
        request,
        "staff/circulation/deletion_requests.html",
        {"requests": deletion_requests_of(library=request.library)},
    )


# --- restricted reading (đọc hạn chế) -------------------------------------------------------


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0


@requires(Capability.CIRCULATE)
def reading_permissions(request: StaffRequest) -> HttpResponse:
    """Requests to read a restricted copy in the reading room: record one, then grant or refuse
    it with a reason (``circulation.services.reading``)."""
    from thuvien.circulation.selectors import reading_permission_get_for, reading_permissions_of
    from thuvien.circulation.services import (
        reading_permission_decide,
        reading_permission_request,
        reading_room_hand_out,
        reading_room_take_back,
    )
    from thuvien.patrons.selectors import patron_get_by_card

    library = request.library
    form = ReadingRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action in ("hand_out", "take_back"):
                permission = reading_permission_get_for(
                    library=library, pk=_int(request.POST.get("pk"))
                )
                if permission is None:
                    raise Http404
                if action == "hand_out":
                    reading_room_hand_out(permission=permission, actor=request.user)
                    messages.success(request, _("Đã giao tài liệu đọc tại phòng đọc."))
                else:
                    reading_room_take_back(permission=permission, actor=request.user)
                    messages.success(request, _("Đã nhận lại tài liệu."))
                return redirect("circulation:reading")
            if action == "decide":
                permission = reading_permission_get_for(
                    library=library, pk=_int(request.POST.get("pk"))
                )
                if permission is None:
                    raise Http404
                reading_permission_decide(
                    permission=permission,
                    granted=request.POST.get("granted") == "1",
                    reason=request.POST.get("reason", ""),
                    actor=request.user,
                )
                messages.success(request, _("Đã ghi quyết định."))
                return redirect("circulation:reading")
            if form.is_valid():
                item = item_by_barcode(library=library, barcode=form.cleaned_data["barcode"])
                patron = patron_get_by_card(
                    network=library.network, card_number=form.cleaned_data["card_number"]
                )
                reading_permission_request(
                    library=library,
                    item=item,
                    patron=patron,
                    purpose=form.cleaned_data["purpose"],
                    actor=request.user,
                )
                messages.success(request, _("Đã ghi yêu cầu đọc hạn chế."))
                return redirect("circulation:reading")
            status = 400
        except ThuvienError as exc:
            messages.error(request, exc.message)
            status = 400
    rows = reading_permissions_of(library=library)
    return render(
        request,
        "staff/circulation/reading.html",
        {"form": form, "rows": rows},
        status=status,
    )
