"""The digital library's background work: ingest jobs, OCR one page per task, fixity audits."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job
from thuvien.core.stored_text import register_stored_messages

from .errors import ALREADY_INGESTED, DUPLICATE_OF_DISCARDED_ROW, DUPLICATE_OF_ROW

log = logging.getLogger(__name__)

DUPLICATE_ROWS = gettext_noop("Số dòng không được tiếp nhận vì tệp trùng: %(n)d")
register_stored_messages(
    "jobs", (DUPLICATE_ROWS, DUPLICATE_OF_ROW, DUPLICATE_OF_DISCARDED_ROW, ALREADY_INGESTED))

FIXITY_CYCLE_DAYS = 30
FIXITY_FILES_PER_RUN = 5000


@job_task(
    "digital.ingest",
    retries=1,
    result_labels={
        "objects": gettext_lazy("Tài liệu số"),
        "pages": gettext_lazy("Số trang đã tiếp nhận"),
        "skipped": gettext_lazy("Tài liệu đã có (bỏ qua)"),
        "refused": gettext_lazy("Tệp bị từ chối"),
        "duplicates": gettext_lazy("Dòng không được tiếp nhận (tệp trùng)"),
    },
)
def ingest_job(job: Job, **params: Any) -> dict:
    from thuvien.accounts.models import User
    from thuvien.core.scoping import library_scope
    from thuvien.network.models import Library

    from .services import digital_ingest, duplicate_text

    library = Library.objects.get(pk=params["library_id"])
    actor = User.objects.filter(pk=job.created_by_id).first()

    def progress(done: int, total: int, name: str) -> None:
        job_progress(job, done=done, total=total, message=name)

    with library_scope(library):
        report = digital_ingest(
            paths=[Path(p) for p in params["paths"]],
            library=library,
            actor=actor,
            collection_code=params.get("collection") or None,
            title=params.get("title") or None,
            access=params.get("access") or None,
            ocr_language=params.get("ocr") or "",
            publish=bool(params.get("publish")),
            progress=progress,
            record=params.get("record") or None,
        )
    result = report.as_dict()
    result["refused"] = [f"{r['file']}: {r['reason']}" for r in report.refused]
    # sentences the job page shows again in the reader's language (``stored_text``)
    result["duplicates"] = [duplicate_text(d) for d in report.duplicates]
    if report.duplicates:
        job.message = _(DUPLICATE_ROWS) % {"n": len(report.duplicates)}
        Job.objects.filter(pk=job.pk).update(message=job.message[:500])
    if params.get("upload_dir"):  # the staff upload's copy: the masters are on their storage
        from .storage import upload_batch_discard

        upload_batch_discard(params["upload_dir"])
    return result


def ingest_enqueue(*, library: Any, paths: list[str], user: Any = None, title: str = "",
                   **options: Any) -> Job:
    return job_enqueue(
        kind="digital.ingest",
        title=_("Tiếp nhận tài liệu số: %(t)s") % {"t": title or Path(paths[0]).name},
        params={"library_id": library.pk, "paths": [str(p) for p in paths], "title": title,
                **options},
        library=library,
        user=user,
    )


@db_task(retries=2, retry_delay=30)
def ocr_page_task(page_id: int, language: str) -> float | None:
    """OCR one page (one task per page, so pages run side by side on the workers)."""
    from thuvien.network.settings_registry import setting_get

    from .models import Page
    from .ocr import ocr_image
    from .rebuild import page_pyramid
    from .services import page_ocr_store

    page = Page.all_objects.select_related("obj", "library").filter(pk=page_id).first()
    if page is None or page.ocr_status == Page.OcrStatus.CORRECTED:
        return None
    try:
        path = page_pyramid(library_id=page.library_id, obj_id=page.obj_id, seq=page.seq)
        result = ocr_image(path, language=language)
    except Exception:
        Page.all_objects.filter(pk=page_id).update(ocr_status=Page.OcrStatus.FAILED)
        raise
    review_below = float(setting_get("digital.ocr_review_below", library=page.library))
    page_ocr_store(page=page, text=result.text, words=result.words,
                   confidence=result.confidence, review_below=review_below)
    return result.confidence


@job_task(
    "digital.fixity",
    retries=0,
    result_labels={
        "checked": gettext_lazy("Tệp đã kiểm tra"),
        "changed": gettext_lazy("Tệp bị thay đổi hoặc mất"),
    },
)
def fixity_job(job: Job, **params: Any) -> dict:
    from thuvien.network.models import Library
    from thuvien.network.settings_registry import setting_get

    from .models import DigitalFile
    from .services import fixity_check

    library = Library.objects.get(pk=params["library_id"])
    due = timezone.now() - timedelta(days=params.get("cycle_days", FIXITY_CYCLE_DAYS))
    # replaced masters are kept as earlier versions: they stay in the audit
    files = DigitalFile.all_objects.filter(library=library)
    if not params.get("all"):
        files = files.filter(fixity_checked_at__lt=due) | files.filter(
            fixity_checked_at__isnull=True
        )
    files = list(files.select_related("library").order_by("fixity_checked_at", "id")[
        : params.get("limit", FIXITY_FILES_PER_RUN)])
    report = fixity_check(files=files)
    job_progress(job, done=report.checked, total=len(files))
    changed = [f"{c['name']} (#{c['object_id']}): {c['outcome']}" for c in report.changed]
    if changed:
        to = setting_get("digital.fixity_alert_email", library=library)
        recipients = [to] if to else []
        if recipients:
            send_mail(
                _("Cảnh báo toàn vẹn tệp số: %(lib)s") % {"lib": library.name_vi},
                _("Kiểm tra toàn vẹn phát hiện tệp gốc bị thay đổi hoặc mất:\n%(list)s")
                % {"list": "\n".join(changed)},
                None,
                recipients,
            )
        job.message = _("%(n)s tệp bị thay đổi hoặc mất") % {"n": len(changed)}
        Job.objects.filter(pk=job.pk).update(message=job.message[:500])
    return {"checked": report.checked, "changed": changed}


def fixity_enqueue(*, library: Any, user: Any = None, check_all: bool = False) -> Job:
    return job_enqueue(
        kind="digital.fixity",
        title=_("Kiểm tra toàn vẹn tệp số: %(lib)s") % {"lib": library.name_vi},
        params={"library_id": library.pk, "all": check_all},
        library=library,
        user=user,
    )


@db_periodic_task(crontab(hour="2", minute="20"))
def fixity_daily() -> int:
    """Every night, each library's masters not re-read for a cycle are read again."""
    from thuvien.network.models import Library

    from .models import DigitalFile

    ids = set(DigitalFile.all_objects.values_list("library_id", flat=True).distinct())
    for library in Library.objects.filter(pk__in=ids):
        fixity_enqueue(library=library)
    return len(ids)


