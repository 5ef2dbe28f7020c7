"""Holds from the reader's page: place one for a reader, cancel one at the desk."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.catalog.errors import RecordNotFound
from thuvien.catalog.selectors import record_get
from thuvien.circulation.selectors import (
    hold_for_desk,
    item_for_desk,
)
from thuvien.circulation.services import (
    hold_cancel,
    hold_place,
)
from thuvien.core.errors import ThuvienError
from thuvien.patrons.selectors import patron_get_for

from ..forms import HoldForm
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
            try:
                record = record_get(
                    network=request.network, pk=data["record"], include_deleted=True
                )
            except RecordNotFound:
                raise ThuvienError("not_found", _("Không tìm thấy biểu ghi.")) from None
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
