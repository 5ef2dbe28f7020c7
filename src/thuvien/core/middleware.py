"""Vietnamese first: the language is the person's choice (cookie), else Vietnamese.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
Vietnam run an English system language; a public library portal must still open in Vietnamese.
The switch in the page header sets the cookie (Django's ``set_language`` view).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if wanted not in dict(settings.LANGUAGES):
            wanted = settings.LANGUAGE_CODE
        translation.activate(wanted)
        request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy`` (settings.THUVIEN_PERMISSIONS_POLICY) to every response.

    Django sets the other security headers (nosniff, Referrer-Policy, X-Frame-Options, HSTS)
    and django-csp the Content-Security-Policy; Django has no setting for this one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = settings.THUVIEN_PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


class NulInQueryMiddleware:
    """A NUL character in the query string is refused with 400 before any view runs:
    PostgreSQL cannot hold it in text, so a filter such as ``?network=a%00b`` was a 500 (found
    by schemathesis on the API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The protocol servers answer in their own error formats (OAI-PMH badArgument, SRU
        # diagnostics), never with a page.
        protocol = request.path.startswith(("/oai", "/sru"))
        if not protocol and "%00" in request.META.get("QUERY_STRING", "") and any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.GET.lists()
        ):
            from django.http import JsonResponse
            from django.shortcuts import render
            from django.utils.translation import gettext

            detail = gettext("Địa chỉ có ký tự không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "bad_parameter", "detail": detail}, status=400)
            return render(request, "400.html", status=400)
        return self.get_response(request)
