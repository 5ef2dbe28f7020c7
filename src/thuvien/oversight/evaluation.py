"""The annual evaluation of Circular 05/2020/TT-BVHTTDL, step by step.

1. The library evaluates itself on Mẫu 01 (by 30/12): the figures are the system's own,
   counted for the evaluation year (01/12 of the year before to 30/11), and the library adds
   its results, limits and proposals.
2. The evaluating body notifies the date and the method (from the report, on site, or online
   through data-processing software) at least 10 working days ahead.
3. It drafts the result within 2 working days of the evaluation; the library answers within 3;
   the final result, on Mẫu 02, follows within 3.

Each step is a service here, refused out of order, audited. Working days skip weekends and the
network's holidays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.network.models import ClosedDay, Library, Network

from .errors import OversightError, OversightErrorCode
from .models import Evaluation
from .reports import annual_report

E = OversightErrorCode
S = Evaluation.Status
MAX_TEXT = 10_000
NOTICE_WORKING_DAYS = 10
DRAFT_WORKING_DAYS = 2
ANSWER_WORKING_DAYS = 3
FINAL_WORKING_DAYS = 3


def working_days_after(*, network: Network, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (weekends and network holidays skipped)."""
    holidays = set(
        ClosedDay.objects.filter(
            network=network, library__isnull=True,
            date__range=(start, start + dt.timedelta(days=days * 3 + 14)),
        ).values_list("date", flat=True)
    )  # fmt: skip
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    return day


