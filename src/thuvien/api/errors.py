"""Map domain errors (``ThuvienError``) to API responses with their stable codes."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext
from django_scopes.exceptions import ScopeError
from rest_framework import status
from rest_framework.exceptions import ParseError, Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from thuvien.core.errors import ThuvienError

_JSON_WHERE = re.compile(r"line (\d+) column (\d+)")


def _parse_error(exc: ParseError) -> Response:
    """A body that is not JSON: DRF says "JSON parse error - Expecting value: line 1 column 1"
    in English; say it in the request's language, with where it went wrong."""
    where = _JSON_WHERE.search(str(exc.detail))
    if where:
        detail = gettext(
            "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở dòng %(line)s, cột %(column)s)."
        ) % {"line": where[1], "column": where[2]}
    else:
        detail = gettext("Nội dung gửi lên không phải JSON hợp lệ.")
    return Response({"code": "parse_error", "detail": detail}, status=status.HTTP_400_BAD_REQUEST)


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
    if isinstance(exc, ParseError):
        return _parse_error(exc)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        # DRF's words are English ("Request was throttled..."); Retry-After stays as DRF set it
        response.data = throttled_body(exc.wait)
    return response


def throttled_body(wait: float | None) -> dict[str, str]:
    """The answer to a throttled request (DRF's ``Throttled`` and the search's own path)."""
    seconds = max(1, int(wait or 1))
    return {
        "code": "throttled",
        "detail": gettext("Quá nhiều yêu cầu. Hãy thử lại sau %(seconds)s giây.")
        % {"seconds": seconds},
    }


def _wants_json(request: Any) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: Any, exception: Exception) -> Any:
    """Django's 404 page, except under /api/ where the answer is the API's JSON error (a URL
    that matches no route, ``/api/v1/groups/abc/``, was an HTML page: a schema violation)."""
    from django.http import JsonResponse
    from django.views import defaults

    if _wants_json(request):
        return JsonResponse({"code": "not_found", "detail": gettext("Không tìm thấy.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: Any) -> Any:
    from django.http import JsonResponse
    from django.views import defaults

    if _wants_json(request):
        return JsonResponse(
            {"code": "server_error", "detail": gettext("Lỗi máy chủ. Hãy thử lại sau.")},
            status=500,
        )
    return defaults.server_error(request)
