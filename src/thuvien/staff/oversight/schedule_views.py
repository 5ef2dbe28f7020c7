"""Scheduled, kept and e-mailed reports (inspectors and network admins): schedules, the
reports made with their date and checksum, a report made at once. Rules live in
``oversight.scheduled``."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.network.selectors import group_list, libraries_by_type
from thuvien.oversight.errors import OversightError, OversightErrorCode
from thuvien.oversight.models import ReportSchedule
from thuvien.oversight.reports import FORMATS
from thuvien.oversight.scheduled import (
    report_now,
    schedule_create,
    schedule_stop,
    schedule_update,
)
from thuvien.oversight.selectors import (
    kept_report_get_for,
    kept_reports_recent,
    report_schedule_get_for,
    report_schedules_running,
)


@requires(Capability.OVERSEE, network_wide=True)
def reports(request: HttpRequest) -> HttpResponse:
    network = request.network
    return render(
        request,
        "staff/oversight/reports.html",
        {
            "schedules": report_schedules_running(network=network),
            "kept": kept_reports_recent(network=network),
            "libraries": libraries_by_type(network=network),
            "groups": group_list(network=network),
            "scopes": ReportSchedule.Scope.choices,
            "kinds": ReportSchedule.Kind.choices,
            "formats": sorted(FORMATS),
            "year": timezone.localdate().year,
        },
    )


def _scope_args(request: HttpRequest) -> dict:
    return {
        "scope": request.POST.get("scope", ""),
        "library": request.POST.get("library") or None,
        "group": request.POST.get("group") or None,
        "fmt": request.POST.get("fmt", ""),
    }


def _ids_ok(request: HttpRequest) -> bool:
    return all((request.POST.get(k) or "0").isdigit() for k in ("library", "group"))


@requires(Capability.OVERSEE, network_wide=True)
@require_POST
def schedule(request: HttpRequest) -> HttpResponse:
    if not _ids_ok(request):
        messages.error(request, _("Phạm vi không hợp lệ."))
        return redirect("oversight:reports")
    try:
        schedule_create(
            network=request.network,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            recipients=request.POST.get("recipients", ""),
            **_scope_args(request),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã đặt lịch."))
    return redirect("oversight:reports")


@requires(Capability.OVERSEE, network_wide=True)
@require_POST
def stop(request: HttpRequest, pk: int) -> HttpResponse:
    found = report_schedule_get_for(network=request.network, pk=pk)
    if found is None:
        raise Http404
    schedule_stop(schedule=found, actor=request.user)
    return redirect("oversight:reports")


@requires(Capability.OVERSEE, network_wide=True)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a running schedule (inspectors and network admins of its network; another
    network's schedule answers as one that does not exist)."""
    found = report_schedule_get_for(network=request.network, pk=pk)
    if found is None:
        raise Http404
    error = None
    if request.method == "POST":
        if not _ids_ok(request):
            error = OversightError(OversightErrorCode.REQUIRED, _("Phạm vi không hợp lệ."),
                                   field="scope")
        else:
            try:
                schedule_update(
                    schedule=found,
                    actor=request.user,
                    kind=request.POST.get("kind", ""),
                    recipients=request.POST.get("recipients", ""),
                    **_scope_args(request),
                )
            except OversightError as exc:
                error = exc
            else:
                messages.success(request, _("Đã lưu lịch."))
                return redirect("oversight:reports")
    network = request.network
    return render(
        request,
        "staff/oversight/report_schedule.html",
        {
            "current": found,
            "recipients": request.POST.get("recipients", "") if error
            else ", ".join(found.recipients),
            "error": error,
            "libraries": libraries_by_type(network=network),
            "groups": group_list(network=network),
            "scopes": ReportSchedule.Scope.choices,
            "kinds": ReportSchedule.Kind.choices,
            "formats": sorted(FORMATS),
        },
        status=400 if error else 200,
    )


@requires(Capability.OVERSEE, network_wide=True)
@require_POST
def make(request: HttpRequest) -> HttpResponse:
    if not _ids_ok(request):
        messages.error(request, _("Phạm vi không hợp lệ."))
        return redirect("oversight:reports")
    try:
        report_now(
            network=request.network,
            actor=request.user,
            year=request.POST.get("year", ""),
            month=request.POST.get("month", ""),
            recipients=request.POST.get("recipients", ""),
            **_scope_args(request),
        )
    except OversightError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đang lập báo cáo; báo cáo sẽ có trong danh sách bên dưới."))
    return redirect("oversight:reports")


@requires(Capability.OVERSEE, network_wide=True)
def kept_file(request: HttpRequest, pk: int) -> HttpResponse:
    kept = kept_report_get_for(network=request.network, pk=pk)
    if kept is None or not kept.file:
        raise Http404
    mime = FORMATS[kept.fmt][1] if kept.fmt in FORMATS else "application/octet-stream"
    return FileResponse(
        kept.file.open("rb"),
        content_type=mime,
        as_attachment=True,
        filename=kept.file.name.rsplit("/", 1)[-1],
    )
