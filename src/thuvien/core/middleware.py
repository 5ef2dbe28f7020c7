"""Vietnamese first: the language is the person's choice (cookie), else Vietnamese.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
Vietnam run an English system language; a public library portal must still open in Vietnamese.
The switch in the page header sets the cookie (Django's ``set_language`` view).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if wanted not in dict(settings.LANGUAGES):
            wanted = settings.LANGUAGE_CODE
        translation.activate(wanted)
        request.LANGUAGE_CODE = translation.get_language()
