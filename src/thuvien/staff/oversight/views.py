"""The network at a glance for an inspector: only translates the request and renders what
``oversight.selectors`` returns."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.oversight.selectors import network_overview


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


@requires(Capability.OVERSEE, network_wide=True)
def overview(request: HttpRequest) -> HttpResponse:
    data = network_overview(network=request.network, year=_year(request.GET.get("year")))
    return render(request, "staff/oversight/overview.html", {"o": data})
