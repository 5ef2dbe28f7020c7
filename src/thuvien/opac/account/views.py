"""The reader's own pages in the portal: loans, holds, fees, postal loans, personal data.

A reader logs in with card number or e-mail (``patrons.auth.CardNumberBackend``). Every page
starts from ``patron_get_for_user``; loans, holds and fees come from the reader selectors, so a
reader only ever reaches their own rows — someone else's hold or loan id answers 404. Writes go
through the circulation and patrons services; a refusal is shown in plain words.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.permissions import login_required_view
from thuvien.ai.selectors import personal_suggestions, suggestions_hidden
from thuvien.ai.services import suggestions_hide, suggestions_show
from thuvien.circulation.selectors import (
    hold_queue_position,
    loan_history,
    patron_balance,
    patron_fees,
    patron_hold_get,
    patron_holds,
    patron_loan_get,
    patron_loans,
    patron_postal_requests,
)
from thuvien.circulation.services import (
    hold_cancel,
    hold_place,
    loan_renew,
    postal_request_create,
)
from thuvien.circulation.services.postal import ADDRESS_MAX_LENGTH
from thuvien.core.errors import ThuvienError
from thuvien.holdings.visibility import viewer_for
from thuvien.network.selectors import library_list, sorted_vi
from thuvien.patrons.privacy import deletion_request_create, patron_export_data
from thuvien.patrons.selectors import deletion_request_pending, patron_get_for_user

from .records import record_for_reader, records_of_other_networks

HISTORY_LIMIT = 50


def _patron(request: HttpRequest) -> Any | None:
    return patron_get_for_user(user=request.user)


def _no_card(request: HttpRequest) -> HttpResponse:
    return render(request, "opac/account/no_card.html", {}, status=200)


def _overview_url(anchor: str = "") -> str:
    return reverse("opac_account:overview") + (f"#{anchor}" if anchor else "")


@login_required_view
def overview(request: HttpRequest) -> HttpResponse:
    patron = _patron(request)
    if patron is None:
        return _no_card(request)
    holds = list(patron_holds(patron=patron))
    for hold in holds:
        hold.queue_position = hold_queue_position(hold=hold)
    loans = list(patron_loans(patron=patron))
    today = timezone.localdate()
    for loan in loans:
        loan.is_overdue = loan.due_on < today
    history = list(loan_history(patron=patron)[:HISTORY_LIMIT]) if patron.keep_history else []
    hidden = patron.keep_history and suggestions_hidden(patron=patron)
    return render(
        request,
        "opac/account/overview.html",
        {
            "patron": patron,
            "loans": loans,
            "holds": holds,
            "fees": list(patron_fees(patron=patron)),
            "balance": patron_balance(patron=patron),
            "history": history,
            "suggestions_hidden": hidden,
            "suggestions": []
            if hidden
            else personal_suggestions(patron=patron, viewer=viewer_for(request.user)),
        },
    )


@login_required_view
@require_POST
def suggestions_view(request: HttpRequest) -> HttpResponse:
    """Hide or show again the reader's personal suggestions."""
    patron = _patron(request)
    if patron is None:
        raise Http404
    if request.POST.get("show"):
        suggestions_show(patron_id=patron.pk)
    else:
        suggestions_hide(patron_id=patron.pk)
    return HttpResponseRedirect(_overview_url("suggestions"))


@login_required_view
@require_POST
def loan_renew_view(request: HttpRequest, pk: int) -> HttpResponse:
    patron = _patron(request)
    loan = patron_loan_get(patron=patron, pk=pk) if patron else None
    if loan is None:
        raise Http404
    try:
        loan = loan_renew(loan=loan, actor=request.user)
    except ThuvienError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã gia hạn. Hạn trả mới: %(due)s.") % {"due": loan.due_on.strftime("%d/%m/%Y")},
        )
    return HttpResponseRedirect(_overview_url("loans"))


