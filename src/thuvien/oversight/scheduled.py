"""Reports made by the worker on a schedule, kept with their checksum and e-mailed.

A network admin or an inspector schedules the monthly or annual report of a library, a group
of libraries or the whole network, in XLSX, PDF or CSV, for a list of recipients. Every
morning the worker makes, for each active schedule, the report of the last complete period
(the month before, or the year before) unless it was already made: a missed morning is caught
up the next day and a period is never made twice (a unique constraint, not a check). Each
report is kept on the storage API with its SHA-256 and listed on the page; the e-mail goes
after the commit. The page can also make a report at once (queued as a job, as every report).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.jobs import job_enqueue, job_task
from thuvien.network.models import Library, LibraryGroup, Network

from .errors import OversightError, OversightErrorCode
from .models import KeptReport, ReportSchedule
from .reports import FORMATS, annual_report

log = logging.getLogger(__name__)
E = OversightErrorCode
MAX_RECIPIENTS = 20


def _recipients(text: str | list[str]) -> list[str]:
    items = text if isinstance(text, list) else str(text or "").replace(";", ",").split(",")
    out: list[str] = []
    for raw in items:
        address = raw.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise OversightError(
                E.REQUIRED,
                _("Địa chỉ thư điện tử không hợp lệ: %(address)s") % {"address": address[:80]},
                field="recipients",
            ) from None
        if address.lower() not in (a.lower() for a in out):
            out.append(address)
    if not out:
        raise OversightError(E.REQUIRED, _("Cần ít nhất một người nhận."), field="recipients")
    if len(out) > MAX_RECIPIENTS:
        raise OversightError(
            E.TOO_LONG, _("Tối đa %(n)d người nhận.") % {"n": MAX_RECIPIENTS}, field="recipients"
        )
    return out


def _scope(
    network: Network, scope: str, library: Any, group: Any
) -> tuple[Library | None, LibraryGroup | None]:
    if scope == ReportSchedule.Scope.LIBRARY:
        found = Library.objects.filter(network=network, pk=getattr(library, "pk", library)).first()
        if found is None:
            raise OversightError(
                E.NOT_FOUND, _("Chọn một thư viện của mạng lưới."), field="library"
            )
        return found, None
    if scope == ReportSchedule.Scope.GROUP:
        grp = LibraryGroup.objects.filter(network=network, pk=getattr(group, "pk", group)).first()
        if grp is None:
            raise OversightError(E.NOT_FOUND, _("Chọn một nhóm thư viện."), field="group")
        return None, grp
    if scope != ReportSchedule.Scope.NETWORK:
        raise OversightError(E.REQUIRED, _("Chọn phạm vi báo cáo."), field="scope")
    return None, None


def schedule_create(
    *,
    network: Network,
    actor: Any,
    scope: str,
    kind: str,
    fmt: str,
    recipients: str | list[str],
    library: Any = None,
    group: Any = None,
) -> ReportSchedule:
    if kind not in ReportSchedule.Kind.values:
        raise OversightError(E.REQUIRED, _("Chọn kỳ báo cáo."), field="kind")
    if fmt not in FORMATS:
        raise OversightError(E.REQUIRED, _("Chọn định dạng."), field="fmt")
    lib, grp = _scope(network, scope, library, group)
    emails = _recipients(recipients)
    with transaction.atomic():
        schedule = ReportSchedule.objects.create(
            network=network, scope=scope, library=lib, group=grp, kind=kind, fmt=fmt,
            recipients=emails,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )  # fmt: skip
        audit_record(actor=actor, action="oversight.report_schedule.created", obj=schedule,
                     network=network, changes={"kind": [None, kind], "scope": [None, scope],
                                               "recipients": [None, emails]})  # fmt: skip
    return schedule


def schedule_update(
    *,
    schedule: ReportSchedule,
    actor: Any,
    scope: str,
    kind: str,
    fmt: str,
    recipients: str | list[str],
    library: Any = None,
    group: Any = None,
) -> ReportSchedule:
    """Change what a schedule makes and for whom, checked as when it was made; the audit entry
    keeps each change (a period already made is not made again)."""
    if kind not in ReportSchedule.Kind.values:
        raise OversightError(E.REQUIRED, _("Chọn kỳ báo cáo."), field="kind")
    if fmt not in FORMATS:
        raise OversightError(E.REQUIRED, _("Chọn định dạng."), field="fmt")
    lib, grp = _scope(schedule.network, scope, library, group)
    emails = _recipients(recipients)
    with transaction.atomic():
        locked = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
        new = {"scope": scope, "kind": kind, "fmt": fmt, "recipients": emails,
               "library": lib, "group": grp}  # fmt: skip
        changes = {}
        for name, value in new.items():
            old = getattr(locked, name)
            if old != value:
                changes[name] = [getattr(old, "code", old), getattr(value, "code", value)]
                setattr(locked, name, value)
        if changes:
            locked.save(update_fields=list(new))
            audit_record(actor=actor, action="oversight.report_schedule.changed", obj=locked,
                         network=locked.network, changes=changes)  # fmt: skip
    return locked


def schedule_stop(*, schedule: ReportSchedule, actor: Any) -> ReportSchedule:
    with transaction.atomic():
        schedule.active = False
        schedule.save(update_fields=["active"])
        audit_record(actor=actor, action="oversight.report_schedule.stopped", obj=schedule,
                     network=schedule.network)  # fmt: skip
    return schedule


def last_period(kind: str, today: dt.date) -> tuple[int, int | None]:
    """(year, month) of the last complete month, or (year, None) of the last complete year."""
    if kind == ReportSchedule.Kind.MONTHLY:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.year, last.month
    return today.year - 1, None


def report_keep(
    *,
    network: Network,
    year: int,
    month: int | None,
    fmt: str,
    actor: Any = None,
    library: Library | None = None,
    group: LibraryGroup | None = None,
    recipients: list[str] | None = None,
    schedule: ReportSchedule | None = None,
) -> KeptReport:
    """Make the report, keep it with its checksum, and e-mail it after the commit."""
    write, mime = FORMATS[fmt]
    scope: dict[str, Any] = (
        {"library": library} if library else {"group": group} if group else {"network": network}
    )
    with translation.override(settings.LANGUAGE_CODE):
        report = annual_report(year=year, month=month, **scope)
        data = write(report)
        subject = f"{report.title} — {report.unit}"
    digest = hashlib.sha256(data).hexdigest()
    code = getattr(library or group or network, "code", "thuvien")
    period = f"{year}-{month:02d}" if month else str(year)
    with transaction.atomic():
        kept = KeptReport(
            network=network, schedule=schedule, title=report.title[:255],
            unit=report.unit[:255], start=report.start, end=report.end, fmt=fmt,
            sha256=digest, size=len(data), made_at=timezone.now(),
            made_by=actor if getattr(actor, "is_authenticated", False) else None,
            sent_to=recipients or [],
        )  # fmt: skip
        kept.file.save(f"bao-cao-{code}-{period}.{fmt}", ContentFile(data), save=False)
        kept.save()
        changes = {"sha256": [None, digest], "recipients": [None, kept.sent_to]}
        audit_record(
            actor=actor, action="oversight.report.kept", obj=kept, network=network, changes=changes
        )
        if kept.sent_to:
            pk, name = kept.pk, kept.file.name.rsplit("/", 1)[-1]

            def send() -> None:
                body = _(
                    "Báo cáo “%(subject)s” do hệ thống thuvien lập ngày %(day)s.\n"
                    "Kỳ báo cáo: %(start)s – %(end)s.\nMã kiểm tra SHA-256: %(sha)s\n"
                ) % {"subject": subject, "day": timezone.localdate().strftime("%d/%m/%Y"),
                     "start": report.start.strftime("%d/%m/%Y"),
                     "end": report.end.strftime("%d/%m/%Y"), "sha": digest}  # fmt: skip
                message = EmailMessage(subject=subject, body=body, to=kept.sent_to)
                message.attach(name, data, mime.split(";")[0])
                message.send()
                KeptReport.objects.filter(pk=pk).update(sent_at=timezone.now())

            transaction.on_commit(send)
    return kept


def reports_due(*, today: dt.date | None = None) -> int:
    """Make every scheduled report whose last complete period was not made yet."""
    today = today or timezone.localdate()
    made = 0
    for schedule in ReportSchedule.objects.filter(active=True).select_related(
        "network", "library", "group"
    ):
        year, month = last_period(schedule.kind, today)
        start = dt.date(year, month or 1, 1)
        if KeptReport.objects.filter(schedule=schedule, start=start).exists():
            continue
        try:
            report_keep(
                network=schedule.network, year=year, month=month, fmt=schedule.fmt,
                library=schedule.library, group=schedule.group,
                recipients=list(schedule.recipients), schedule=schedule,
            )  # fmt: skip
        except IntegrityError:  # two workers at once: the other one made it
            continue
        made += 1
    return made


@job_task("oversight.report", result_labels={"sha256": "SHA-256"})
def report_job(
    job: Any,
    *,
    network_id: int,
    year: int,
    month: int | None,
    fmt: str,
    library_id: int | None = None,
    group_id: int | None = None,
    recipients: list[str] | None = None,
    user_id: int | None = None,
) -> dict[str, Any]:
    from thuvien.accounts.models import User

    kept = report_keep(
        network=Network.objects.get(pk=network_id), year=year, month=month, fmt=fmt,
        library=Library.objects.filter(pk=library_id).first() if library_id else None,
        group=LibraryGroup.objects.filter(pk=group_id).first() if group_id else None,
        recipients=recipients or [], actor=User.objects.filter(pk=user_id).first(),
    )  # fmt: skip
    return {"sha256": kept.sha256}


def report_now(
    *,
    network: Network,
    actor: Any,
    scope: str,
    year: Any,
    month: Any,
    fmt: str,
    recipients: str = "",
    library: Any = None,
    group: Any = None,
) -> Any:
    """Queue the making of a report now (the page's button); returns the job."""
    if fmt not in FORMATS:
        raise OversightError(E.REQUIRED, _("Chọn định dạng."), field="fmt")
    try:
        year_n = int(str(year).strip())
        month_n = int(str(month).strip()) if str(month or "").strip() else None
    except ValueError:
        raise OversightError(E.YEAR_RANGE, _("Năm, tháng không hợp lệ."), field="year") from None
    if not 2000 <= year_n <= 2100 or (month_n is not None and not 1 <= month_n <= 12):
        raise OversightError(E.YEAR_RANGE, _("Năm, tháng không hợp lệ."), field="year")
    lib, grp = _scope(network, scope, library, group)
    emails = _recipients(recipients) if str(recipients or "").strip() else []
    return job_enqueue(
        kind="oversight.report",
        title=_("Lập báo cáo thống kê"),
        network=network,
        user=actor,
        params={"network_id": network.pk, "year": year_n, "month": month_n, "fmt": fmt,
                "library_id": lib.pk if lib else None, "group_id": grp.pk if grp else None,
                "recipients": emails, "user_id": getattr(actor, "pk", None)},
    )  # fmt: skip
