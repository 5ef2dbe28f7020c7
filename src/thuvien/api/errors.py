"""Map domain errors (``ThuvienError``) to API responses with their stable codes."""

from __future__ import annotations

from typing import Any

from django_scopes.exceptions import ScopeError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from thuvien.core.errors import ThuvienError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ThuvienError):
        body = {"code": exc.code, "detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=exc.http_status)
    if isinstance(exc, ScopeError):
        # A bug (a query outside a scope); never leak data, never 500 silently.
        return Response(
            {"code": "scope", "detail": "Không tìm thấy."}, status=status.HTTP_404_NOT_FOUND
        )
    return drf_exception_handler(exc, context)
