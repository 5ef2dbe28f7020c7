"""Holds and lost/damaged copies from the reader's page; the library's notice templates;
the fee ledger of the library."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.models import Record
from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.models import (
    Fee,
    Loan,
    NoticeChannel,
    NoticeKind,
    NoticeTemplate,
    Payment,
)
from thuvien.circulation.selectors import (
    hold_for_desk,
    item_for_desk,
    library_ledger,
    lost_fee_get_for,
    lost_fee_quote,
    lost_undo_refusal,
)
from thuvien.circulation.services import (
    hold_cancel,
    hold_place,
    item_declare_lost,
    item_lost_undo,
    notice_template_reset,
    notice_template_save,
)
from thuvien.circulation.services.notices import template_for
from thuvien.circulation.templatetags.circulation_tags import vnd
from thuvien.core.errors import ThuvienError
from thuvien.patrons.selectors import patron_get_for

from ..forms import HoldForm, NoticeTemplateForm
from .common import get_or_404


@requires(Capability.CIRCULATE)
def patron_hold(request: StaffRequest, pk: int) -> HttpResponse:
    patron = get_or_404(patron_get_for, library=request.library, pk=pk)
    if request.method != "POST":
        return redirect("circulation:patron-detail", pk=pk)
    form = HoldForm(request.POST, network=request.network)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("circulation:patron-detail", pk=pk)
    data = form.cleaned_data
    try:
        if data.get("barcode"):
            item = item_for_desk(library=request.library, barcode=data["barcode"])
            hold_place(patron=patron, pickup_library=data["pickup_library"], actor=request.user,
                       item=item)  # fmt: skip
        else:
            record = Record.objects.filter(pk=data["record"], network=request.network).first()
            if record is None:
                raise ThuvienError("not_found", _("Không tìm thấy biểu ghi."))
            hold_place(patron=patron, pickup_library=data["pickup_library"], actor=request.user,
                       record=record)  # fmt: skip
        messages.success(request, _("Đã đặt trước."))
    except ThuvienError as exc:
        messages.error(request, exc.message)
    return redirect("circulation:patron-detail", pk=pk)


@requires(Capability.CIRCULATE)
def hold_cancel_view(request: StaffRequest, pk: int) -> HttpResponse:
    """Cancel a hold picked up at this library or placed by one of its readers."""
    hold = get_or_404(hold_for_desk, library=request.library, pk=pk)
    if request.method == "POST":
        try:
            hold_cancel(hold=hold, actor=request.user)
            messages.success(request, _("Đã hủy đặt trước."))
        except ThuvienError as exc:
            messages.error(request, exc.message)
    if hold.patron_id and hold.patron.library_id == request.library.pk:
        return redirect("circulation:patron-detail", pk=hold.patron_id)
    return redirect("circulation:report", name="holds-to-pull")


@requires(Capability.CIRCULATE)
def loan_lost(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    """ "Báo mất" / "Hư hỏng": GET shows the fee that will be charged, POST (with the amount
    that was shown) charges it. Nothing is charged by a single click."""
    loan = (
        Loan.objects.filter(pk=pk, library=request.library, returned_at__isnull=True)
        .select_related("item__record", "patron", "library")
        .first()
    )
    if loan is None or kind not in ("lost", "damaged") or loan.patron_id is None:
        raise Http404
    back = redirect("circulation:patron-detail", pk=loan.patron_id)
    amount = lost_fee_quote(loan=loan)
    if request.method == "POST":
        try:
            item_declare_lost(
                loan=loan,
                staff=request.user,
                damaged=kind == "damaged",
                expected_amount=request.POST.get("amount", ""),
            )
        except CirculationError as exc:
            if exc.code != CirculationErrorCode.LOST_FEE_CHANGED:
                messages.error(request, exc.message)
                return back
            messages.error(request, exc.message)
            amount = lost_fee_quote(loan=loan)
        else:
            messages.success(
                request,
                _(
                    "Đã ghi nhận và tính tiền bồi thường %(amount)s đ. "
                    "Có thể hoàn tác trong hôm nay."
                )
                % {"amount": vnd(amount)},
            )
            return back
    return render(
        request,
        "staff/circulation/patrons/lost_confirm.html",
        {"loan": loan, "kind": kind, "amount": amount, "patron": loan.patron},
    )


@requires(Capability.CIRCULATE)
def lost_undo(request: StaffRequest, pk: int) -> HttpResponse:
    """Undo a lost/damaged declaration of today: GET asks, POST does it."""
    fee = get_or_404(lost_fee_get_for, library=request.library, pk=pk)
    if fee.patron_id is None:
        raise Http404
    back = redirect("circulation:patron-detail", pk=fee.patron_id)
    if request.method == "POST":
        try:
            item_lost_undo(fee=fee, library=request.library, staff=request.user)
        except CirculationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Đã hoàn tác: %(barcode)s trở lại danh sách đang mượn, "
                    "khoản %(amount)s đ đã được hủy."
                )
                % {"barcode": fee.loan.item.barcode, "amount": vnd(fee.amount)},
            )
        return back
    refusal = lost_undo_refusal(fee=fee)
    if refusal is not None:
        messages.error(request, CirculationError(refusal).message)
        return back
    return render(
        request,
        "staff/circulation/patrons/lost_undo_confirm.html",
        {"fee": fee, "loan": fee.loan, "patron": fee.patron},
    )


@requires(Capability.ADMINISTER_LIBRARY)
def notice_templates(request: StaffRequest) -> HttpResponse:
    """The library's own wording of each notice; an empty body goes back to the default."""
    library = request.library
    kind = request.GET.get("kind") or request.POST.get("kind") or NoticeKind.HOLD_READY
    channel = request.GET.get("channel") or request.POST.get("channel") or NoticeChannel.EMAIL
    language = request.GET.get("language") or request.POST.get("language") or "vi"
    if kind not in NoticeKind.values or channel not in NoticeChannel.values or language not in (
        "vi", "en"
    ):  # fmt: skip
        raise Http404
    key = {"network": library.network, "library": library, "kind": kind, "channel": channel,
           "language": language}  # fmt: skip
    own = NoticeTemplate.objects.filter(**key).first()
    subject, body = template_for(library=library, kind=kind, channel=channel, language=language)
    form = NoticeTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST":
        if request.POST.get("reset") and own is not None:
            notice_template_reset(template=own, actor=request.user)
            messages.success(request, _("Đã trở về mẫu mặc định."))
            return redirect(f"{request.path}?kind={kind}&channel={channel}&language={language}")
        if form.is_valid():
            notice_template_save(library=library, kind=kind, channel=channel,
                                 language=language, actor=request.user,
                                 **form.cleaned_data)  # fmt: skip
            messages.success(request, _("Đã lưu mẫu thông báo."))
            return redirect(f"{request.path}?kind={kind}&channel={channel}&language={language}")
    ctx: dict[str, Any] = {"form": form, "kind": kind, "channel": channel, "language": language,
                           "own": own, "kinds": NoticeKind.choices,
                           "channels": NoticeChannel.choices}  # fmt: skip
    return render(request, "staff/circulation/notice_templates.html", ctx)


@requires(Capability.CIRCULATE)
def ledger(request: StaffRequest) -> HttpResponse:
    library = request.library
    fees = Fee.objects.filter(library=library).select_related("patron").order_by("-created_at")
    pays = Payment.objects.filter(library=library).select_related("patron").order_by("-created_at")
    return render(request, "staff/circulation/ledger.html",
                  {"totals": library_ledger(library=library), "fees": fees[:100],
                   "payments": pays[:100]})  # fmt: skip
