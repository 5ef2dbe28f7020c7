"""Circular 05/2020 evaluation pages: the library's side (Mẫu 01, its answer) and the
evaluating body's side (schedule, draft, final result on Mẫu 02). Each POST names its step and
calls one service of ``oversight.evaluation``; the page shows what the status allows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.oversight import evaluation as ev
from thuvien.oversight.errors import OversightError
from thuvien.oversight.models import Evaluation
from thuvien.oversight.selectors import (
    evaluation_get_for,
    evaluations_of_library,
    evaluations_of_network,
)


def _date(value: str | None, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError as exc:
        raise OversightError("oversight.bad_date", _("Ngày không hợp lệ."), field=field) from exc


def _page(request: HttpRequest, evaluation: Evaluation, side: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        "staff/oversight/evaluation.html",
        {
            "e": evaluation,
            "side": side,
            "deadlines": ev.evaluation_deadlines(evaluation),
            "methods": Evaluation.Method.choices,
            "post": request.POST if request.method == "POST" else {},
            **extra,
        },
        status=400 if extra.get("error") else 200,
    )


def _run(
    request: HttpRequest, evaluation: Evaluation, side: str, step: Callable[[], Evaluation]
) -> HttpResponse:
    try:
        step()
    except OversightError as exc:
        return _page(request, evaluation, side, error=exc)
    messages.success(request, _("Đã lưu."))
    return redirect(request.path)


# --- The library --------------------------------------------------------------------------


@requires(Capability.ADMINISTER_LIBRARY)
def library_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            evaluation = ev.evaluation_start(
                library=request.library,
                year=int(request.POST.get("year", "0") or 0),
                actor=request.user,
            )
        except (OversightError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", _("Năm đánh giá không hợp lệ.")))
            return redirect("oversight:library-evaluations")
        return redirect("oversight:library-evaluation", pk=evaluation.pk)
    return render(
        request,
        "staff/oversight/library_evaluations.html",
        {
            "evaluations": evaluations_of_library(library=request.library),
            "year": timezone.localdate().year,
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def library_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        evaluation = evaluation_get_for(pk=pk, library=request.library)
    except NotFound as exc:
        raise Http404 from exc
    if request.method != "POST":
        return _page(request, evaluation, "library")
    post, action = request.POST, request.POST.get("action")
    if action in ("save", "submit"):
        return _run(request, evaluation, "library", lambda: ev.evaluation_self_save(
            evaluation=evaluation, actor=request.user, results=post.get("self_results", ""),
            limits=post.get("self_limits", ""), proposals=post.get("self_proposals", ""),
            score=post.get("self_score"), submit=action == "submit",
        ))  # fmt: skip
    if action == "answer":
        return _run(request, evaluation, "library", lambda: ev.evaluation_answer(
            evaluation=evaluation, actor=request.user, answer=post.get("library_answer", ""),
        ))  # fmt: skip
    return _page(request, evaluation, "library")


# --- The evaluating body --------------------------------------------------------------------


@requires(Capability.OVERSEE, network_wide=True)
def network_list(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "staff/oversight/evaluations.html",
        {"rows": evaluations_of_network(network=request.network, year=year), "year": year},
    )


@requires(Capability.OVERSEE, network_wide=True)
def network_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        evaluation = evaluation_get_for(pk=pk, network=request.network)
    except NotFound as exc:
        raise Http404 from exc
    if request.method != "POST":
        return _page(request, evaluation, "inspector")
    post, action = request.POST, request.POST.get("action")

    def schedule() -> Evaluation:
        return ev.evaluation_schedule(
            evaluation=evaluation, actor=request.user, method=post.get("method", ""),
            notified_on=_date(post.get("notified_on"), "notified_on"),
            evaluation_on=_date(post.get("evaluation_on"), "evaluation_on"),
        )  # fmt: skip

    steps: dict[str, Callable[[], Evaluation]] = {
        "schedule": schedule,
        "draft": lambda: ev.evaluation_draft(
            evaluation=evaluation, actor=request.user,
            comments=post.get("draft_comments", ""), score=post.get("draft_score"),
        ),
        "final": lambda: ev.evaluation_finalise(
            evaluation=evaluation, actor=request.user,
            comments=post.get("final_comments", ""), score=post.get("final_score"),
        ),
    }  # fmt: skip
    if action not in steps:
        return _page(request, evaluation, "inspector")
    return _run(request, evaluation, "inspector", steps[action])
