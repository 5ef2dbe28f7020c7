"""The fee ledger of the library: fees charged and payments taken."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.circulation.models import (
    Fee,
    Payment,
)
from thuvien.circulation.selectors import (
    library_ledger,
)


@requires(Capability.CIRCULATE)
def ledger(request: StaffRequest) -> HttpResponse:
    library = request.library
    fees = Fee.objects.filter(library=library).select_related("patron").order_by("-created_at")
    pays = Payment.objects.filter(library=library).select_related("patron").order_by("-created_at")
    return render(request, "staff/circulation/ledger.html",
                  {"totals": library_ledger(library=library), "fees": fees[:100],
                   "payments": pays[:100]})  # fmt: skip
