"""The staff dashboard and the switch between libraries a person works for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.middleware import ACTIVE_LIBRARY_SESSION_KEY
from thuvien.accounts.permissions import login_required_view
from thuvien.accounts.services import user_set_working_library


def _require_staff(request: HttpRequest) -> None:
    if request.library is None:
        raise PermissionDenied


@login_required_view
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where a working day starts: the areas this person may open, and for the desk the day's
    figures of the active library, each linked to the list behind it."""
    _require_staff(request)
    day = None
    if Capability.CIRCULATE.value in request.capabilities:
        from thuvien.circulation.selectors import library_day

        day = library_day(library=request.library)
    return render(request, "staff/dashboard/home.html", {"day": day})


@login_required_view
@require_POST
def switch_library(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    try:
        wanted = int(request.POST.get("library", ""))
    except ValueError:
        wanted = None
    allowed = {lib.pk: lib for lib in request.staff_libraries}
    if wanted not in allowed:
        messages.error(request, _("Bạn không làm việc tại thư viện này."))
    else:
        request.session[ACTIVE_LIBRARY_SESSION_KEY] = wanted
        user_set_working_library(user=request.user, library=allowed[wanted])
        messages.success(
            request, _("Đang làm việc tại %(library)s.") % {"library": allowed[wanted].name}
        )
    return redirect("dashboard:home")
