"""Lost and damaged copies from the reader's page: declare a loan's copy lost or damaged,
undo it when the copy comes back."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.selectors import (
    lost_fee_get_for,
    lost_fee_quote,
    lost_undo_refusal,
    open_loan_get_for,
)
from thuvien.circulation.services import (
    item_declare_lost,
    item_lost_undo,
)
from thuvien.circulation.templatetags.circulation_tags import vnd

from .common import get_or_404


@requires(Capability.CIRCULATE)
def loan_lost(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    """ "Báo mất" / "Hư hỏng": GET shows the fee that will be charged, POST (with the amount
    that was shown) charges it. Nothing is charged by a single click."""
    loan = open_loan_get_for(library=request.library, pk=pk)
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
        messages.error(request, CirculationError(CirculationErrorCode(refusal)).message)
        return back
    return render(
        request,
        "staff/circulation/patrons/lost_undo_confirm.html",
        {"fee": fee, "loan": fee.loan, "patron": fee.patron},
    )
