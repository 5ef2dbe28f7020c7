"""Staff page of background jobs: status, progress (htmx polling while running), errors and the
downloadable report. Staff see their active library's jobs; network administrators and
oversight officers the whole network's. Another library's job answers 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import can_in_network, login_required_view
from thuvien.core.errors import NotFound
from thuvien.core.jobs import job_result_rows
from thuvien.core.models import Job
from thuvien.core.selectors import job_get_for, job_list

PAGE_SIZE = 30


def _place(request: StaffRequest) -> dict[str, Any]:
    if request.library is None:  # not staff anywhere
        raise PermissionDenied
    network = request.network
    if can_in_network(request.user, Capability.ADMINISTER_NETWORK, network.pk, write=False) or (
        can_in_network(request.user, Capability.OVERSEE, network.pk, write=False)
    ):
        return {"network": network}
    return {"library": request.library, "user": request.user}


def _job_or_404(request: StaffRequest, pk: int) -> Job:
    try:
        return job_get_for(pk=pk, **_place(request))
    except NotFound as exc:
        raise Http404 from exc


@login_required_view
def job_list_view(request: StaffRequest) -> HttpResponse:
    place = _place(request)
    page = Paginator(job_list(**place), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/jobs/job_list.html",
        {"page": page, "whole_network": "network" in place, "query": ""},
    )


@login_required_view
def job_detail_view(request: StaffRequest, pk: int) -> HttpResponse:
    """The job's row; htmx asks for it every 2 s while the job is queued or running."""
    job = _job_or_404(request, pk)
    if request.htmx:
        return render(request, "staff/jobs/_job_row.html", {"job": job})
    return render(
        request, "staff/jobs/job_detail.html", {"job": job, "result_rows": job_result_rows(job)}
    )


_BOM = b"\xef\xbb\xbf"


@login_required_view
def job_report_view(request: StaffRequest, pk: int) -> FileResponse:
    """The job's report file. A CSV goes as UTF-8 with a byte-order mark (reports stored
    before it was written there get one on the way out): without it Excel reads the
    Vietnamese as another code page."""
    job = _job_or_404(request, pk)
    if not job.report:
        raise Http404
    try:
        handle = job.report.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = job.report.name.rsplit("/", 1)[-1]
    if not name.endswith(".csv"):
        return FileResponse(handle, as_attachment=True, filename=name)
    first = handle.read(len(_BOM))
    handle.seek(0)

    def chunks() -> Iterator[bytes]:
        try:
            if first != _BOM:
                yield _BOM
            yield from iter(lambda: handle.read(64 * 1024), b"")
        finally:
            handle.close()

    response = FileResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
