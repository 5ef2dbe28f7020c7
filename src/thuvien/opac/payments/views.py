"""The reader's side of online payment: pay for a paid object, come back from the gateway,
see one's payments, receipts and remote copies, ask for a copy and download it.

The gateway's return and its IPN go to one domain service that checks the signature and applies
the result once; these views only translate. The IPN answers in VNPay's JSON words.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thuvien.accounts.permissions import login_required_view, public_view
from thuvien.core.errors import NotFound, ThuvienError
from thuvien.core.ratelimit import client_address
from thuvien.digital.copies import copy_file, copy_pay_start, copy_request_create
from thuvien.digital.paid import paid_access_start
from thuvien.digital.selectors import (
    copy_request_get_of_user,
    copy_requests_of_user,
    object_get_public,
)
from thuvien.payments import vnpay
from thuvien.payments.errors import PaymentsErrorCode
from thuvien.payments.models import Order, OrderStatus, Purpose
from thuvien.payments.receipts import receipt_pdf
from thuvien.payments.selectors import (
    order_get_of_user,
    orders_of_user,
    pending_timeout_minutes,
    receipt_get_of_user,
)
from thuvien.payments.services import order_checkout_url, order_result_apply

log = logging.getLogger(__name__)


def _to_gateway(request: HttpRequest, order: Order) -> HttpResponse:
    url = order_checkout_url(
        order=order,
        return_url=request.build_absolute_uri(reverse("opac_payments:return")),
        ip=client_address(request),
        locale="en" if get_language() == "en" else "vn",
    )
    return HttpResponseRedirect(url)


@require_POST
@login_required_view
def digital_pay(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        obj = object_get_public(pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    try:
        order = paid_access_start(obj=obj, user=request.user, ip=client_address(request))
        return _to_gateway(request, order)
    except ThuvienError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("opac_digital:viewer", args=[pk]))


def _subject_url(order: Order) -> str:
    if order.purpose == Purpose.DIGITAL_ACCESS:
        return reverse("opac_digital:viewer", args=[order.subject_id])
    return reverse("opac_payments:mine") + "#copies"


@require_GET
@public_view
def gateway_return(request: HttpRequest) -> HttpResponse:
    """Where the gateway sends the reader's browser back, with the signed result."""
    outcome = order_result_apply(params=request.GET.dict(), source="return")
    order = outcome.order
    if outcome.error or order is None:
        problem = (_("Chữ ký của cổng thanh toán không hợp lệ; giao dịch không được ghi nhận.")
                   if outcome.error == PaymentsErrorCode.SIGNATURE_INVALID
                   else _("Không ghi nhận được kết quả thanh toán này. Hãy liên hệ thư viện."))
        return render(request, "opac/payments/result.html", {"problem": problem}, status=400)
    if not request.user.is_authenticated or order.user_id != request.user.pk:
        # another person's order: say only that the result was received
        return render(request, "opac/payments/result.html", {"received": True})
    return HttpResponseRedirect(reverse("opac_payments:order", args=[order.txn_ref]))


@require_GET
@public_view
def gateway_ipn(request: HttpRequest) -> HttpResponse:
    """The gateway's server-to-server notice (VNPay IPN), answered in its JSON words; an
    unexpected failure answers 99 (the gateway then sends the notice again)."""
    try:
        outcome = order_result_apply(params=request.GET.dict(), source="ipn")
    except Exception:  # noqa: BLE001 - the gateway needs an answer in its own words
        log.exception("payment notice not applied")
        return JsonResponse(vnpay.IPN_ERROR)
    answers = {
        PaymentsErrorCode.SIGNATURE_INVALID: vnpay.IPN_SIGNATURE,
        PaymentsErrorCode.ORDER_UNKNOWN: vnpay.IPN_NOT_FOUND,
        PaymentsErrorCode.AMOUNT_MISMATCH: vnpay.IPN_AMOUNT,
    }
    if outcome.error:
        body = answers.get(PaymentsErrorCode(outcome.error), vnpay.IPN_ERROR)
    else:
        body = vnpay.IPN_CONFIRMED if outcome.applied else vnpay.IPN_ALREADY
    return JsonResponse(body)


@require_GET
@login_required_view
def order_view(request: HttpRequest, ref: str) -> HttpResponse:
    try:
        order = order_get_of_user(user=request.user, txn_ref=ref)
    except NotFound as exc:
        raise Http404 from exc
    receipt = getattr(order, "receipt", None) if order.status != OrderStatus.PENDING else None
    return render(request, "opac/payments/order.html", {
        "order": order,
        "receipt": receipt,
        "why": vnpay.response_message(order.response_code) if order.response_code else "",
        "subject_url": _subject_url(order),
        "is_access": order.purpose == Purpose.DIGITAL_ACCESS,
        "timeout": pending_timeout_minutes(),
    })


@require_GET
@login_required_view
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "opac/payments/mine.html", {
        "orders": list(orders_of_user(user=request.user)[:100]),
        "copies": list(copy_requests_of_user(user=request.user)[:100]),
    })


def _receipt(request: HttpRequest, number: str) -> Any:
    try:
        return receipt_get_of_user(user=request.user, number=number)
    except NotFound as exc:
        raise Http404 from exc


@require_GET
@login_required_view
def receipt_view(request: HttpRequest, number: str) -> HttpResponse:
    return render(request, "opac/payments/receipt.html", {"receipt": _receipt(request, number)})


@require_GET
@login_required_view
def receipt_pdf_view(request: HttpRequest, number: str) -> HttpResponse:
    receipt = _receipt(request, number)
    response = HttpResponse(receipt_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required_view
def copy_new(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        obj = object_get_public(pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    error, values = "", {"pages": "", "purpose": ""}
    if request.method == "POST":
        values = {"pages": request.POST.get("pages", "")[:200],
                  "purpose": request.POST.get("purpose", "")[:500]}
        try:
            copy_request_create(obj=obj, user=request.user, **values)
        except ThuvienError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã gửi yêu cầu sao chụp. Thư viện sẽ trả lời qua tài "
                                        "khoản bạn đọc của bạn."))
            return HttpResponseRedirect(reverse("opac_payments:mine") + "#copies")
    return render(request, "opac/payments/copy_new.html",
                  {"obj": obj, "error": error, "values": values}, status=400 if error else 200)


@require_POST
@login_required_view
def copy_pay(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        copy = copy_request_get_of_user(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    try:
        return _to_gateway(request, copy_pay_start(request=copy, user=request.user))
    except ThuvienError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("opac_payments:mine") + "#copies")


@require_GET
@login_required_view
def copy_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        copy = copy_request_get_of_user(user=request.user, pk=pk)
        data = copy_file(request=copy, user=request.user)
    except NotFound as exc:
        raise Http404 from exc
    except ThuvienError as exc:
        return render(request, "opac/payments/result.html", {"problem": exc.message}, status=410)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ban-sao-{copy.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
