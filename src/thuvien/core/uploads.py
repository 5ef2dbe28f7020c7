"""Refuse an upload that is too large by its Content-Length, before its body is read.

Django reads a multipart body (to a temporary file) as soon as anything touches
``request.POST`` or ``request.FILES`` (the CSRF check does), so a 200 MB "photo" was received in
full before the 2 MB rule refused it. A view declares its limit with ``@upload_limit(bytes)``;
``UploadLimitMiddleware`` (before the CSRF middleware) answers 413 from the headers alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

F = TypeVar("F", bound=Callable[..., Any])

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


def upload_limit(max_file_bytes: int) -> Callable[[F], F]:
    """Declare on a view the largest file it accepts; larger requests get 413 unread."""

    def decorate(view: F) -> F:
        view.upload_max_bytes = max_file_bytes  # type: ignore[attr-defined]
        return view

    return decorate


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        limit = getattr(view_func, "upload_max_bytes", None)
        if limit is None:
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= limit + FORM_OVERHEAD_BYTES:
            return None
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        # Answered from the headers: the server discards what the client still sends (no
        # Connection header: WSGI leaves that to the server).
        return render(
            request,
            "413.html",
            {"limit_mb": max(1, round(limit / (1024 * 1024))), "back": back},
            status=413,
        )
