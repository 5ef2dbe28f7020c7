"""Staff pages: the library's online payments (refund with a reason, audited), its receipts,
the queue of remote copy requests (approve, or refuse with a reason) and an object's price and
download limit. Views parse and call the domain's services; rules live there."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.digital.copies import copy_request_decide
from thuvien.digital.paid import object_fees_set
from thuvien.digital.selectors import copy_queue, copy_request_get_for, object_get_for
from thuvien.payments.models import OrderStatus
from thuvien.payments.selectors import order_get_for, orders_for_library, receipt_get_for


@requires(Capability.CIRCULATE, Capability.ADMINISTER_LIBRARY, readers_data=True)
def payment_list(request: StaffRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    page = Paginator(orders_for_library(library=request.library, status=status), 50).get_page(
        request.GET.get("page"))
    return render(request, "staff/payments/list.html", {
        "page": page, "status": status, "statuses": OrderStatus.choices,
    })


@require_POST
@requires(Capability.ADMINISTER_LIBRARY)
def refund(request: StaffRequest, pk: int) -> HttpResponse:
    from thuvien.payments.services import order_refund

    try:
        order = order_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    try:
        order_refund(order=order, staff=request.user, reason=request.POST.get("reason", "")[:255])
    except ThuvienError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận hoàn tiền giao dịch %(ref)s.")
                         % {"ref": order.txn_ref})
    return HttpResponseRedirect(reverse("staff_payments:list"))


@requires(Capability.CIRCULATE, Capability.ADMINISTER_LIBRARY, readers_data=True)
def receipt_view(request: StaffRequest, number: str) -> HttpResponse:
    try:
        receipt = receipt_get_for(library=request.library, number=number)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "opac/payments/receipt.html", {"receipt": receipt, "staff": True})


@requires(Capability.DIGITISE, readers_data=True)  # who asked for a copy, and why
def copy_queue_view(request: StaffRequest) -> HttpResponse:
    status = request.GET.get("status", "pending")
    return render(request, "staff/payments/copies.html", {
        "copies": list(copy_queue(library=request.library, status=status)[:200]),
        "status": status,
    })


@require_POST
@requires(Capability.DIGITISE)
def copy_decide(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        copy = copy_request_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    try:
        copy_request_decide(request=copy, staff=request.user,
                            approve=request.POST.get("decision") == "approve",
                            reason=request.POST.get("reason", "")[:500])
    except ThuvienError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xử lý yêu cầu sao chụp."))
    return HttpResponseRedirect(reverse("staff_payments:copies"))


def _whole(value: str) -> tuple[bool, int | None]:
    """(ok, number): empty is (True, None); "85.000" is 85000; anything else is not ok."""
    value = (value or "").strip().replace(".", "")
    if not value:
        return True, None
    return (True, int(value)) if value.isdigit() and len(value) < 12 else (False, None)


@require_http_methods(["GET", "POST"])
@requires(Capability.DIGITISE)
def object_fees(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        obj = object_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    error = ""
    if request.method == "POST":
        price_ok, price = _whole(request.POST.get("price", ""))
        limit_ok, limit = _whole(request.POST.get("download_limit", ""))
        if not (price_ok and limit_ok):
            error = _("Hãy nhập một số nguyên không âm (đồng, không có phần lẻ).")
        else:
            try:
                object_fees_set(obj=obj, actor=request.user, price=price, download_limit=limit)
            except ThuvienError as exc:
                error = exc.message
            else:
                messages.success(request, _("Đã lưu phí và giới hạn tải về."))
                return HttpResponseRedirect(reverse("staff_payments:object_fees", args=[pk]))
    return render(request, "staff/payments/object_fees.html", {"obj": obj, "error": error},
                  status=400 if error else 200)
