"""The network at a glance for an inspector: only translates the request and renders what
``oversight.selectors`` returns."""

from __future__ import annotations

import html
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.core.numbers import count_text
from thuvien.network.models import Library, LibraryType, Network
from thuvien.oversight.collection import Counts, label_rows
from thuvien.oversight.digitisation import digitisation_shares, share
from thuvien.oversight.reports import FORMATS, PERIODS, annual_report
from thuvien.oversight.selectors import (
    FIGURES,
    MapPoint,
    library_get_for,
    library_map,
    library_overview,
    library_rows,
    network_overview,
)
from thuvien.oversight.training import QUALIFIED_SHARE, network_training, training_figures
from thuvien.oversight.year_figures import (
    Threshold,
    decree_93_thresholds,
    key_library_unchecked,
    network_thresholds,
    year_figures_get,
)

LIBRARIES_PAGE_SIZE = 50


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
    """A number as the templates print it (``|count``): thousands grouped, decimals with the
    active language's marks (12.345 / 12,345; 12,5 / 12.5)."""
    if value is None:
        return ""
    return count_text(value)


def _type_labels() -> dict[str, str]:
    return {value: str(label) for value, label in LibraryType.choices}


def _map_markup(points: list[MapPoint]) -> str:
    """The map's points, written here rather than looped in the template: a province has a
    thousand libraries and the template loop cost most of the page's CPU."""
    each, lent, centre = _("bản"), _("lượt mượn trong ngày"), _("đặt ở trung tâm xã")
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
    return mark_safe(svg)  # noqa: S308 - every value escaped above


def _commune_rows(points: list[MapPoint]) -> list[tuple[str, int, int, int]]:
    """The map's numbers as a table, one row a commune (a province has a thousand libraries;
    each one's place is on the libraries' list): libraries, of them placed at the commune's
    centre, copies."""
    communes: dict[str, list[int]] = {}
    for p in points:
        row = communes.setdefault(p.commune or "—", [0, 0, 0])
        row[0] += 1
        row[1] += int(p.approximate)
        row[2] += p.copies
    return [(name, *row) for name, row in sorted(communes.items())]  # type: ignore[misc]


def _library_rows(libraries: list[tuple[Library, dict[str, int]]], types: dict[str, str]) -> str:
    """A page of the libraries' table, each name a link to the library's figures."""
    from django.urls import reverse

    return mark_safe("".join(  # noqa: S308 - every value escaped
        f'<tr data-library="{_e(lib.code)}"><th scope="row"><a href="'
        f'{_e(reverse("oversight:library", args=[lib.pk]))}">{_e(lib.name)}</a></th>'
        f"<td>{_e(types.get(lib.library_type, ''))}</td><td>{_e(lib.commune or '—')}</td>"
        f"<td class=\"num\">{_num(v['titles'])}</td>"
        f"<td class=\"num\">{_num(v['copies'])}</td><td class=\"num\">{_num(v['readers'])}</td>"
        f"<td class=\"num\">{_num(v['loans'])}</td>"
        f"<td class=\"num\">{_num(v['digital_objects'])}</td>"
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


def _collection_context(counts: Counts) -> list[dict[str, Any]]:
    """Each breakdown of the stock as a table and a chart (copies), names not codes."""
    return [
        {
            "dimension": dimension,
            "label": label,
            "heading": heading,
            "rows": rows,
            "chart": {"label": _("Bản"), "labels": [r.label for r in rows],
                      "values": [r.copies for r in rows]},  # fmt: skip
        }
        for dimension, label, heading, rows in label_rows(counts)
    ]


def _month_chart(months: list[dict[str, int]]) -> dict[str, Any]:
    return {
        "label": _("Lượt mượn"),
        "labels": [_("Tháng %(m)s") % {"m": m["month"]} for m in months],
        "values": [m["loans"] for m in months],
    }


def overview_context(*, network: Network, year: int | None) -> dict[str, Any]:
    """Everything the inspector's page shows (also what the benchmark measures): the network
    at a glance, from the recorded figures only; each library's rows are on the libraries'
    pages (``libraries``), a page at a time."""
    data = network_overview(network=network, year=year)
    charts = {
        "chart_months": _month_chart(data.months),
        "chart_types": {
            "label": _("Bản"),
            "labels": [label for _code, label, _f in data.by_type],
            "values": [f.values["copies"] for _code, _label, f in data.by_type],
        },
    }
    everything, special, endogenous = digitisation_shares(data.libraries)
    drawn = library_map(overview=data)
    active = [lib for lib, _v in data.libraries if lib.is_active]
    staff = training_figures(library_ids=[lib.pk for lib, _v in data.libraries],
                             network=network)  # fmt: skip
    decree_93 = network_thresholds(libraries=data.libraries, year=data.year, network=network,
                                   staff=staff)  # fmt: skip
    return {
        "o": data,
        "training": network_training(network=network, rows=staff, libraries=active),
        "threshold": QUALIFIED_SHARE,
        "map": drawn,
        "map_points_svg": _map_markup(drawn.points),
        "map_communes": _commune_rows(drawn.points),
        "decree_93": decree_93,
        "collection": _collection_context(data.collection),
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


@requires(Capability.OVERSEE, network_wide=True)
def libraries(request: HttpRequest) -> HttpResponse:
    """Every library of the network, a page at a time: its figures of the last recorded day,
    Decree 93's minimums it lacks, a link to its own figures."""
    network = request.network
    on, every, rows = library_rows(network=network)
    kind = request.GET.get("type", "")
    if kind in dict(LibraryType.choices):
        every = [lib for lib in every if lib.library_type == kind]
    else:
        kind = ""
    page = Paginator(every, LIBRARIES_PAGE_SIZE).get_page(request.GET.get("page"))
    # Every recorded figure of the day: Decree 93's checks read copies, titles, book copies.
    shown = [(lib, {n: int(rows.get(lib.pk, {}).get(n) or 0) for n in FIGURES}) for lib in page]
    year = (on or timezone.localdate()).year
    checked = network_thresholds(libraries=shown, year=year)
    return render(
        request,
        "staff/oversight/libraries.html",
        {
            "day": on,
            "page": page,
            "query": f"type={kind}" if kind else "",
            "kind": kind,
            "types": LibraryType.choices,
            "library_rows": _library_rows(shown, _type_labels()),
            "gap_rows": _gap_rows(checked.gaps),
            "missing": checked.missing,
        },
    )


@requires(Capability.OVERSEE, network_wide=True)
def library(request: HttpRequest, pk: int) -> HttpResponse:
    """One library drilled down to from the network's page: its recorded figures only."""
    try:
        lib = library_get_for(network=request.network, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    data = library_overview(library=lib, year=_year(request.GET.get("year")))
    staff = training_figures(library_ids=[lib.pk])[lib.pk]
    counted = {**data.values, **{n: data.use[n] for n in ("views", "downloads")}}
    return render(
        request,
        "staff/oversight/library.html",
        {
            "d": data,
            "chart_months": _month_chart(data.months),
            "collection": _collection_context(data.collection),
            "training": staff,
            "threshold": QUALIFIED_SHARE,
            "thresholds": decree_93_thresholds(
                library=lib, counted=counted,
                entered=year_figures_get(library=lib, year=data.year), training=staff,
            ),  # fmt: skip
        },
    )


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
