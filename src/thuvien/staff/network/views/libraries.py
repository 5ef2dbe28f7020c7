"""The tree and the libraries: overview, create, detail, edit, move, deactivate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import can_in_network, requires, staff_access
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError
from thuvien.network.models import LibraryType
from thuvien.staff.forms_flow import form_submit

from ..forms import LibraryForm, LibraryVisibilityForm, MoveForm
from ._access import (
    can_admin_network,
    can_read_network,
    library_for,
    may_edit,
    network_of,
    render_page,
)

LIBRARY_FIELDS = (
    "name_vi", "name_en", "library_type", "province", "commune", "address", "latitude",
    "longitude", "phone", "email", "website", "description",
)  # fmt: skip


@requires(Capability.ADMINISTER_LIBRARY)
def index(request: StaffRequest) -> HttpResponse:
    """The network's tree for its admins and oversight; a library admin's own libraries."""
    network = network_of(request)
    if not can_read_network(request, network):
        mine = [
            lib
            for lib in request.staff_libraries
            if Capability.ADMINISTER_LIBRARY in staff_access(request.user).caps_for(lib)
        ]
        return render_page(request, "staff/network/my_libraries.html", {"libraries": mine})
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "")
    if q or kind:
        rows = [
            selectors.TreeNode(lib, 0)
            for lib in selectors.sorted_vi(
                selectors.library_list(
                    network=network, q=q, library_type=kind or None, active_only=False
                )
            )
        ]
    else:
        rows = selectors.library_tree_rows(network=network, include_inactive=True)
    context = {
        "network": network,
        "rows": rows,
        "q": q,
        "type": kind,
        "types": LibraryType.choices,
        "absorbed": selectors.networks_absorbed_by(network=network),
    }
    if request.headers.get("HX-Request"):
        return render_page(request, "staff/network/_tree_table.html", context)
    return render_page(request, "staff/network/index.html", context)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def library_create(request: StaffRequest) -> HttpResponse:
    network = network_of(request)
    form = LibraryForm(
        request.POST or None,
        network=network,
        creating=True,
        initial={"province": network.province, "library_type": LibraryType.COMMUNE},
    )
    done = form_submit(
        request,
        form,
        lambda data: services.library_create(
            network=network,
            code=data["code"],
            parent=data["parent"],
            actor=request.user,
            **{name: _blank(data[name]) for name in LIBRARY_FIELDS},
        ),
        success=lambda library: _("Đã tạo thư viện %(name)s.") % {"name": library.name_vi},
        then=lambda library: redirect("network:library", code=library.code),
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {"form": form, "title": _("Thêm thư viện"), "cancel": "network:index"},
    )


def _blank(value):
    return "" if value is None else value


@requires(Capability.ADMINISTER_LIBRARY)
def library_detail(request: StaffRequest, code: str) -> HttpResponse:
    library = library_for(request, code)
    today = timezone.localdate()
    return render_page(
        request,
        "staff/network/library.html",
        {
            "library": library,
            "can_edit": may_edit(request, library),
            "can_admin": can_admin_network(request, library.network),
            "branches": selectors.library_branches(library=library),
            "locations": selectors.location_list(library=library),
            "week": selectors.opening_hours_week(library=library),
            "closed_days": selectors.closed_day_list(
                network=library.network, library=library, start=today
            )[:10],
            "placements": selectors.placement_history(library=library),
            "groups": library.groups.all(),
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def library_edit(request: StaffRequest, code: str) -> HttpResponse:
    library = library_for(request, code, write=True)
    initial = {name: getattr(library, name) for name in LIBRARY_FIELDS}
    form = LibraryForm(
        request.POST or None, network=library.network, creating=False, initial=initial
    )
    done = form_submit(
        request,
        form,
        lambda data: services.library_update(
            library=library,
            actor=request.user,
            **{name: _blank(data[name]) for name in LIBRARY_FIELDS},
        ),
        success=_("Đã lưu thông tin thư viện."),
        then=lambda _result: redirect("network:library", code=library.code),
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Sửa thông tin: %(name)s") % {"name": library.name_vi},
            "library": library,
        },
    )


def _admin_networks(request: StaffRequest):
    ids = [
        pk
        for pk in staff_access(request.user).network_caps
        if can_in_network(request.user, Capability.ADMINISTER_NETWORK, pk)
    ]
    return selectors.networks_open(ids=ids)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def library_move(request: StaffRequest, code: str) -> HttpResponse:
    library = library_for(request, code, write=True)
    if not can_admin_network(request, library.network):
        raise Http404
    networks = _admin_networks(request)
    form = MoveForm(
        request.POST or None,
        networks=networks,
        library=library,
        initial={"network": library.network, "parent": library.parent},
    )

    def move(data: dict[str, Any]) -> Any:
        at = None
        if data["effective_on"]:
            at = timezone.make_aware(dt.datetime.combine(data["effective_on"], dt.time.min))
        return services.library_move(
            library=library,
            new_parent=data["parent"],
            new_network=data["network"],
            reason=data["reason"],
            effective_at=at,
            actor=request.user,
        )

    done = form_submit(
        request,
        form,
        move,
        success=_("Đã chuyển thư viện."),
        then=lambda _result: redirect("network:library", code=library.code),
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Chuyển thư viện: %(name)s") % {"name": library.name_vi},
            "library": library,
            "intro": _(
                "Lịch sử trực thuộc được giữ lại cho thống kê các năm trước. Chuyển sang mạng "
                "lưới khác thì các đơn vị trực thuộc đi cùng."
            ),
        },
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def library_status(request: StaffRequest, code: str) -> HttpResponse:
    """Confirm and then deactivate (or reactivate) a library."""
    library = library_for(request, code, write=True)
    if not can_admin_network(request, library.network):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            if library.is_active:
                services.library_deactivate(library=library, actor=request.user)
                messages.success(request, _("Thư viện đã ngừng hoạt động."))
            else:
                services.library_reactivate(library=library, actor=request.user)
                messages.success(request, _("Thư viện đã hoạt động trở lại."))
        except NetworkError as exc:
            error = exc.message
        else:
            return redirect("network:library", code=library.code)
    elif request.method != "GET":
        raise PermissionDenied
    return render_page(
        request,
        "staff/network/library_status.html",
        {"library": library, "error": error},
        status=400 if error else 200,
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def library_visibility(request: StaffRequest, code: str) -> HttpResponse:
    """The network admin chooses who may see a library's holdings (issue 19)."""
    from thuvien.holdings.errors import HoldingsError
    from thuvien.holdings.services import library_visibility_set

    library = library_for(request, code, write=True)
    if not can_admin_network(request, library.network):
        raise Http404
    form = LibraryVisibilityForm(
        request.POST or None,
        initial={
            "visibility": library.visibility,
            "share_for_copy_cataloguing": library.share_for_copy_cataloguing,
        },
    )
    done = form_submit(
        request,
        form,
        lambda data: library_visibility_set(
            library=library,
            visibility=data["visibility"],
            share_for_copy_cataloguing=data["share_for_copy_cataloguing"],
            actor=request.user,
        ),
        success=_("Đã lưu phạm vi hiển thị của thư viện."),
        then=lambda _result: redirect("network:library", code=library.code),
        errors=HoldingsError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Ai được thấy vốn tài liệu: %(name)s") % {"name": library.name_vi},
            "library": library,
        },
        status=400 if form.errors else 200,
    )
