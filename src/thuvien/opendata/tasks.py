"""Rebuilding the open data: a job (kind ``opendata.rebuild``) the worker runs every day."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job
from thuvien.core.stored_text import register_stored_messages

from .build import opendata_build

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
