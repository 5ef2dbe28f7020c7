"""Decision 206 targets: every overseer reads them; a network administrator adds the
programme's targets and changes goals, deadlines and the figures entered by hand."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can_in_network, requires
from thuvien.oversight.errors import OversightError
from thuvien.oversight.selectors import target_get_for
from thuvien.oversight.targets import (
    COMPUTED_TYPES,
    target_save,
    targets_ensure_decision_206,
    targets_progress,
)


@requires(Capability.OVERSEE, network_wide=True)
def targets(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/oversight/targets.html",
        {
            "rows": targets_progress(network=request.network),
            "may_edit": can_in_network(
                request.user, Capability.ADMINISTER_NETWORK, request.network.pk
            ),
            "computed": set(COMPUTED_TYPES),
        },
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
@require_POST
def targets_add(request: HttpRequest) -> HttpResponse:
    added = targets_ensure_decision_206(network=request.network, actor=request.user)
    messages.success(request, _("Đã thêm %(n)s chỉ tiêu.") % {"n": added})
    return redirect("oversight:targets")


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
@require_POST
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_get_for(network=request.network, pk=pk)
    if target is None:
        raise Http404
    try:
        target_save(
            target=target,
            actor=request.user,
            percent=request.POST.get("percent"),
            deadline=request.POST.get("deadline"),
            entered_percent=request.POST.get("entered_percent"),
        )
    except OversightError as exc:
        messages.error(request, f"{target.get_measure_display()}: {exc.message}")
    else:
        messages.success(request, _("Đã lưu."))
    return redirect("oversight:targets")
