"""The import as a background job (kind ``catalog.import``) with progress and a CSV report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job
from thuvien.core.stored_text import register_stored_messages

from .services.importing import MATCH_RULE_LABELS, import_run, parse_match_rules
from .uploads import upload_discard

IMPORT_KIND = "catalog.import"
IMPORT_RESULT_LABELS = {
    "file_name": _("Tệp"),
    "read": _("Đọc được"),
    "created": _("Tạo mới"),
    "matched": _("Trùng biểu ghi đã có"),
    "replaced": _("Thay thế"),
    "items_created": _("Bản sao đã tạo"),
    "items_existing": _("Bản sao đã có"),
    "matched_by": _("Trùng theo quy tắc"),
    "failed": _("Biểu ghi không nhập được"),
    "errors": _("Lỗi"),
    "warnings": _("Lưu ý"),
    "dry_run": _("Chạy thử (không ghi)"),
    "match_rules": _("Quy tắc so trùng"),
}

# The titles and progress messages stored on import jobs, shown in the reader's language.
register_stored_messages(
    "jobs",
    (
        gettext_noop("Nhập biểu ghi MARC: %(name)s"),
        gettext_noop("Nhập biểu ghi MARC"),
        gettext_noop("Đã đọc %(n)s biểu ghi"),
    ),
)


@job_task(
    IMPORT_KIND,
    retries=0,
    result_labels=IMPORT_RESULT_LABELS,
    # "isbn, 035, 001" and "isbn: 2" in the words of the upload form
    result_values={"match_rules": MATCH_RULE_LABELS, "matched_by": MATCH_RULE_LABELS},
)
def import_job(
    job: Job,
    *,
    path: str,
    name: str = "",
    fmt: str | None = None,
    network_id: int,
    library_id: int | None = None,
    match_rules: list[str] | None = None,
    dry_run: bool = False,
    on_match: str = "keep",
) -> dict[str, Any]:
    """Run ``import_run`` for a stored upload; the report goes to ``job.report`` (CSV).

    ``name`` is the file's name as uploaded: the report and the page show it, not the stored
    file's random name."""
    from thuvien.network.models import Library, Network

    network = Network.objects.get(pk=network_id)
    library = Library.objects.get(pk=library_id) if library_id else None

    def progress(done: int) -> None:
        job_progress(job, done=done, message=gettext("Đã đọc %(n)s biểu ghi") % {"n": done})

    try:
        # import_run opens the scope of the library it writes in (no scopes_disabled)
        report = import_run(
            paths=[path],
            file_names=[name] if name else (),
            network=network,
            fmt=fmt,
            library=library,
            match_rules=match_rules,
            dry_run=dry_run,
            on_match=on_match,
            actor=job.created_by,
            progress=progress,
        )
    finally:
        # the job runs once (no retries): finished or failed, its upload is of no further use
        upload_discard(path)
    job_progress(job, done=report.read, total=report.read, message=report.summary())
    job.report.save(f"import-{job.pk}.csv", ContentFile(report.to_csv().encode("utf-8-sig")))
    return {"file_name": name or Path(path).name, **report.as_dict()}


def import_job_enqueue(
    *,
    path: str,
    network: Any,
    name: str = "",
    fmt: str | None = None,
    library: Any | None = None,
    match_rules: str | list[str] | None = None,
    dry_run: bool = False,
    on_match: str = "keep",
    user: Any | None = None,
) -> Job:
    """Queue an import of the file at ``path`` (already saved by the upload page under a
    random name; ``name`` is the one it was uploaded with)."""
    rules = list(parse_match_rules(match_rules))
    name = (name or "")[:200]
    return job_enqueue(
        kind=IMPORT_KIND,
        title=(
            gettext("Nhập biểu ghi MARC: %(name)s") % {"name": name}
            if name
            else gettext("Nhập biểu ghi MARC")
        ),
        params={
            "path": str(path),
            "name": name,
            "fmt": fmt,
            "network_id": network.pk,
            "library_id": library.pk if library is not None else None,
            "match_rules": rules,
            "dry_run": dry_run,
            "on_match": on_match,
        },
        library=library,
        network=network,
        user=user,
    )
