"""Per request: which library a staff member acts for, and the library scope around the view.

Staff pages (``/staff/``) run inside the scope of the active library, chosen from the person's
memberships and kept in the session. Other pages open the scope they need themselves (the public
portal opens the libraries it shows; the API opens it after authenticating the client), so code
that forgets fails loudly with ``ScopeError`` rather than showing another library's data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from thuvien.core.scoping import library_scope

from .permissions import staff_access

ACTIVE_LIBRARY_SESSION_KEY = "thuvien_active_library"
SCOPED_PREFIXES = ("/staff/",)


def staff_libraries(user) -> list:
    """Libraries a person may act for: their own, and all of their networks' if network-wide."""
    from django.db.models import Q

    from thuvien.network.models import Library

    access = staff_access(user)
    if not access.is_staff_anywhere:
        return []
    if access.superuser:
        return list(Library.objects.filter(is_active=True).select_related("network"))
    return list(
        Library.objects.filter(
            Q(pk__in=access.library_caps.keys()) | Q(network_id__in=access.network_caps.keys())
        )
        .select_related("network")
        .order_by("network_id", "code")
    )


def resolve_active_library(request: HttpRequest):
    """The library the staff member acts for now, or None for a non-staff person."""
    libraries = staff_libraries(request.user)
    if not libraries:
        return None, []
    wanted = request.session.get(ACTIVE_LIBRARY_SESSION_KEY) or getattr(
        request.user, "working_library_id", None
    )
    by_id = {lib.pk: lib for lib in libraries}
    # Without a choice (the library last worked at, kept with the account): the person's home
    # library, where they were first appointed; else (network-wide roles) the network's
    # provincial library, the head of the network. Never simply the first by code.
    active = (
        by_id.get(wanted)
        or by_id.get(staff_access(request.user).home_library_id)
        or next((lib for lib in libraries if lib.library_type == "provincial"), libraries[0])
    )
    return active, libraries


class LibraryScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The attributes of ``http.StaffRequest``; None outside the staff pages.
        request.library = None  # type: ignore[attr-defined]
        request.network = None  # type: ignore[attr-defined]
        request.staff_libraries = []  # type: ignore[attr-defined]
        request.capabilities = frozenset()  # type: ignore[attr-defined]
        if not request.path.startswith(SCOPED_PREFIXES) or not request.user.is_authenticated:
            return self.get_response(request)
        active, libraries = resolve_active_library(request)
        request.library = active  # type: ignore[attr-defined]
        request.network = active.network if active else None  # type: ignore[attr-defined]
        request.staff_libraries = libraries  # type: ignore[attr-defined]
        request.capabilities = staff_access(request.user).caps_for(active)  # type: ignore[attr-defined]
        with library_scope([active] if active else []):
            return self.get_response(request)


TWO_FACTOR_PREFIXES = ("/staff/", "/admin/", "/api/")


def session_passed_second_factor(request: HttpRequest) -> bool:
    """The session proved a TOTP code (or was made by the test-only force-login backend)."""
    from django.contrib.auth import BACKEND_SESSION_KEY

    from .backends import FORCE_LOGIN_TEST_BACKEND
    from .totp import SESSION_VERIFIED

    if request.session.get(SESSION_VERIFIED):
        return True
    # Only reachable when the TEST settings list that backend: Django refuses to load a
    # session whose backend is not in AUTHENTICATION_BACKENDS.
    return request.session.get(BACKEND_SESSION_KEY) == FORCE_LOGIN_TEST_BACKEND


class TwoFactorMiddleware:
    """Network administrators use /staff/, /admin/ (and the API with a session cookie) only
    after a second factor. Token requests are checked when the token is issued.

    Without TOTP enrolled they are sent to enrol; with TOTP but an unverified session (enrolled
    from another session) they are asked for a code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith(TWO_FACTOR_PREFIXES)
            and request.user.is_authenticated
            and not session_passed_second_factor(request)
        ):
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode

            from .views import totp_required_for

            if totp_required_for(request.user):
                if request.path.startswith("/api/"):
                    # A session cookie used on the API: same rule, answered as JSON.
                    from django.http import JsonResponse

                    return JsonResponse(
                        {"code": "totp_required", "detail": "Cần xác thực hai bước."}, status=403
                    )
                target = "accounts:totp-verify" if request.user.has_totp else "accounts:totp-enrol"
                return redirect(
                    reverse(target) + "?" + urlencode({"next": request.get_full_path()})
                )
        return self.get_response(request)
