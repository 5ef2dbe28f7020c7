"""A library's locations, opening hours, closed days and settings (its own administrator, the
network admin; oversight reads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.holdings.errors import HoldingsError
from thuvien.holdings.services import location_visibility_set
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError
from thuvien.network.models import Location
from thuvien.staff.forms_flow import form_submit

from ..forms import ClosedDayForm, HoursForm, LocationForm, SettingsForm
from ._access import closed_day_confirm, library_for, may_edit, render_page
from .settings_helpers import save_settings


def _location(library, pk):
    try:
        return selectors.location_get(library=library, pk=pk)
    except NotFound:
        raise Http404 from None


@requires(Capability.ADMINISTER_LIBRARY)
def location_create(request: StaffRequest, code: str) -> HttpResponse:
    library = library_for(request, code, write=True)
    form = LocationForm(request.POST or None, creating=True, initial={"kind": Location.Kind.STACKS})

    def create(cleaned: dict[str, Any]) -> None:
        data = dict(cleaned)
        visibility = data.pop("visibility") or "normal"
        # two services, each in its own transaction (an interface opens none); the form
        # has checked the visibility, so the second cannot refuse it
        location = services.location_create(library=library, actor=request.user, **data)
        location_visibility_set(location=location, visibility=visibility, actor=request.user)

    done = form_submit(
        request,
        form,
        create,
        success=_("Đã thêm vị trí."),
        then=lambda _none: redirect("network:library", code=library.code),
        errors=(NetworkError, HoldingsError),
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Thêm vị trí: %(name)s") % {"name": library.name_vi},
            "library": library,
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def location_edit(request: StaffRequest, code: str, pk: int) -> HttpResponse:
    library = library_for(request, code, write=True)
    location = _location(library, pk)
    names = ("name_vi", "name_en", "kind", "is_public", "visibility")
    initial = {n: getattr(location, n) for n in names}
    form = LocationForm(request.POST or None, creating=False, initial=initial)

    def update(cleaned: dict[str, Any]) -> None:
        data = dict(cleaned)
        visibility = data.pop("visibility") or location.visibility
        services.location_update(location=location, actor=request.user, **data)
        location_visibility_set(location=location, visibility=visibility, actor=request.user)

    done = form_submit(
        request,
        form,
        update,
        success=_("Đã lưu vị trí."),
        then=lambda _none: redirect("network:library", code=library.code),
        errors=(NetworkError, HoldingsError),
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Sửa vị trí %(code)s") % {"code": location.code},
            "library": library,
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def hours_edit(request: HttpRequest, code: str) -> HttpResponse:
    library = library_for(request, code)
    week = selectors.opening_hours_week(library=library)
    form = HoursForm(request.POST or None, week=week)
    done = form_submit(
        request,
        form,
        lambda _data: services.opening_hours_set(
            library=library, week=form.week(), actor=request.user
        ),
        success=_("Đã lưu giờ mở cửa."),
        then=lambda _result: redirect("network:library", code=library.code),
        errors=NetworkError,
        on_error=lambda form, exc: form.add_error(HoursForm.error_field(exc.field), exc.message),
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/hours.html",
        {"form": form, "library": library, "can_edit": may_edit(request, library)},
    )


@requires(Capability.ADMINISTER_LIBRARY)
def library_closed_days(request: HttpRequest, code: str) -> HttpResponse:
    library = library_for(request, code)
    form = ClosedDayForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.closed_day_add(library=library, actor=request.user, **data),
        success=_("Đã thêm ngày nghỉ."),
        then=lambda _day: redirect("network:library-closed-days", code=library.code),
        errors=NetworkError,
    )
    if done is not None:
        return done
    days = selectors.closed_day_list(
        network=library.network, library=library, start=timezone.localdate()
    )
    return render_page(
        request,
        "staff/network/closed_days.html",
        {
            "form": form,
            "library": library,
            "days": days,
            "can_edit": may_edit(request, library),
            "title": _("Ngày nghỉ: %(name)s") % {"name": library.name_vi},
        },
        status=400 if form.errors else 200,
    )


@requires(Capability.ADMINISTER_LIBRARY)
def library_closed_day_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the closed day."""
    library = library_for(request, code, write=True)
    try:
        day = selectors.closed_day_get(network=library.network, library=library, pk=pk)
    except NotFound:
        raise Http404 from None
    if request.method != "POST":
        return closed_day_confirm(
            request, day, reverse("network:library-closed-days", args=[library.code])
        )
    services.closed_day_remove(closed_day=day, actor=request.user)
    messages.success(request, _("Đã bỏ ngày nghỉ."))
    return redirect("network:library-closed-days", code=library.code)


@requires(Capability.ADMINISTER_LIBRARY)
def library_settings(request: HttpRequest, code: str) -> HttpResponse:
    library = library_for(request, code)
    rows = selectors.setting_rows(library=library)
    form = SettingsForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        if save_settings(form, actor=request.user, library=library):
            messages.success(request, _("Đã lưu thiết lập."))
            return redirect("network:library-settings", code=library.code)
    return render_page(
        request,
        "staff/network/settings.html",
        {
            "form": form,
            "library": library,
            "can_edit": may_edit(request, library),
            "title": _("Thiết lập: %(name)s") % {"name": library.name_vi},
        },
    )