@login_required_view
def hold_place_view(request: HttpRequest) -> HttpResponse:
    patron = _patron(request)
    if patron is None:
        return _no_card(request)
    viewer = viewer_for(request.user)
    record = record_for_reader(patron=patron, record_id=request.GET.get("record"), viewer=viewer)
    if record is None:
        elsewhere = records_of_other_networks(
            patron=patron, record_ids=[request.GET.get("record")], viewer=viewer
        )
        if not elsewhere:
            raise Http404
        return render(
            request,
            "opac/account/other_network.html",
            {"patron": patron, "elsewhere": elsewhere},
        )
    libraries = sorted_vi(library_list(network=patron.network))
    error = ""
    selected = patron.library_id
    if request.method == "POST":
        chosen = {str(lib.pk): lib for lib in libraries}.get(request.POST.get("pickup", ""))
        selected = chosen.pk if chosen else selected
        if chosen is None:
            error = _("Hãy chọn thư viện nhận sách.")
        else:
            try:
                hold_place(patron=patron, pickup_library=chosen, actor=request.user, record=record)
            except ThuvienError as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    _("Đã đặt mượn trước. Thư viện sẽ báo khi sách sẵn sàng tại %(library)s.")
                    % {"library": chosen.name},
                )
                return HttpResponseRedirect(_overview_url("holds"))
    return render(
        request,
        "opac/account/hold_place.html",
        {
            "patron": patron,
            "record": record,
            "libraries": libraries,
            "selected": selected,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required_view
@require_POST
def hold_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    patron = _patron(request)
    hold = patron_hold_get(patron=patron, pk=pk) if patron else None
    if hold is None:
        raise Http404
    try:
        hold_cancel(hold=hold, actor=request.user)
    except ThuvienError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã hủy yêu cầu đặt trước."))
    return HttpResponseRedirect(_overview_url("holds"))


def _postal_records(patron: Any, ids: list[str], viewer: Any = None) -> list[Any]:
    records = []
    for record_id in dict.fromkeys(ids):  # in the order given, each once
        record = record_for_reader(patron=patron, record_id=record_id, viewer=viewer)
        if record is not None:
            records.append(record)
    return records


@login_required_view
def postal_view(request: HttpRequest) -> HttpResponse:
    """Ask for books by post, and see the requests already sent with their status.

    The books offered come from the address (``?record=``, from the record page); on POST
    only the ticked ones are asked for: an unticked book is never sent because it was in the
    address. The form carries a one-time token; the service turns the same form sent twice
    (a double click) into one request."""
    patron = _patron(request)
    if patron is None:
        return _no_card(request)
    viewer = viewer_for(request.user)
    offered = _postal_records(patron, request.GET.getlist("record"), viewer)
    error, error_field = "", ""
    if request.method == "POST":
        chosen = _postal_records(patron, request.POST.getlist("record"), viewer)
        address = request.POST.get("address", "")
        token = request.POST.get("token", "")
        try:
            postal_request_create(
                patron=patron,
                items_or_records=chosen,
                address=address,
                actor=request.user,
                token=token,
            )
        except ThuvienError as exc:
            error, error_field = exc.message, exc.field or "items"
        else:
            messages.success(
                request,
                _("Đã gửi yêu cầu mượn qua bưu chính. Thư viện sẽ liên hệ khi gửi sách."),
            )
            return HttpResponseRedirect(reverse("opac_account:postal") + "#requests")
        offered += [r for r in chosen if r not in offered]
        chosen_ids = {r.pk for r in chosen}
    else:
        address = patron.address
        token = secrets.token_urlsafe(24)
        chosen_ids = {r.pk for r in offered}
    return render(
        request,
        "opac/account/postal.html",
        {
            "patron": patron,
            "records": [(r, r.pk in chosen_ids) for r in offered],
            "address": address,
            "address_max": ADDRESS_MAX_LENGTH,
            "token": token,
            "error": error,
            "error_field": error_field,
            "requests": patron_postal_requests(patron=patron),
            "elsewhere": records_of_other_networks(
                patron=patron, record_ids=request.GET.getlist("record"), viewer=viewer
            ),
        },
        status=400 if error else 200,
    )


@login_required_view
def privacy_view(request: HttpRequest) -> HttpResponse:
    patron = _patron(request)
    if patron is None:
        return _no_card(request)
    pending = deletion_request_pending(patron=patron)
    return render(
        request,
        "opac/account/privacy.html",
        {"patron": patron, "consents": list(patron.consents.all()), "pending": pending},
    )


@login_required_view
def privacy_export_view(request: HttpRequest) -> HttpResponse:
    patron = _patron(request)
    if patron is None:
        raise Http404
    body = json.dumps(patron_export_data(patron=patron), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-{patron.card_number}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required_view
@require_POST
def privacy_delete_view(request: HttpRequest) -> HttpResponse:
    patron = _patron(request)
    if patron is None:
        raise Http404
    try:
        deletion_request_create(patron=patron, actor=request.user)
    except ThuvienError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã ghi nhận yêu cầu xóa dữ liệu. Thư viện sẽ xử lý và thông báo cho bạn."),
        )
    return HttpResponseRedirect(reverse("opac_account:privacy"))