def _text(value: str, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise OversightError(E.REQUIRED, _("Cần nhập nội dung này."), field=field)
    if len(value) > MAX_TEXT:
        raise OversightError(
            E.TOO_LONG,
            _("Tối đa %(n)s ký tự (đang có %(len)s).") % {"n": MAX_TEXT, "len": len(value)},
            field=field,
        )
    return value


def _score(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        score = int(str(value).strip())
    except ValueError:
        score = -1
    if not 0 <= score <= 100:
        raise OversightError(E.SCORE_RANGE, _("Điểm là một số từ 0 đến 100."), field=field)
    return score


def _step(evaluation: Evaluation, *allowed: str) -> Evaluation:
    """Lock the row and refuse a step taken out of order."""
    evaluation = Evaluation.all_objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status not in allowed:
        raise OversightError(
            E.EVALUATION_STEP,
            _("Bước này không làm được khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"status": evaluation.get_status_display()},
        )
    return evaluation


def _figures(library: Library, year: int) -> list[list[str]]:
    report = annual_report(year=year, library=library, period="evaluation")
    return [
        [line.section, line.label, "" if line.value is None else str(line.value), line.note]
        for line in report.lines
    ]


def evaluation_start(*, library: Library, year: int, actor: Any) -> Evaluation:
    """Open the library's Mẫu 01 for ``year``, pre-filled with its figures."""
    if not 2000 <= int(year) <= timezone.localdate().year + 1:
        raise OversightError(E.YEAR_RANGE, _("Năm đánh giá không hợp lệ."), field="year")
    try:
        with transaction.atomic():
            evaluation = Evaluation.all_objects.create(
                library=library, year=year, figures=_figures(library, year)
            )
            audit_record(actor=actor, action="oversight.evaluation.started", obj=evaluation)
    except IntegrityError as exc:
        raise OversightError(
            E.EVALUATION_EXISTS, _("Thư viện đã có hồ sơ đánh giá năm %(year)s.") % {"year": year}
        ) from exc
    return evaluation


def evaluation_self_save(
    *, evaluation: Evaluation, actor: Any, results: str, limits: str, proposals: str,
    score: Any, submit: bool = False,
) -> Evaluation:  # fmt: skip
    """Save the library's Mẫu 01; ``submit`` sends it with the figures counted again now."""
    with transaction.atomic():
        evaluation = _step(evaluation, S.SELF_DRAFT)
        evaluation.self_results = _text(results, "self_results", required=submit)
        evaluation.self_limits = _text(limits, "self_limits", required=submit)
        evaluation.self_proposals = _text(proposals, "self_proposals")
        evaluation.self_score = _score(score, "self_score")
        if submit:
            evaluation.figures = _figures(evaluation.library, evaluation.year)
            evaluation.status = S.SELF_SUBMITTED
            evaluation.self_submitted_at = timezone.now()
        evaluation.save()
        audit_record(
            actor=actor,
            action=f"oversight.evaluation.{'self_submitted' if submit else 'self_saved'}",
            obj=evaluation,
        )
    return evaluation


def evaluation_schedule(
    *, evaluation: Evaluation, actor: Any, method: str, notified_on: dt.date,
    evaluation_on: dt.date,
) -> Evaluation:  # fmt: skip
    """Notify the library of the date and method, at least 10 working days ahead."""
    if method not in Evaluation.Method.values:
        raise OversightError(E.REQUIRED, _("Hãy chọn hình thức đánh giá."), field="method")
    earliest = working_days_after(
        network=evaluation.library.network, start=notified_on, days=NOTICE_WORKING_DAYS
    )
    if evaluation_on < earliest:
        raise OversightError(
            E.NOTICE_TOO_SHORT,
            _(
                "Phải thông báo trước ít nhất %(n)s ngày làm việc: "
                "ngày đánh giá sớm nhất là %(day)s."
            )
            % {"n": NOTICE_WORKING_DAYS, "day": earliest.strftime("%d/%m/%Y")},
            field="evaluation_on",
        )
    with transaction.atomic():
        evaluation = _step(evaluation, S.SELF_SUBMITTED, S.SCHEDULED)
        evaluation.method = method
        evaluation.notified_on = notified_on
        evaluation.evaluation_on = evaluation_on
        evaluation.status = S.SCHEDULED
        evaluation.evaluator = actor if getattr(actor, "is_authenticated", False) else None
        evaluation.save()
        audit_record(actor=actor, action="oversight.evaluation.scheduled", obj=evaluation)
    return evaluation


def evaluation_draft(
    *, evaluation: Evaluation, actor: Any, comments: str, score: Any
) -> Evaluation:
    """The evaluating body's draft result, sent to the library for its answer."""
    with transaction.atomic():
        evaluation = _step(evaluation, S.SCHEDULED)
        evaluation.draft_comments = _text(comments, "draft_comments", required=True)
        evaluation.draft_score = _score(score, "draft_score")
        evaluation.draft_at = timezone.now()
        evaluation.status = S.DRAFT_RESULT
        evaluation.save()
        audit_record(actor=actor, action="oversight.evaluation.drafted", obj=evaluation)
    return evaluation


def evaluation_answer(*, evaluation: Evaluation, actor: Any, answer: str) -> Evaluation:
    """The library's answer to the draft."""
    with transaction.atomic():
        evaluation = _step(evaluation, S.DRAFT_RESULT)
        evaluation.library_answer = _text(answer, "library_answer", required=True)
        evaluation.answered_at = timezone.now()
        evaluation.status = S.ANSWERED
        evaluation.save()
        audit_record(actor=actor, action="oversight.evaluation.answered", obj=evaluation)
    return evaluation


def evaluation_finalise(
    *, evaluation: Evaluation, actor: Any, comments: str, score: Any
) -> Evaluation:
    """The final result on Mẫu 02 (after the library's answer, or once its time has passed)."""
    with transaction.atomic():
        evaluation = _step(evaluation, S.DRAFT_RESULT, S.ANSWERED)
        evaluation.final_comments = _text(comments, "final_comments", required=True)
        evaluation.final_score = _score(score, "final_score")
        evaluation.final_at = timezone.now()
        evaluation.status = S.FINAL
        evaluation.save()
        audit_record(actor=actor, action="oversight.evaluation.finalised", obj=evaluation)
    return evaluation


@dataclass(frozen=True)
class Deadline:
    label: str
    due: dt.date | None
    done: bool

    @property
    def overdue(self) -> bool:
        return not self.done and self.due is not None and self.due < timezone.localdate()


def evaluation_deadlines(evaluation: Evaluation) -> list[Deadline]:
    """The circular's deadlines for this evaluation, as far as they can be known."""
    network = evaluation.library.network

    def after(day: dt.date | dt.datetime | None, n: int) -> dt.date | None:
        if day is None:
            return None
        start = timezone.localdate(day) if isinstance(day, dt.datetime) else day
        return working_days_after(network=network, start=start, days=n)

    answer_due = after(evaluation.draft_at, ANSWER_WORKING_DAYS)
    return [
        Deadline(_("Thư viện gửi Mẫu 01"), dt.date(evaluation.year, 12, 30),
                 evaluation.self_submitted_at is not None),
        Deadline(_("Dự thảo kết quả"), after(evaluation.evaluation_on, DRAFT_WORKING_DAYS),
                 evaluation.draft_at is not None),
        Deadline(_("Thư viện cho ý kiến"), answer_due, evaluation.answered_at is not None
                 or evaluation.final_at is not None),
        Deadline(_("Kết quả chính thức (Mẫu 02)"),
                 after(evaluation.answered_at or answer_due, FINAL_WORKING_DAYS),
                 evaluation.final_at is not None),
    ]  # fmt: skip
