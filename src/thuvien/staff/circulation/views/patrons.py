"""Readers at the desk: search, register, view, edit, renew the card, block, password, the
printable card, data export, fees (pay, waive, charge) and receipts. Readers of other
libraries answer 404 (``patron_get_for`` filters by the active library)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.circulation.errors import CirculationError
from thuvien.circulation.selectors import (
    loan_history,
    lost_fees_undoable,
    patron_fees,
    patron_holds,
    patron_loans,
    patron_payments_at,
    payment_get_for,
)
from thuvien.circulation.services import fee_create, fee_pay, fee_waive
from thuvien.core.errors import ThuvienError
from thuvien.core.uploads import upload_limit
from thuvien.patrons.card import card_pdf
from thuvien.patrons.selectors import patron_get_for, patron_search
from thuvien.patrons.services import (
    PHOTO_MAX_BYTES,
    categories_ensure,
    patron_block,
    patron_export_data,
    patron_register,
    patron_renew_card,
    patron_replace_card,
    patron_set_password,
    patron_set_photo,
    patron_unblock,
    patron_update,
)
from thuvien.staff.forms_flow import form_submit

from ..forms import (
    BlockForm,
    FeeForm,
    HoldForm,
    PasswordForm,
    PatronForm,
    PatronRegisterForm,
    PaymentForm,
    WaiverForm,
)
from .common import get_or_404


def _patron(request: StaffRequest, pk: int) -> Any:
    return get_or_404(patron_get_for, library=request.library, pk=pk)


READ_PATRONS = (Capability.CIRCULATE, Capability.MANAGE_PATRONS)


@requires(*READ_PATRONS)
def patron_list(request: StaffRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    patrons = patron_search(library=request.library, query=query)
    return render(request, "staff/circulation/patrons/list.html", {"patrons": patrons, "q": query})


@requires(Capability.MANAGE_PATRONS)
def patron_create(request: StaffRequest) -> HttpResponse:
    categories_ensure(network=request.network)
    form = PatronRegisterForm(request.POST or None, network=request.network)
    done = form_submit(
        request,
        form,
        lambda data: patron_register(library=request.library, actor=request.user, **data),
        success=lambda patron: _("Đã cấp thẻ %(card)s.") % {"card": patron.card_number},
        then=lambda patron: redirect("circulation:patron-detail", pk=patron.pk),
    )
    if done is not None:
        return done
    return render(request, "staff/circulation/patrons/form.html", {"form": form, "creating": True})


@requires(*READ_PATRONS)
def patron_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The reader as the desk needs them: who, whether the card works, what they owe, what
    they have; the rarer actions grouped below."""
    patron = _patron(request, pk)
    today = timezone.localdate()
    loans = list(patron_loans(patron=patron))
    fees = list(patron_fees(patron=patron))
    ctx = {
        "patron": patron,
        "today": today,
        "card_expired": patron.expires_on < today,
        "loans": loans,
        "overdue_count": sum(1 for loan in loans if loan.due_on < today),
        "holds": patron_holds(patron=patron),
        "fees": fees,
        "owed": sum((f.outstanding for f in fees), Decimal(0)),
        "owed_here": sum(
            (f.outstanding for f in fees if f.library_id == request.library.pk), Decimal(0)
        ),
        "lost_undoable": lost_fees_undoable(patron=patron, library=request.library),
        "history": loan_history(patron=patron)[:20] if patron.keep_history else [],
        "consents": patron.consents.all(),
        "payments": patron_payments_at(patron=patron, library=request.library),
        "pay_form": PaymentForm(),
        "waive_form": WaiverForm(),
        "fee_form": FeeForm(),
        "block_form": BlockForm(),
        "password_form": PasswordForm(),
        "hold_form": HoldForm(network=request.network, initial={"pickup_library": request.library}),
    }
    return render(request, "staff/circulation/patrons/detail.html", ctx)


@requires(Capability.MANAGE_PATRONS)
def patron_edit(request: StaffRequest, pk: int) -> HttpResponse:
    patron = _patron(request, pk)
    form = PatronForm(request.POST or None, instance=patron, network=request.network)

    def update(data: dict[str, Any]) -> Any:
        values = {name: data[name] for name in PatronForm.Meta.fields}
        patron.refresh_from_db()  # the form wrote onto the instance; the service compares
        return patron_update(patron=patron, actor=request.user, **values)

    done = form_submit(
        request,
        form,
        update,
        success=_("Đã lưu thông tin bạn đọc."),
        then=lambda _result: redirect("circulation:patron-detail", pk=patron.pk),
    )
    if done is not None:
        return done
    return render(request, "staff/circulation/patrons/form.html", {"form": form, "patron": patron})


