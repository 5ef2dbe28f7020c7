"""The harvest as a background job (kind ``harvest.run``) and the schedule that starts the
partners that are due."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from thuvien.core.jobs import job_enqueue, job_progress, job_task
from thuvien.core.models import Job
from thuvien.core.stored_text import register_stored_messages

from .models import HarvestRun, Partner
from .services import harvest_run, partners_due

HARVEST_KIND = "harvest.run"
RESULT_LABELS = {
    "partner": _("Đối tác"),
    "status": _("Kết quả"),
    "came": _("Nhận được"),
    "created": _("Tạo mới"),
    "changed": _("Cập nhật"),
    "unchanged": _("Không đổi"),
    "deleted": _("Đã xoá"),
    "merged": _("Trùng biểu ghi sẵn có, đã gộp"),
    "refused": _("Từ chối"),
}
register_stored_messages(
    "jobs",
    (gettext_noop("Thu thập OAI-PMH: %(name)s"), gettext_noop("Đã nhận %(n)s biểu ghi")),
)


@job_task(HARVEST_KIND, retries=0, result_labels=RESULT_LABELS)
def harvest_job(job: Job, *, partner_id: int) -> dict[str, Any]:
    partner = Partner.objects.select_related("network").get(pk=partner_id)
    if (
        HarvestRun.objects.filter(partner=partner, status=HarvestRun.Status.RUNNING)
        .exclude(job=job)
        .exists()
    ):
        return {"partner": partner.name, "status": "skipped"}
    run = harvest_run(
        partner=partner,
        job=job,
        progress=lambda n, message: job_progress(job, done=n, message=message),
    )
    return {
        "partner": partner.name,
        "status": run.get_status_display(),
        "came": run.came,
        "created": run.created,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "deleted": run.deleted,
        "merged": run.merged,
        "refused": run.refused,
    }


def harvest_enqueue(*, partner: Partner, user: Any | None = None) -> Job:
    return job_enqueue(
        kind=HARVEST_KIND,
        title=gettext("Thu thập OAI-PMH: %(name)s") % {"name": partner.name},
        params={"partner_id": partner.pk},
        network=partner.network,
        user=user,
    )


@db_periodic_task(crontab(minute="*/15"))
def harvest_due_partners() -> int:
    """Start the harvest of every partner whose time has come (each a job of its own)."""
    started = 0
    for partner in partners_due():
        Partner.objects.filter(pk=partner.pk).update(next_run_at=None)  # not twice
        harvest_enqueue(partner=partner)
        started += 1
    return started
