"""Health, readiness and metrics for load balancers and monitoring."""

from __future__ import annotations

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from thuvien.core.access import public_view

from . import checks
from .metrics import exposition


@public_view
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers and reaches its database."""
    checks.check_database()
    return JsonResponse({"status": "ok"})


@public_view
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, queue, search index and disk space; 503 names what fails."""
    parts = checks.readiness()
    failing = sorted(k for k, v in parts.items() if v != "ok")
    status = 503 if failing else 200
    return JsonResponse(
        {"status": "ok" if not failing else "unavailable", "failing": failing, "checks": parts},
        status=status,
    )


def metrics_allowed(request: HttpRequest) -> bool:
    """A bearer token (THUVIEN_METRICS_TOKEN) or an address in THUVIEN_METRICS_ALLOW."""
    token = settings.OPS_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:], token):
        return True
    try:
        addr = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        addr in ipaddress.ip_network(net, strict=False) for net in settings.OPS_METRICS_ALLOW
    )


@public_view  # not public in fact: a token or an allowed address, else 404 as if absent
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
