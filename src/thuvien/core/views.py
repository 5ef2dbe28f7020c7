"""Views of the core app: a health check for load balancers and monitoring."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse

from thuvien.core.access import public_view


@public_view
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
