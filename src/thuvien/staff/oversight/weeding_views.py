"""Weeding pages: choose copies, keep the draft list, approve it by a decision, the report.

Cataloguers choose and keep the list; the library's head (library administrator) records the
decision; inspectors read. Every rule lives in ``oversight.weeding``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import request_may, requires
from thuvien.core.errors import NotFound
from thuvien.holdings.models import ItemStatus
from thuvien.network.selectors import location_list
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Weeding
from thuvien.oversight.selectors import weeding_get_for, weeding_list
from thuvien.oversight.weeding import (
    CONDITIONS,
    criteria_from,
    weeding_approve,
    weeding_candidates,
    weeding_create,
    weeding_lines,
    weeding_pdf,
    weeding_remove_copy,
    weeding_value,
    weeding_xlsx,
)

PREVIEW = 200


def _get(request: HttpRequest, pk: int) -> Weeding:
    try:
        return weeding_get_for(library=request.library, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


def _criteria(request: HttpRequest, data):  # type: ignore[no-untyped-def]
    return criteria_from(
        library=request.library,
        conditions=data.getlist("conditions"),
        acquired_before=data.get("acquired_before", ""),
        idle_years=data.get("idle_years", ""),
        location=data.get("location", ""),
    )


@requires(Capability.CATALOGUE)
def weedings(request: HttpRequest) -> HttpResponse:
    context: dict = {
        "weedings": weeding_list(library=request.library),
        "locations": location_list(library=request.library, by_name=True),
        "conditions": [(c.value, c.label) for c in CONDITIONS],
        "chosen": request.GET.getlist("conditions") or [ItemStatus.DAMAGED.value],
        "form": request.GET,
        "may_create": request_may(request, (Capability.CATALOGUE,), method="POST"),
    }
    if "preview" in request.GET:
        try:
            criteria = _criteria(request, request.GET)
        except OversightError as exc:
            context["error"] = exc
        else:
            candidates = weeding_candidates(library=request.library, criteria=criteria)
            context["count"] = candidates.count()
            context["candidates"] = list(candidates[:PREVIEW])
            context["criteria_text"] = criteria.describe()
    return render(request, "staff/oversight/weedings.html", context)


@requires(Capability.CATALOGUE)
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    try:
        criteria = _criteria(request, request.POST)
        weeding = weeding_create(
            library=request.library,
            criteria=criteria,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
        return redirect("oversight:weedings")
    return redirect("oversight:weeding", pk=weeding.pk)


@requires(Capability.CATALOGUE)
def weeding(request: HttpRequest, pk: int) -> HttpResponse:
    w = _get(request, pk)
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "pdf"):
        data, kind = (
            (weeding_xlsx(w), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            if fmt == "xlsx"
            else (weeding_pdf(w), "application/pdf")
        )
        response = HttpResponse(data, content_type=kind)
        name = f"thanh-loc-{request.library.code}-{w.pk}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    draft = w.status == Weeding.Status.DRAFT
    return render(
        request,
        "staff/oversight/weeding.html",
        {
            "w": w,
            "lines": weeding_lines(w),
            "value": weeding_value(w),
            "draft": draft,
            "may_edit": draft and request_may(request, (Capability.CATALOGUE,), method="POST"),
            "may_approve": draft
            and request_may(request, (Capability.ADMINISTER_LIBRARY,), method="POST"),
        },
    )


@requires(Capability.CATALOGUE)
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    w = _get(request, pk)
    try:
        weeding_remove_copy(weeding=w, barcode=request.POST.get("barcode", ""), actor=request.user)
    except OversightError as exc:
        messages.error(request, exc.message)
    return redirect("oversight:weeding", pk=w.pk)


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    w = _get(request, pk)
    try:
        weeding_approve(
            weeding=w,
            actor=request.user,
            decision_number=request.POST.get("decision_number", ""),
            decision_date=request.POST.get("decision_date", ""),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thanh lọc các bản sao theo quyết định."))
    return redirect("oversight:weeding", pk=w.pk)
