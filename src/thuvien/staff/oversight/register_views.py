"""The accession registers of the active library, on screen (printable) and as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.holdings.models import ItemType
from thuvien.oversight.registers import (
    general_csv,
    general_register,
    individual_csv,
    individual_register,
)

ON_SCREEN = 2000


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 1900 <= year <= 2100 else None


@requires(Capability.CATALOGUE)
def registers(request: HttpRequest) -> HttpResponse:
    kind = "general" if request.GET.get("kind") == "general" else "individual"
    year = _year(request.GET.get("year"))
    library = request.library
    if kind == "general":
        rows: list = general_register(library=library, year=year)
        data = general_csv
    else:
        rows = individual_register(library=library, year=year)
        data = individual_csv
    if request.GET.get("format") == "csv":
        response = HttpResponse(data(rows), content_type="text/csv; charset=utf-8")
        name = f"so-dang-ky-{'tong-quat' if kind == 'general' else 'ca-biet'}-{library.code}"
        response["Content-Disposition"] = f'attachment; filename="{name}-{year or "all"}.csv"'
        return response
    return render(
        request,
        "staff/oversight/registers.html",
        {
            "kind": kind,
            "year": year or "",
            "rows": rows[:ON_SCREEN],
            "total": len(rows),
            "cut": len(rows) > ON_SCREEN,
            "item_types": list(ItemType),
        },
    )
