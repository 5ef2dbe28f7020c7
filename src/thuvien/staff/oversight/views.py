"""The network at a glance for an inspector: only translates the request and renders what
``oversight.selectors`` returns."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.network.models import Network
from thuvien.oversight.reports import FORMATS, PERIODS, annual_report
from thuvien.oversight.selectors import library_map, network_overview
from thuvien.oversight.training import QUALIFIED_SHARE, network_training
from thuvien.oversight.year_figures import network_thresholds


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def overview_context(*, network: Network, year: int | None) -> dict[str, Any]:
    """Everything the inspector's page shows (also what the benchmark measures)."""
    data = network_overview(network=network, year=year)
    charts = {
        "chart_months": {
            "label": _("Lượt mượn"),
            "labels": [_("Tháng %(m)s") % {"m": m["month"]} for m in data.months],
            "values": [m["loans"] for m in data.months],
        },
        "chart_types": {
            "label": _("Bản"),
            "labels": [label for _code, label, _f in data.by_type],
            "values": [f.values["copies"] for _code, _label, f in data.by_type],
        },
    }
    return {
        "o": data,
        "training": network_training(network=network),
        "threshold": QUALIFIED_SHARE,
        "map": library_map(overview=data),
        "decree_93": network_thresholds(libraries=data.libraries, year=data.year),
        "digital_installed": apps.is_installed("thuvien.digital"),
        **charts,
    }


@requires(Capability.OVERSEE, network_wide=True)
def overview(request: HttpRequest) -> HttpResponse:
    context = overview_context(network=request.network, year=_year(request.GET.get("year")))
    return render(request, "staff/oversight/overview.html", context)


def _report_response(request: HttpRequest, **scope: object) -> HttpResponse:
    year = _year(request.GET.get("year")) or timezone.localdate().year
    period = request.GET.get("period") if request.GET.get("period") in PERIODS else "calendar"
    fmt = request.GET.get("format") if request.GET.get("format") in FORMATS else "xlsx"
    report = annual_report(year=year, period=period, **scope)  # type: ignore[arg-type]
    write, mime = FORMATS[fmt]
    code = getattr(scope.get("library") or scope.get("network"), "code", "thuvien")
    response = HttpResponse(write(report), content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{code}-{year}.{fmt}"'
    return response


@requires(Capability.OVERSEE, network_wide=True)
def network_report(request: HttpRequest) -> HttpResponse:
    """The network's annual report (inspectors, network admins)."""
    return _report_response(request, network=request.network)


@requires(Capability.ADMINISTER_LIBRARY)
def library_report(request: HttpRequest) -> HttpResponse:
    """The active library's annual report (its head; inspectors read it too): the form, then
    the file."""
    if "format" not in request.GET:
        return render(
            request,
            "staff/oversight/library_report.html",
            {"library": request.library, "year": timezone.localdate().year},
        )
    return _report_response(request, library=request.library)
