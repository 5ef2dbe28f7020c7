"""Stocktaking pages: list and start, the scanning page (a scanner or a phone), close, result.

The scanning page posts each code to ``scan``; with JavaScript the page queues the codes and
sends them one after another (a scanner is faster than a slow line), without it each code is a
form post. Every rule lives in ``oversight.stocktake``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.network.selectors import location_get, location_list
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Stocktake
from thuvien.oversight.selectors import stocktake_get_for, stocktake_list, stocktake_summary
from thuvien.oversight.stocktake import stocktake_close, stocktake_scan, stocktake_start


def _get(request: HttpRequest, pk: int) -> Stocktake:
    try:
        return stocktake_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@requires(Capability.CATALOGUE)
def stocktakes(request: HttpRequest) -> HttpResponse:
    locations = location_list(library=request.library, by_name=True)
    return render(
        request,
        "staff/oversight/stocktakes.html",
        {"stocktakes": stocktake_list(library=request.library), "locations": locations},
    )


@requires(Capability.CATALOGUE)
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    location = None
    if request.POST.get("location"):
        if request.POST["location"].isdigit():
            try:
                location = location_get(library=request.library, pk=request.POST["location"])
            except NotFound:
                location = None
        if location is None:
            messages.error(request, _("Kho không hợp lệ."))
            return redirect("oversight:stocktakes")
    try:
        stocktake = stocktake_start(
            library=request.library,
            location=location,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
        return redirect("oversight:stocktakes")
    return redirect("oversight:stocktake", pk=stocktake.pk)


@requires(Capability.CATALOGUE)
def stocktake(request: HttpRequest, pk: int) -> HttpResponse:
    st = _get(request, pk)
    return render(
        request,
        "staff/oversight/stocktake.html",
        {"st": st, "s": stocktake_summary(stocktake=st)},
    )


@requires(Capability.CATALOGUE)
@require_POST
def scan(request: HttpRequest, pk: int) -> HttpResponse:
    st = _get(request, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        result = stocktake_scan(stocktake=st, barcode=request.POST.get("barcode", ""))
    except OversightError as exc:
        if wants_json:
            return JsonResponse({"error": exc.message, "code": exc.code}, status=400)
        messages.error(request, exc.message)
        return redirect("oversight:stocktake", pk=st.pk)
    if wants_json:
        return JsonResponse(
            {
                "barcode": result.barcode,
                "outcome": result.outcome,
                "label": result.label,
                "title": result.title,
                "repeated": result.repeated,
            }
        )
    messages.info(request, f"{result.barcode}: {result.label}")
    return redirect("oversight:stocktake", pk=st.pk)


@requires(Capability.CATALOGUE)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    st = _get(request, pk)
    try:
        stocktake_close(
            stocktake=st,
            actor=request.user,
            mark_missing=bool(request.POST.get("mark_missing")),
            restore_found=bool(request.POST.get("restore_found")),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
    return redirect("oversight:stocktake", pk=st.pk)
