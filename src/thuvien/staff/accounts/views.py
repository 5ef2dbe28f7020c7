"""Staff people pages: memberships (person x role) of a library or a network, and the audit log.

A library administrator manages his own library; a network administrator every library of his
network and the network-wide roles. Another library's memberships answer 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.errors import AccountsError
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import can_in_network, requires
from thuvien.accounts.selectors import (
    managed_places,
    membership_get_for,
    membership_list,
    roles_assignable,
)
from thuvien.accounts.services import (
    may_reset_second_factor,
    membership_change_role,
    membership_remove,
    staff_member_add,
    totp_reset,
)
from thuvien.core.errors import NotFound
from thuvien.core.selectors import audit_list
from thuvien.network.models import Library
from thuvien.network.selectors import libraries_by_ids, library_by_pk
from thuvien.staff.forms_flow import form_submit

from .forms import AuditFilterForm, MembershipAddForm, MembershipRoleForm, TotpResetForm

AUDIT_PAGE_SIZE = 50


def _target(request: StaffRequest) -> tuple[Library | None, bool]:
    """(library, network_wide) the page is about; 404 for a place the person does not manage."""
    libraries, networks = managed_places(request.user)
    wanted = request.GET.get("library") or request.POST.get("target_library")
    if (request.GET.get("scope") or request.POST.get("target_scope")) == "network":
        if request.network is None or request.network.pk not in networks:
            raise Http404
        return None, True
    if wanted:
        try:
            pk = int(wanted)
        except ValueError as exc:
            raise Http404 from exc
        if pk not in libraries:
            raise Http404
        return library_by_pk(pk=pk), False
    if request.library is None or request.library.pk not in libraries:
        raise Http404
    return request.library, False


def _target_query(library: Library | None, network_wide: bool) -> str:
    return urlencode({"scope": "network"} if network_wide else {"library": library.pk})


@requires(Capability.ADMINISTER_LIBRARY)
def people_list(request: StaffRequest) -> HttpResponse:
    library, network_wide = _target(request)
    network = request.network if network_wide else library.network
    memberships = membership_list(library=None if network_wide else library, network=network)
    roles = roles_assignable(network_wide=network_wide)
    libraries, networks = managed_places(request.user)
    choices = libraries_by_ids(ids=libraries, network=request.network)
    return render(
        request,
        "staff/accounts/people_list.html",
        {
            "target_library": library,
            "network_wide": network_wide,
            "network": network,
            "memberships": memberships,
            "add_form": MembershipAddForm(roles=roles),
            "role_form_roles": roles,
            "library_choices": choices,
            "can_network": request.network is not None and request.network.pk in networks,
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def people_add(request: StaffRequest) -> HttpResponse:
    library, network_wide = _target(request)
    network = request.network if network_wide else library.network
    back = reverse("people:list") + "?" + _target_query(library, network_wide)
    form = MembershipAddForm(request.POST, roles=roles_assignable(network_wide=network_wide))
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(back)
    data = form.cleaned_data
    try:
        user, _membership = staff_member_add(
            actor=request.user,
            role=data["role"],
            network=network,
            library=None if network_wide else library,
            username=data["username"],
            create=data["create"],
            full_name=data["full_name"],
            email=data["email"],
            password=data["password"],
        )
    except NotFound as exc:
        raise Http404 from exc
    except AccountsError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(
        request,
        _("Đã giao vai trò %(role)s cho %(user)s.") % {"role": data["role"], "user": user},
    )
    return redirect(back)


def _membership_or_404(request: StaffRequest, pk: int):
    try:
        return membership_get_for(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@requires(Capability.ADMINISTER_LIBRARY)
def membership_edit(request: StaffRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(request, pk)
    network_wide = membership.library_id is None
    back = reverse("people:list") + "?" + _target_query(membership.library, network_wide)
    form = MembershipRoleForm(
        request.POST or None, roles=roles_assignable(network_wide=network_wide)
    )

    def change(data: dict[str, Any]) -> Any:
        try:
            return membership_change_role(
                actor=request.user, membership=membership, role=data["role"]
            )
        except NotFound as exc:
            raise Http404 from exc

    done = form_submit(
        request,
        form,
        change,
        success=_("Đã đổi vai trò."),
        then=back,
        errors=AccountsError,
        on_error=lambda form, exc: form.add_error("role", exc.message),
    )
    if done is not None:
        return done
    return _edit_page(request, membership, form=form, back=back)


def _edit_page(request: StaffRequest, membership: Any, **context: Any) -> HttpResponse:
    """The membership page; it offers the second-factor reset to those who may make it."""
    person = membership.user
    if person.has_totp and may_reset_second_factor(request.user, person):
        context.setdefault("reset_form", TotpResetForm())
    return render(
        request, "staff/accounts/membership_edit.html", {"membership": membership, **context}
    )


@requires(Capability.ADMINISTER_LIBRARY)
@require_POST
def membership_reset_2fa(request: StaffRequest, pk: int) -> HttpResponse:
    """Lost phone and lost recovery codes: a network administrator turns the person's second
    factor off (audited with the reason), after checking who is asking (docs/guides/accounts.md).
    """
    membership = _membership_or_404(request, pk)
    if not may_reset_second_factor(request.user, membership.user):
        raise PermissionDenied
    back = (
        reverse("people:list")
        + "?"
        + _target_query(membership.library, membership.library_id is None)
    )
    form = TotpResetForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: totp_reset(user=membership.user, actor=request.user, reason=data["reason"]),
        success=_("Đã đặt lại xác thực hai bước của %(name)s.") % {"name": membership.user},
        then=back,
        errors=AccountsError,
        on_error=lambda form, exc: form.add_error(
            "reason" if exc.field == "reason" else None, exc.message
        ),
    )
    if done is not None:
        return done
    network_wide = membership.library_id is None
    role_form = MembershipRoleForm(roles=roles_assignable(network_wide=network_wide))
    return _edit_page(request, membership, form=role_form, back=back, reset_form=form)


@requires(Capability.ADMINISTER_LIBRARY)
def membership_delete(request: StaffRequest, pk: int) -> HttpResponse:
    """GET asks to confirm who loses which role where; POST removes it."""
    membership = _membership_or_404(request, pk)
    back = (
        reverse("people:list")
        + "?"
        + _target_query(membership.library, membership.library_id is None)
    )
    if request.method != "POST":
        return render(
            request,
            "staff/accounts/membership_remove.html",
            {"membership": membership, "back": back},
        )
    try:
        membership_remove(actor=request.user, membership=membership)
    except NotFound as exc:
        raise Http404 from exc
    except AccountsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã bỏ vai trò."))
    return redirect(back)


def _audit_place(request: StaffRequest) -> dict[str, Any]:
    """Network admins read the whole network; others their library. (Oversight officers do
    not read the log: it names readers.)"""
    network = request.network
    if network is not None and can_in_network(
        request.user, Capability.ADMINISTER_NETWORK, network.pk, write=False
    ):
        return {"network": network}
    return {"library": request.library}


# The log names the readers served, registered or changed (and the loans): readers' data.
@requires(Capability.ADMINISTER_LIBRARY, readers_data=True)
def audit_log(request: StaffRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
        if "user" in filters:
            filters["actor"] = filters.pop("user")
    place = _audit_place(request)
    entries = audit_list(**place, **filters)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "whole_network": "network" in place,
            "query": query.urlencode(),
        },
    )
