"""Print spine or barcode labels for a selection of the active library's items."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.holdings.labels import labels_for_items, labels_pdf
from thuvien.holdings.models import Item
from thuvien.holdings.selectors import items_added_since, items_by_barcodes

from ..forms import LabelForm


def items_added_today(library) -> list[Item]:
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    return items_added_since(library=library, start=start)


@requires(Capability.CATALOGUE, for_writing=True)
def labels(request: StaffRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if data is None and request.GET.get("barcodes"):
        data = {
            "kind": "spine",
            "layout": "3x8",
            "selection": "barcodes",
            "skip": 0,
            **request.GET.dict(),
        }
    form = LabelForm(
        data, initial={"kind": "spine", "layout": "3x8", "selection": "today", "skip": 0}
    )
    if data is not None and form.is_valid():
        cd = form.cleaned_data
        if cd["selection"] == "today":
            items = items_added_today(request.library)
        else:
            wanted = [
                b.strip() for b in cd["barcodes"].replace(",", "\n").splitlines() if b.strip()
            ]
            found = items_by_barcodes(library=request.library, barcodes=wanted)
            missing = [b for b in wanted if b not in found]
            if missing:
                form.add_error(
                    "barcodes",
                    _("Thư viện không có bản sao với mã vạch: %(codes)s.")
                    % {"codes": ", ".join(missing[:20])},
                )
            items = [found[b] for b in wanted if b in found]
        if not form.errors:
            if not items:
                form.add_error(None, _("Không có bản sao nào để in nhãn."))
            else:
                pdf = labels_pdf(
                    labels_for_items(items, library_name=request.library.name_vi),
                    kind=cd["kind"],
                    layout=cd["layout"],
                    skip=cd["skip"] or 0,
                )
                response = HttpResponse(pdf, content_type="application/pdf")
                response["Content-Disposition"] = f'inline; filename="nhan-{cd["kind"]}.pdf"'
                return response
    return render(
        request,
        "staff/catalog/labels.html",
        {"form": form, "today_count": len(items_added_today(request.library))},
        status=400 if form.errors else 200,
    )
