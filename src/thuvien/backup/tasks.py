"""The scheduled backup: every night (THUVIEN_BACKUP_HOUR:THUVIEN_BACKUP_MINUTE, local time)
the worker takes a backup as a job, applies the retention (daily, weekly, monthly), then
verifies the new snapshot as a job of its own. Both show on the jobs page of every network's
administrators; a failure is audited (``backup.failed``, ``backup.verify_failed``) and
e-mailed to them."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from thuvien.core.audit import audit_record
from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job

from . import restic
from .errors import BackupError
from .services import backup_forget, backup_run, backup_verify

log = logging.getLogger(__name__)

BACKUP_KIND = "backup.run"
VERIFY_KIND = "backup.verify"


def network_admin_emails() -> list[str]:
    from thuvien.accounts.models import Membership

    return sorted(
        {
            e
            for e in Membership.objects.filter(
                role__code="network_admin", user__is_active=True
            ).values_list("user__email", flat=True)
            if e
        }
    )


def _alert(action: str, subject: str, error: str, changes: dict[str, Any]) -> None:
    audit_record(actor=None, action=action, changes={**changes, "error": error[:500]})
    recipients = network_admin_emails()
    if recipients:
        send_mail(
            subject,
            _(
                "%(subject)s.\n\n%(error)s\n\nXem trang Tác vụ và docs/operations.md (Sao lưu và "
                "phục hồi) để xử lý."
            )
            % {"subject": subject, "error": error},
            settings.DEFAULT_FROM_EMAIL,
            recipients,
            fail_silently=True,
        )


@job_task(
    BACKUP_KIND,
    retries=0,
    result_labels={
        "snapshot": gettext_lazy("Bản sao lưu"),
        "rows": gettext_lazy("Số dòng dữ liệu"),
        "files": gettext_lazy("Số tệp"),
        "derivatives": gettext_lazy("Số tệp ảnh đã xử lý của thư viện số"),
        "seconds": gettext_lazy("Thời gian (giây)"),
    },
)
def run_backup_job(job: Job, verify: bool = True) -> dict[str, Any]:
    def progress(msg: str) -> None:
        job_progress(job, done=0, message=msg)

    try:
        result = backup_run(progress=progress)
        backup_forget()
    except Exception as exc:
        _alert(
            "backup.failed",
            _("Sao lưu thất bại"),
            f"{type(exc).__name__}: {exc}",
            {"job": job.pk},
        )
        raise
    audit_record(actor=None, action="backup.completed", changes={"snapshot": result["snapshot"]})
    if verify:
        job_enqueue(
            kind=VERIFY_KIND,
            title=_("Kiểm tra bản sao lưu %(snap)s") % {"snap": result["snapshot"]},
            params={"snapshot": result["snapshot"]},
        )
    return result


@job_task(
    VERIFY_KIND,
    retries=0,
    result_labels={
        "snapshot": gettext_lazy("Bản sao lưu"),
        "taken_at": gettext_lazy("Lúc sao lưu"),
        "rows": gettext_lazy("Số dòng dữ liệu"),
        "files": gettext_lazy("Số tệp"),
        "derivatives": gettext_lazy("Số tệp ảnh đã xử lý của thư viện số"),
        "pages": gettext_lazy("Số trang số hoá có đủ ảnh"),
    },
)
def run_verify_job(job: Job, snapshot: str = "latest") -> dict[str, Any]:
    def progress(msg: str) -> None:
        job_progress(job, done=0, message=msg)

    try:
        result = backup_verify(snapshot=snapshot, progress=progress)
    except Exception as exc:
        _alert(
            "backup.verify_failed",
            _("Bản sao lưu không phục hồi được"),
            f"{type(exc).__name__}: {exc}",
            {"job": job.pk, "snapshot": snapshot},
        )
        raise
    audit_record(actor=None, action="backup.verified", changes={"snapshot": result["snapshot"]})
    result.pop("problems", None)
    return result


def backup_schedule(*, verify: bool = True) -> Job | None:
    """Queue tonight's backup (and its verification after it)."""
    try:
        restic.password_env()
    except BackupError as exc:
        _alert("backup.failed", _("Sao lưu thất bại"), str(exc), {})
        return None
    return job_enqueue(kind=BACKUP_KIND, title=_("Sao lưu theo lịch"), params={"verify": verify})


@db_periodic_task(
    crontab(hour=str(settings.BACKUP_HOUR), minute=str(settings.BACKUP_MINUTE)),
    name="backup.nightly",
)
def backup_nightly() -> None:
    if settings.BACKUP_SCHEDULED:
        backup_schedule()