@upload_limit(PHOTO_MAX_BYTES)  # the photo is the only file these actions take
@requires(Capability.MANAGE_PATRONS)
def patron_action(request: StaffRequest, pk: int, action: str) -> HttpResponse:
    """POST-only small actions on a reader: renew card, block, unblock, set password."""
    patron = _patron(request, pk)
    if request.method != "POST":
        return redirect("circulation:patron-detail", pk=pk)
    try:
        if action == "renew-card":
            patron_renew_card(patron=patron, actor=request.user)
            messages.success(
                request,
                _("Đã gia hạn thẻ đến %(d)s.") % {"d": patron.expires_on.strftime("%d/%m/%Y")},
            )
        elif action == "replace-card":
            patron_replace_card(patron=patron, actor=request.user, library=request.library)
            messages.success(request, _("Đã cấp thẻ mới %(card)s.") % {"card": patron.card_number})
        elif action == "photo":
            photo = request.FILES.get("photo")
            if photo is None:
                raise ThuvienError("invalid", _("Chọn tệp ảnh."))
            patron_set_photo(patron=patron, photo=photo, actor=request.user)
            messages.success(request, _("Đã lưu ảnh."))
        elif action == "block":
            form = BlockForm(request.POST)
            if not form.is_valid():
                raise ThuvienError("invalid", _("Cần ghi lý do khóa thẻ."))
            patron_block(patron=patron, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Đã khóa thẻ."))
        elif action == "unblock":
            patron_unblock(patron=patron, actor=request.user)
            messages.success(request, _("Đã mở khóa thẻ."))
        elif action == "password":
            form = PasswordForm(request.POST)
            if not form.is_valid():
                raise ThuvienError("invalid", _("Mật khẩu cần ít nhất 8 ký tự."))
            patron_set_password(
                patron=patron, password=form.cleaned_data["password"], actor=request.user
            )
            messages.success(request, _("Đã đặt mật khẩu cổng thông tin."))
        else:
            return redirect("circulation:patron-detail", pk=pk)
    except ThuvienError as exc:
        messages.error(request, exc.message)
    return redirect("circulation:patron-detail", pk=pk)


@requires(*READ_PATRONS)
def patron_card(request: StaffRequest, pk: int) -> HttpResponse:
    patron = _patron(request, pk)
    response = HttpResponse(card_pdf(patron=patron), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="the-{patron.card_number}.pdf"'
    return response


@requires(Capability.MANAGE_PATRONS)
def patron_export(request: StaffRequest, pk: int) -> HttpResponse:
    patron = _patron(request, pk)
    body = json.dumps(patron_export_data(patron=patron), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-{patron.card_number}.json"'
    return response


@requires(Capability.CIRCULATE)
def patron_fee_action(request: StaffRequest, pk: int, action: str) -> HttpResponse:
    """Pay, waive or charge; on bad input nothing is saved and the reason is shown."""
    patron = _patron(request, pk)
    if request.method != "POST":
        return redirect("circulation:patron-detail", pk=pk)
    forms_by_action = {"pay": PaymentForm, "waive": WaiverForm, "charge": FeeForm}
    form_class = forms_by_action.get(action)
    if form_class is None:
        return redirect("circulation:patron-detail", pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("circulation:patron-detail", pk=pk)
    data = form.cleaned_data
    try:
        if action == "pay":
            payment = fee_pay(
                patron=patron,
                library=request.library,
                amount=data["amount"],
                staff=request.user,
                method=data["method"],
            )
            return redirect("circulation:receipt", pk=payment.pk)
        if action == "waive":
            fee_waive(
                patron=patron,
                library=request.library,
                amount=data["amount"],
                staff=request.user,
                reason=data["reason"],
            )
            messages.success(request, _("Đã miễn giảm."))
        else:
            fee_create(
                patron=patron,
                library=request.library,
                kind=data["kind"],
                amount=data["amount"],
                staff=request.user,
                description=data["description"],
            )
            messages.success(request, _("Đã ghi khoản phí."))
    except (CirculationError, ThuvienError) as exc:
        messages.error(request, exc.message)
    return redirect("circulation:patron-detail", pk=pk)


@requires(Capability.CIRCULATE)
def receipt(request: StaffRequest, pk: int) -> HttpResponse:
    payment = get_or_404(payment_get_for, library=request.library, pk=pk)
    return render(request, "staff/circulation/patrons/receipt.html", {"payment": payment})

