"""The network at a glance for an inspector: only translates the request and renders what
``oversight.selectors`` returns."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.network.models import Network
from thuvien.oversight.digitisation import digitisation_shares, share
from thuvien.oversight.reports import FORMATS, PERIODS, annual_report
from thuvien.oversight.selectors import MapPoint, library_map, network_overview
from thuvien.oversight.training import QUALIFIED_SHARE, network_training
from thuvien.oversight.year_figures import key_library_unchecked, network_thresholds


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _map_markup(points: list[MapPoint]) -> tuple[str, str]:
    """The map's points and its table rows, written here rather than looped in the template:
    a province has a thousand libraries and the template loop cost most of the page's CPU."""
    each, lent, centre = _("bản"), _("lượt mượn trong ngày"), _("đặt ở trung tâm xã")
    centre_short = _("trung tâm xã")
    svg = format_html_join(
        "",
        '<g class="map-point" data-library="{}" fill="#1a4d80" color="#1a4d80"><title>{}{}: '
        '{} {}, {} {}{}</title><use href="#shape-{}" x="{}" y="{}" width="18" height="18" '
        'transform="translate(-9 -9)"/><text x="{}" y="{}" dx="11" dy="4" font-size="11" '
        'fill="#000">{}</text></g>',
        (
            (p.library.code, p.library.name, f" — {p.commune}" if p.commune else "",
             p.copies, each, p.loans, lent, f" ({centre})" if p.approximate else "",
             p.shape, repr(p.x), repr(p.y), repr(p.x), repr(p.y), p.copies)
            for p in points
        ),
    )  # fmt: skip
    rows = format_html_join(
        "",
        '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td class="num">{}</td>'
        "<td>{}</td></tr>",
        (
            (p.commune or "—", p.library.name, p.library.get_library_type_display(), p.copies,
             centre_short if p.approximate
             else f"{p.library.latitude}, {p.library.longitude}")
            for p in points
        ),
    )  # fmt: skip
    return svg, rows


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
    everything, special, endogenous = digitisation_shares(data.libraries)
    drawn = library_map(overview=data)
    svg, rows = _map_markup(drawn.points)
    return {
        "o": data,
        "training": network_training(network=network),
        "threshold": QUALIFIED_SHARE,
        "map": drawn,
        "map_points_svg": svg,
        "map_rows": rows,
        "decree_93": network_thresholds(libraries=data.libraries, year=data.year),
        "digital_shares": (everything, special, endogenous),
        "digital_by_type": [
            (code, label, f.values, share(f.values["titles_digitised"], f.values["titles"]))
            for code, label, f in data.by_type
        ],
        "key_unchecked": key_library_unchecked(),
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