@db_periodic_task(crontab(hour="0", minute="5"))
def embargo_lift_daily() -> int:
    """An embargo ends by itself (access is decided by date); here the full text of objects
    whose embargo ended in the last two days goes back into the union index."""
    from .services import embargo_lifted_reindex

    return embargo_lifted_reindex(today=timezone.localdate())


@db_task(retries=1, retry_delay=60)
def pdfa_build_task(obj_id: int) -> str:
    """Make the PDF/A (with its text layer) of one object; the download serves it once made."""
    from huey.contrib.djhuey import HUEY
    from huey.exceptions import TaskLockedException

    from .models import DigitalObject
    from .pdfa import pdfa_build

    obj = DigitalObject.all_objects.select_related("library").filter(pk=obj_id).first()
    if obj is None:
        return ""
    try:
        with HUEY.lock_task(f"digital.pdfa.{obj_id}"):
            return str(pdfa_build(obj))
    except TaskLockedException:  # another worker is making it
        return ""


@db_task(retries=1, retry_delay=30)
def object_pdf_task(obj_id: int) -> str:
    """Make again the missing pyramids of one object from its masters, then its PDF (a reader
    asked for the download and was told to come back shortly)."""
    from huey.contrib.djhuey import HUEY
    from huey.exceptions import TaskLockedException

    from .models import DigitalObject
    from .pdf import object_pdf

    obj = DigitalObject.all_objects.select_related("library").filter(pk=obj_id).first()
    if obj is None:
        return ""
    try:
        with HUEY.lock_task(f"digital.pdf.{obj_id}"):
            return str(object_pdf(obj))  # each missing pyramid is made on the way
    except TaskLockedException:  # another worker is making it
        return ""
