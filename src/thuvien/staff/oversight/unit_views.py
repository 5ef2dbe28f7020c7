"""Figures over years by administrative unit, old (before 1 July 2025) or new, and the
mapping between them (inspectors, network admins). Rules live in ``oversight.units``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import AdminUnit
from thuvien.oversight.selectors import admin_units_loaded
from thuvien.oversight.units import (
    units_new_for,
    units_old_for,
    units_report,
    units_report_csv,
)


def _year(value: str | None, default: int) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@requires(Capability.OVERSEE, network_wide=True)
def units(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    era = request.GET.get("era") if request.GET.get("era") in AdminUnit.Era.values else "new"
    level = request.GET.get("level")
    if level not in AdminUnit.Level.values:
        level = AdminUnit.Level.COMMUNE
    first = _year(request.GET.get("from"), this_year - 2)
    last = _year(request.GET.get("to"), this_year)
    first, last = min(first, last), max(first, last)
    years = list(range(max(first, last - 9), last + 1))  # at most ten years on a page
    error = None
    try:
        rows = units_report(network=request.network, years=years, era=era, level=level)
    except OversightError as exc:
        rows, error = [], exc
    if request.GET.get("format") == "csv" and error is None:
        response = HttpResponse(
            units_report_csv(rows, years), content_type="text/csv; charset=utf-8"
        )
        name = f"don-vi-{era}-{level}-{years[0]}-{years[-1]}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    code = (request.GET.get("code") or "").strip()[:5]
    mapping = None
    if code.isdigit():
        mapping = {
            "code": code,
            "new": units_new_for(code=code.zfill(5))
            or units_new_for(code=code.zfill(2), level=AdminUnit.Level.PROVINCE),
            "old": units_old_for(code=code.zfill(5))
            or units_old_for(code=code.zfill(2), level=AdminUnit.Level.PROVINCE),
        }
    return render(
        request,
        "staff/oversight/units.html",
        {
            "rows": rows,
            "table": [
                (row, [(y, row.years.get(y, {}).get("loans", 0)) for y in years]) for row in rows
            ],
            "years": years,
            "era": era,
            "level": level,
            "eras": AdminUnit.Era.choices,
            "levels": AdminUnit.Level.choices,
            "error": error,
            "mapping": mapping,
            "loaded": admin_units_loaded(),
        },
        status=400 if error else 200,
    )
