"""Staff pages of the OAI-PMH harvester, for network administrators: the partners, a form for
each, "harvest now", and the report of every run (what came, changed, was deleted or refused,
and why)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.core.errors import NotFound
from thuvien.harvest import selectors, services
from thuvien.harvest.errors import HarvestError
from thuvien.harvest.models import Partner
from thuvien.harvest.tasks import harvest_enqueue
from thuvien.staff.forms_flow import form_submit


class PartnerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên đối tác"), max_length=200)
    base_url = forms.URLField(
        label=gettext_lazy("Địa chỉ OAI-PMH"), max_length=500, assume_scheme="https"
    )
    metadata_prefix = forms.ChoiceField(
        label=gettext_lazy("Định dạng"), choices=Partner.Prefix.choices
    )
    set_spec = forms.CharField(
        label=gettext_lazy("Tập hợp (set)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Để trống để thu thập cả kho."),
    )
    target = forms.ChoiceField(label=gettext_lazy("Đưa vào"), choices=Partner.Target.choices)
    interval_hours = forms.IntegerField(
        label=gettext_lazy("Chu kỳ thu thập (giờ)"),
        min_value=0,
        max_value=24 * 365,
        initial=24,
        help_text=gettext_lazy("0: chỉ thu thập khi bấm nút."),
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Đang hoạt động"), required=False, initial=True
    )


def _partner(request: HttpRequest, pk: int) -> Partner:
    try:
        return selectors.partner_get_for(network=request.network, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def partner_list_view(request: HttpRequest) -> HttpResponse:
    partners = list(selectors.partner_list(network=request.network))
    for partner in partners:
        partner.last_run = partner.runs.order_by("-started_at", "-id").first()
    return render(request, "staff/harvest/partners.html", {"partners": partners})


def _form_page(request: HttpRequest, partner: Partner | None) -> HttpResponse:
    initial = {f: getattr(partner, f) for f in PartnerForm.base_fields} if partner else None
    form = PartnerForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Partner:
        if partner is None:
            return services.partner_create(network=request.network, actor=request.user, **data)
        return services.partner_update(partner=partner, actor=request.user, **data)

    done = form_submit(
        request,
        form,
        save,
        success=_("Đã lưu kho đối tác."),
        then=lambda saved: redirect("harvest:partner", pk=saved.pk),
        errors=HarvestError,
    )
    if done is not None:
        return done
    title = _("Sửa kho đối tác") if partner else _("Thêm kho đối tác OAI-PMH")
    return render(
        request, "staff/harvest/form.html", {"form": form, "title": title, "partner": partner}
    )


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def partner_create_view(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def partner_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, _partner(request, pk))


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def partner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    return render(
        request,
        "staff/harvest/partner.html",
        {
            "partner": partner,
            "runs": selectors.run_list(partner=partner),
            "record_count": selectors.partner_record_count(partner=partner),
        },
    )


@require_POST
@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def partner_run_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request, pk)
    job = harvest_enqueue(partner=partner, user=request.user)
    messages.success(request, _("Đã bắt đầu thu thập; theo dõi tiến độ ở trang công việc."))
    return redirect("jobs:detail", pk=job.pk)


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def run_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        run = selectors.run_get_for(network=request.network, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "staff/harvest/run.html", {"run": run, "partner": run.partner})
