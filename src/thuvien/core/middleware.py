"""Vietnamese first: the language is the person's choice (cookie), else Vietnamese.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
Vietnam run an English system language; a public library portal must still open in Vietnamese.
The switch in the page header sets the cookie (Django's ``set_language`` view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
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
        if (
            not protocol
            and "%00" in request.META.get("QUERY_STRING", "")
            and any(
                "\x00" in key or any("\x00" in v for v in values)
                for key, values in request.GET.lists()
            )
        ):
            from django.http import JsonResponse
            from django.shortcuts import render
            from django.utils.translation import gettext

            detail = gettext("Địa chỉ có ký tự không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "bad_parameter", "detail": detail}, status=400)
            return render(request, "400.html", status=400)
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """A page opened at an address that only takes a form (a link, a bookmark, a login's
    ``?next=``) was Django's empty 405. Every such answer to a GET becomes a page that says so
    in the person's language and leads back: the staff home under /staff/, the reader's
    account under /account/, the home page elsewhere. The API and the protocol servers keep
    their own answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method not in ("GET", "HEAD")
            or getattr(response, "streaming", False)
            or response.content
            or request.path.startswith(("/api/", "/oai", "/sru", "/iiif"))
        ):
            return response
        from django.shortcuts import render

        if request.path.startswith("/staff/"):
            back = "/staff/"
        elif request.path.startswith("/account/"):
            back = "/account/"
        else:
            back = "/"
        page = render(request, "405.html", {"back": back}, status=405)
        if "Allow" in response.headers:
            page.headers["Allow"] = response.headers["Allow"]
        return page


_PER_VIEW = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro",
             "_csp_replace_ro", "_csp_exempt", "_csp_exempt_ro")  # fmt: skip
_HEADERS = (
    (HEADER, "CONTENT_SECURITY_POLICY", False),
    (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
)
_BUILT: dict[str, tuple[Any, str]] = {}  # setting -> (its value when built, the header)


def _policy(setting: str, report_only: bool) -> tuple[str, Any]:
    """The header django-csp builds from the settings alone, built once per settings value
    (``override_settings`` gives a new one) instead of on every response; and the value."""
    config = getattr(settings, setting, None)
    built = _BUILT.get(setting)
    if built is None or built[0] is not config:
        built = _BUILT[setting] = (config, build_policy(report_only=report_only))
    return built[1], config


class CSPMiddleware(_CSPMiddleware):
    """django-csp's middleware, with the usual header (no nonce, no per-view change) built
    once: building it from the settings on every response cost about 0.1 ms of CPU, a
    twentieth of an API search. A nonce or a view's ``csp_update``/``csp_exempt`` go through
    django-csp's own code, unchanged."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _PER_VIEW
        ):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        for header, setting, report_only in _HEADERS:
            policy, config = _policy(setting, report_only)
            if not policy or header in response:
                continue
            prefixes = (config or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
