"""Rebuilding the open data: a job (kind ``opendata.rebuild``) the worker runs every day, and
the first build a few minutes after the worker first starts (not the next night)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job
from thuvien.core.selectors import job_underway
from thuvien.core.stored_text import register_stored_messages

from .build import manifest_read, opendata_build

REBUILD_KIND = "opendata.rebuild"
register_stored_messages("jobs", (gettext_noop("Tạo lại dữ liệu mở"),))


@job_task(REBUILD_KIND, retries=1, result_labels={"records": _("Biểu ghi"), "files": _("Tệp")})
def opendata_rebuild_job(job: Job) -> dict[str, Any]:
    manifest = opendata_build(progress=lambda n, m: job_progress(job, done=n))
    files = [x for d in manifest["datasets"] for x in d["distributions"]]
    return {"records": files[0]["items"] if files else 0, "files": len(files)}


@db_periodic_task(crontab(hour=str(settings.OPENDATA_REBUILD_HOUR), minute="20"))
def opendata_rebuild_daily() -> int:
    return job_enqueue(kind=REBUILD_KIND, title="Tạo lại dữ liệu mở").pk


def rebuild_underway() -> bool:
    """Whether a rebuild is queued or running now."""
    return job_underway(kind=REBUILD_KIND)


def first_build_enqueue() -> Job | None:
    """Queue the first build if there are no files yet and none is underway.

    Without it a new installation (or ``make demo``) had no open data until the nightly
    rebuild, and the download page said the files were being made while nothing was.
    """
    if manifest_read() is not None or rebuild_underway():
        return None
    return job_enqueue(kind=REBUILD_KIND, title="Tạo lại dữ liệu mở")


@db_periodic_task(crontab(minute="*/5"))
def opendata_first_build() -> int | None:
    job = first_build_enqueue()
    return job.pk if job else None
