"""Network-level pages: groups, network settings and holidays, and merging two networks."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import can_in_network, requires, staff_access
from thuvien.core.errors import NotFound
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError
from thuvien.staff.forms_flow import form_error, form_submit

from ..forms import ClosedDayForm, GroupForm, NetworkForm, SettingsForm
from ._access import (
    can_admin_network,
    closed_day_confirm,
    network_of,
    render_page,
    require_network_reader,
)
from .settings_helpers import save_settings


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def network_edit(request: HttpRequest) -> HttpResponse:
    network = network_of(request)
    initial = {"name_vi": network.name_vi, "name_en": network.name_en, "province": network.province}
    form = NetworkForm(request.POST or None, initial=initial)
    done = form_submit(
        request,
        form,
        lambda data: services.network_update(network=network, actor=request.user, **data),
        success=_("Đã lưu thông tin mạng lưới."),
        then="network:index",
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {"form": form, "title": _("Sửa thông tin mạng lưới"), "cancel": "network:index"},
    )


@requires(Capability.ADMINISTER_LIBRARY)
def group_list(request: HttpRequest) -> HttpResponse:
    network = require_network_reader(request)
    return render_page(
        request,
        "staff/network/groups.html",
        {"network": network, "groups": selectors.group_list(network=network)},
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def group_create(request: HttpRequest) -> HttpResponse:
    network = network_of(request)
    form = GroupForm(request.POST or None, network=network, creating=True)
    done = form_submit(
        request,
        form,
        lambda data: services.group_create(
            network=network,
            code=data["code"],
            name_vi=data["name_vi"],
            name_en=data["name_en"],
            description=data["description"],
            libraries=data["libraries"],
            actor=request.user,
        ),
        success=_("Đã tạo nhóm."),
        then="network:groups",
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {"form": form, "title": _("Thêm nhóm thư viện"), "cancel": "network:groups"},
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_of(request)
    try:
        group = selectors.group_get(network=network, pk=pk)
    except NotFound:
        raise Http404 from None
    initial = {
        "name_vi": group.name_vi,
        "name_en": group.name_en,
        "description": group.description,
        "libraries": list(group.libraries.all()),
    }
    form = GroupForm(request.POST or None, network=network, creating=False, initial=initial)
    done = form_submit(
        request,
        form,
        lambda data: services.group_update(
            group=group,
            name_vi=data["name_vi"],
            name_en=data["name_en"],
            description=data["description"],
            libraries=data["libraries"],
            actor=request.user,
        ),
        success=_("Đã lưu nhóm."),
        then="network:groups",
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/form.html",
        {
            "form": form,
            "title": _("Sửa nhóm: %(name)s") % {"name": group.name_vi},
            "cancel": "network:groups",
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def network_settings(request: HttpRequest) -> HttpResponse:
    network = require_network_reader(request)
    form = SettingsForm(request.POST or None, rows=selectors.setting_rows(network=network))
    if request.method == "POST" and form.is_valid():
        if save_settings(form, actor=request.user, network=network):
            messages.success(request, _("Đã lưu thiết lập."))
            return redirect("network:settings")
    return render_page(
        request,
        "staff/network/settings.html",
        {
            "form": form,
            "network": network,
            "can_edit": can_admin_network(request, network),
            "title": _("Thiết lập chung của mạng lưới"),
        },
    )


@requires(Capability.ADMINISTER_LIBRARY)
def network_closed_days(request: HttpRequest) -> HttpResponse:
    network = require_network_reader(request)
    form = ClosedDayForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.closed_day_add(network=network, actor=request.user, **data),
        success=_("Đã thêm ngày nghỉ."),
        then="network:closed-days",
        errors=NetworkError,
    )
    if done is not None:
        return done
    return render_page(
        request,
        "staff/network/closed_days.html",
        {
            "form": form,
            "network": network,
            "days": selectors.closed_day_list(network=network, start=timezone.localdate()),
            "can_edit": can_admin_network(request, network),
            "title": _("Ngày nghỉ chung của mạng lưới"),
        },
        status=400 if form.errors else 200,
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def network_closed_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the closed day."""
    network = network_of(request)
    try:
        day = selectors.closed_day_get(network=network, library=None, pk=pk)
    except NotFound:
        raise Http404 from None
    if request.method != "POST":
        return closed_day_confirm(request, day, reverse("network:closed-days"))
    services.closed_day_remove(closed_day=day, actor=request.user)
    messages.success(request, _("Đã bỏ ngày nghỉ."))
    return redirect("network:closed-days")


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Mạng lưới được sáp nhập (sẽ ngừng hoạt động)"),
        queryset=selectors.networks_open(ids=()),
        error_messages={
            "required": gettext_lazy("Hãy chọn mạng lưới được sáp nhập."),
            "invalid_choice": gettext_lazy("Bạn không quản trị mạng lưới này."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú (căn cứ pháp lý)"), max_length=200, required=False
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def network_merge(request: HttpRequest) -> HttpResponse:
    """Choose the network to absorb, see what will move, then confirm."""
    target = network_of(request)
    admin_of = [
        pk
        for pk in staff_access(request.user).network_caps
        if can_in_network(request.user, Capability.ADMINISTER_NETWORK, pk)
    ]
    sources = selectors.networks_open(ids=admin_of, exclude=target)
    form = MergeForm(request.POST or None, initial={"confirm": False})
    form.fields["source"].queryset = sources
    preview = None
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        if form.cleaned_data["confirm"]:
            try:
                merge = services.network_merge(
                    source=source,
                    target=target,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except NetworkError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã sáp nhập %(source)s vào %(target)s: %(n)d thư viện được chuyển.")
                    % {
                        "source": source.name_vi,
                        "target": target.name_vi,
                        "n": merge.libraries_moved,
                    },
                )
                return redirect("network:index")
        else:
            preview = selectors.network_merge_preview(source=source)
            form = MergeForm(initial={**form.cleaned_data, "confirm": True})
            form.fields["source"].queryset = sources
            form.fields["source"].widget = forms.HiddenInput()
    return render_page(
        request,
        "staff/network/merge.html",
        {"form": form, "target": target, "preview": preview, "sources": sources},
    )
