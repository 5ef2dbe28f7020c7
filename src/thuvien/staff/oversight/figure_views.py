"""A library's figures of the year that the system cannot count, entered by its head, with
the indicators and Decree 93 thresholds they make possible."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import YearFigure
from thuvien.oversight.services import library_period_figures
from thuvien.oversight.training import training_figures
from thuvien.oversight.year_figures import (
    KEY_LIBRARY_TYPES,
    decree_93_thresholds,
    indicators,
    key_library_criteria,
    key_library_status,
    key_library_unchecked,
    unused_copies,
    year_figures_get,
    year_figures_save,
)


def _year(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@requires(Capability.ADMINISTER_LIBRARY)
def year_figures(request: HttpRequest) -> HttpResponse:
    library = request.library
    year = _year(request.POST.get("year") if request.method == "POST" else request.GET.get("year"))
    error = None
    if request.method == "POST":
        keys = YearFigure.Key.values
        try:
            year_figures_save(
                library=library, year=year, actor=request.user,
                values={k: request.POST.get(k, "") for k in keys},
                flags={k: request.POST.get(f"{k}__flag", "") for k in keys},
            )  # fmt: skip
        except OversightError as exc:
            error = exc
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(f"{request.path}?year={year}")
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), timezone.localdate())
    counted = library_period_figures(start=start, end=end, library_ids=[library.pk]).get(
        library.pk, {}
    )
    entered = year_figures_get(library=library, year=year)
    training = training_figures(library_ids=[library.pk], start=start, end=end)[library.pk]
    key_checks = (
        key_library_criteria(counted=counted, entered=entered, training=training)
        if library.library_type in KEY_LIBRARY_TYPES
        else []
    )
    rows = [
        (key, label, entered.get(key), request.POST.get(key) if error else None)
        for key, label in YearFigure.Key.choices
    ]
    return render(
        request,
        "staff/oversight/year_figures.html",
        {
            "year": year,
            "rows": rows,
            "flags": YearFigure.Flag.choices,
            "error": error,
            "indicators": indicators(
                counted=counted, entered=entered,
                unused_copies=unused_copies(library=library, start=start, end=end),
                training=training,
            ),  # fmt: skip
            "thresholds": decree_93_thresholds(
                library=library, counted=counted, entered=entered, training=training
            ),
            "training": training,
            "key_library": key_checks,
            "key_status": key_library_status(key_checks) if key_checks else "",
            "key_unchecked": key_library_unchecked() if key_checks else [],
        },
        status=400 if error else 200,
    )
