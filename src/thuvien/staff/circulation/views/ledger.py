"""The fee ledger of the library: fees charged and payments taken."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.circulation.selectors import (
    fees_and_payments_of,
    library_ledger,
)


@requires(Capability.CIRCULATE)
def ledger(request: StaffRequest) -> HttpResponse:
    library = request.library
    fees, pays = fees_and_payments_of(library=library)
    return render(request, "staff/circulation/ledger.html",
                  {"totals": library_ledger(library=library), "fees": fees,
                   "payments": pays})  # fmt: skip
