"""Import MARC files (preview, then a background job) and export records.

The upload is stored (``catalog.uploads.upload_save``) with a random name kept in the session,
so only the person who uploaded it can run it. The preview is the catalogue's
``import_preview`` (a dry run of the whole file); running it queues the ``catalog.import`` job,
followed on /staff/jobs/.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import can, requires
from thuvien.catalog.uploads import upload_discard, upload_save
from thuvien.core.errors import ThuvienError
from thuvien.screening import ScreeningRefused, screen_upload

from ..forms import MATCH_CHOICES, ExportForm, ImportForm

SESSION_KEY = "thuvien_catalog_imports"
MARC_KINDS = frozenset({"marc", "xml", "json"})
SUFFIX = {"iso2709": ".mrc", "marcxml": ".xml", "json": ".json"}
CONTENT_TYPE = {
    "iso2709": "application/marc",
    "marcxml": "application/marcxml+xml",
    "json": "application/json",
}


def _cataloguing_libraries(request: StaffRequest) -> list[Any]:
    return [
        lib
        for lib in request.staff_libraries
        if lib.network_id == request.network.pk and can(request.user, Capability.CATALOGUE, lib)
    ]


def _pending(request: StaffRequest, token: str) -> dict[str, Any]:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None or not Path(pending["path"]).is_file():
        raise Http404
    return pending


def _library(request: StaffRequest, library_id: int | None) -> Any | None:
    if library_id is None:
        return None
    for lib in _cataloguing_libraries(request):
        if lib.pk == library_id:
            return lib
    raise Http404


def _rule_labels(rules: Any) -> list[str]:
    """The matching rules in force, in the words of the upload form."""
    labels = dict(MATCH_CHOICES)
    return [str(labels.get(rule, rule)) for rule in rules]


def _preview(request: StaffRequest, token: str, pending: dict[str, Any]) -> HttpResponse:
    from thuvien.catalog.services.importing import import_preview

    library = _library(request, pending["library_id"])
    error = ""
    report = None
    try:
        report = import_preview(
            path=pending["path"],
            name=pending["name"],
            fmt=pending["fmt"] or None,
            match_rules=pending["match_rules"],
            network=request.network,
            library=library,
        )
    except ThuvienError as exc:
        error = exc.message
    return render(
        request,
        "staff/catalog/import_preview.html",
        {
            "token": token,
            "pending": pending,
            "library": library,
            "report": report,
            "errors": report.errors[:200] if report else [],
            "warnings": [i for i in report.issues if i.level != "error"][:200] if report else [],
            "error": error,
            "match_rules": _rule_labels(report.match_rules if report else ()),
        },
        status=400 if error else 200,
    )


@requires(Capability.CATALOGUE, for_writing=True)
def import_upload(request: StaffRequest) -> HttpResponse:
    libraries = _cataloguing_libraries(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, libraries=libraries)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            token = secrets.token_urlsafe(16)
            suffix = SUFFIX.get(data["fmt"], Path(upload.name).suffix[:10] or ".mrc")
            path = upload_save(upload, suffix=suffix)  # the storage API, not open()
            try:
                screen_upload(
                    path,
                    purpose="marc_import",
                    declared_name=upload.name,
                    allowed_kinds=MARC_KINDS,
                    library_id=request.library.pk,
                    actor_id=request.user.pk,
                )
            except ScreeningRefused as refusal:
                upload_discard(path)  # kept in quarantine by the screening service
                form.add_error("file", refusal.message)
                return render(request, "staff/catalog/import.html", {"form": form}, status=400)
            pending = {
                "path": str(path),
                "name": upload.name[:200],
                "fmt": data["fmt"],
                "match_rules": data["match_rules"],
                "on_match": data["on_match"],
                "library_id": data["library"],
            }
            imports = request.session.get(SESSION_KEY, {})
            for earlier in imports.values():  # a new file replaces the previews left waiting
                upload_discard(earlier["path"])
            imports = {token: pending}
            request.session[SESSION_KEY] = imports
            return _preview(request, token, pending)
    else:
        form = ImportForm(libraries=libraries, initial={"library": request.library.pk})
    return render(
        request, "staff/catalog/import.html", {"form": form}, status=400 if form.errors else 200
    )


@requires(Capability.CATALOGUE, for_writing=True)
def import_preview_view(request: StaffRequest, token: str) -> HttpResponse:
    """GET shows the preview again; POST queues the import and goes to the job's page."""
    pending = _pending(request, token)
    if request.method != "POST":
        return _preview(request, token, pending)
    from thuvien.catalog.jobs import import_job_enqueue

    job = import_job_enqueue(
        path=pending["path"],
        name=pending["name"],
        network=request.network,
        fmt=pending["fmt"] or None,
        library=_library(request, pending["library_id"]),
        match_rules=pending["match_rules"],
        on_match=pending["on_match"],
        user=request.user,
    )
    imports = request.session.get(SESSION_KEY, {})
    imports.pop(token, None)
    request.session[SESSION_KEY] = imports
    return redirect(reverse("jobs:detail", args=[job.pk]))


@requires(Capability.CATALOGUE)
def export(request: StaffRequest) -> HttpResponse:
    """Download the active library's holdings, or the records matching a query."""
    from thuvien.catalog.services.exporting import export_run

    form = ExportForm(request.GET if "fmt" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["scope"] == "query" and not data["query"].strip():
            form.add_error("query", _("Hãy nhập từ khoá để chọn biểu ghi cần xuất."))
        else:
            out = tempfile.TemporaryFile()
            try:
                _count, skipped = export_run(
                    out=out,
                    network=request.network,
                    fmt=data["fmt"],
                    library=request.library if data["scope"] == "holdings" else None,
                    query=data["query"].strip() if data["scope"] == "query" else None,
                )
            except ThuvienError as exc:
                out.close()
                form.add_error(None, exc.message)
            else:
                if skipped:  # shown on the next page: the download itself is the file
                    messages.warning(
                        request,
                        _(
                            "%(n)d biểu ghi không ghi được vào tệp (dài quá 99.999 byte, hoặc dữ "
                            "liệu lưu không phải biểu ghi MARC) nên đã bị bỏ qua; mã biểu ghi: "
                            "%(ids)s."
                        )
                        % {"n": len(skipped), "ids": ", ".join(map(str, skipped[:50]))},
                    )
                out.seek(0)
                name = f"{request.library.code.lower()}-bieu-ghi{SUFFIX[data['fmt']]}"
                return FileResponse(
                    out, as_attachment=True, filename=name, content_type=CONTENT_TYPE[data["fmt"]]
                )
    return render(
        request, "staff/catalog/export.html", {"form": form}, status=400 if form.errors else 200
    )
