"""The security events page: what the audit log and the quarantine say about attacks and
failures, for the network administrators (issue 17)."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.accounts.security_events import security_event_counts, security_event_list
from thuvien.screening.selectors import quarantine_list

PERIODS = {"1": _("24 giờ qua"), "7": _("7 ngày qua"), "30": _("30 ngày qua")}
PAGE_SIZE = 50


@requires(Capability.ADMINISTER_NETWORK, network_wide=True)
def security_events(request: StaffRequest) -> HttpResponse:
    days = request.GET.get("days", "7")
    if days not in PERIODS:
        days = "7"
    since = timezone.now() - dt.timedelta(days=int(days))
    network = request.network
    events = security_event_list(network=network, since=since)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/security/events.html",
        {
            "periods": PERIODS.items(),
            "days": days,
            "counts": security_event_counts(network=network, since=since),
            "page": page,
            "query": f"days={days}",
            "quarantined": quarantine_list(network_id=network.pk, since=since)[:50],
        },
    )
