"""The network at a glance for an inspector: only translates the request and renders what
``oversight.selectors`` returns."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.network.models import Library, LibraryType, Network
from thuvien.oversight.digitisation import digitisation_shares, share
from thuvien.oversight.reports import FORMATS, PERIODS, annual_report
from thuvien.oversight.selectors import MapPoint, library_map, network_overview
from thuvien.oversight.training import QUALIFIED_SHARE, network_training, training_figures
from thuvien.oversight.year_figures import Threshold, key_library_unchecked, network_thresholds


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _e(value: object) -> str:
    """HTML-escaped text (the stdlib's escape: Django's checks every argument for laziness,
    which over a thousand libraries' rows cost more than the rest of the page)."""
    return html.escape(str(value), quote=True)


def _num(value: object) -> str:
    """A number as the template would print it: integers plain, decimals with the active
    language's decimal separator (no grouping, as the settings have it)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", str(get_format("DECIMAL_SEPARATOR")))
    return str(value)


def _type_labels() -> dict[str, str]:
    return {value: str(label) for value, label in LibraryType.choices}


def _map_markup(points: list[MapPoint], types: dict[str, str]) -> tuple[str, str]:
    """The map's points and its table rows, written here rather than looped in the template:
    a province has a thousand libraries and the template loop cost most of the page's CPU."""
    each, lent, centre = _("bản"), _("lượt mượn trong ngày"), _("đặt ở trung tâm xã")
    centre_short = _("trung tâm xã")
    svg = "".join(
        f'<g class="map-point" data-library="{_e(p.library.code)}" fill="#1a4d80" '
        f'color="#1a4d80"><title>{_e(p.library.name)}'
        f'{_e(f" — {p.commune}") if p.commune else ""}: {p.copies} {_e(each)}, {p.loans} '
        f'{_e(lent)}{_e(f" ({centre})") if p.approximate else ""}</title><use '
        f'href="#shape-{_e(p.shape)}" x="{p.x!r}" y="{p.y!r}" width="18" height="18" '
        f'transform="translate(-9 -9)"/><text x="{p.x!r}" y="{p.y!r}" dx="11" dy="4" '
        f'font-size="11" fill="#000">{p.copies}</text></g>'
        for p in points
    )
    rows = "".join(
        f'<tr><td>{_e(p.commune or "—")}</td><th scope="row">{_e(p.library.name)}</th>'
        f"<td>{_e(types.get(p.library.library_type, ''))}</td>"
        f'<td class="num">{p.copies}</td><td>'
        + (_e(centre_short) if p.approximate
           else _e(f"{p.library.latitude}, {p.library.longitude}"))
        + "</td></tr>"
        for p in points
    )  # fmt: skip
    return mark_safe(svg), mark_safe(rows)  # noqa: S308 - every value escaped above


def _library_rows(libraries: list[tuple[Library, dict[str, int]]], types: dict[str, str]) -> str:
    """The table of every library (a thousand rows: written here for the same reason)."""
    return mark_safe("".join(  # noqa: S308 - every value escaped
        f'<tr data-library="{_e(lib.code)}"><th scope="row">{_e(lib.name)}</th>'
        f"<td>{_e(types.get(lib.library_type, ''))}</td><td class=\"num\">{v['titles']}</td>"
        f"<td class=\"num\">{v['copies']}</td><td class=\"num\">{v['readers']}</td>"
        f"<td class=\"num\">{v['loans']}</td><td class=\"num\">{v['digital_objects']}</td>"
        "</tr>"
        for lib, v in libraries
    ))  # fmt: skip


def _key_rows(key: list[tuple[Library, list[Threshold], str]]) -> str:
    """Decree 93 art. 3: one row a candidate library, a cell a threshold (what it has, with
    ✓ reached / ✗ not / ? no figure, so the table reads without colour)."""
    words = {"met": "✓ " + _("đạt mọi ngưỡng số liệu"), "short": "✗ " + _("chưa đạt ngưỡng"),
             "unknown": "? " + _("còn thiếu số liệu")}  # fmt: skip
    marks = {True: ("yes", "✓"), False: ("no", "✗"), None: ("unknown", "?")}

    def cell(t: Threshold) -> str:
        met, mark = marks[t.met]
        actual = _num(t.actual) if t.actual is not None else "—"
        return f'<td class="num" data-met="{met}">{actual} {mark}</td>'

    return mark_safe("".join(  # noqa: S308 - every value escaped
        f'<tr data-library="{_e(lib.code)}" data-status="{status}"><th scope="row">'
        f"{_e(lib.name)}</th><td>{_e(words[status])}</td>{''.join(cell(t) for t in checks)}</tr>"
        for lib, checks, status in key
    ))  # fmt: skip


def _gap_rows(gaps: list[tuple[Library, Threshold]]) -> str:
    """Decree 93's unmet minimums, one row each (hundreds in a province)."""
    return mark_safe("".join(  # noqa: S308 - every value escaped
        f'<tr data-library="{_e(lib.code)}"><th scope="row">{_e(lib.name)}</th>'
        f'<td>{_e(t.label)}</td><td class="num">{_num(t.required)}</td>'
        f'<td class="num">{_num(t.actual)}</td><td class="num" data-gap>{_num(t.gap)}</td></tr>'
        for lib, t in gaps
    ))  # fmt: skip


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
    types = _type_labels()
    svg, rows = _map_markup(drawn.points, types)
    staff = training_figures(library_ids=[lib.pk for lib, _v in data.libraries],
                             network=network)  # fmt: skip
    decree_93 = network_thresholds(libraries=data.libraries, year=data.year, network=network,
                                   staff=staff)  # fmt: skip
    return {
        "o": data,
        "training": network_training(network=network, rows=staff),
        "threshold": QUALIFIED_SHARE,
        "map": drawn,
        "map_points_svg": svg,
        "map_rows": rows,
        "decree_93": decree_93,
        "decree_93_gap_rows": _gap_rows(decree_93.gaps),
        "library_rows": _library_rows(data.libraries, types),
        "digital_shares": (everything, special, endogenous),
        "digital_by_type": [
            (code, label, f.values, share(f.values["titles_digitised"], f.values["titles"]))
            for code, label, f in data.by_type
        ],
        "key_unchecked": key_library_unchecked(),
        "key_rows": _key_rows(decree_93.key),
        "key_heads": [(t.label, t.required) for t in decree_93.key[0][1]] if decree_93.key else [],
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
