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
