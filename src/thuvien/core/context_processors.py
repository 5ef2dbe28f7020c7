"""Template context every page needs: the site name, the active library, the user's caps."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def thuvien(request: HttpRequest) -> dict:
    return {
        "THUVIEN_SITE_NAME": getattr(settings, "THUVIEN_SITE_NAME", "Thư viện số"),
        "active_library": getattr(request, "library", None),
        "staff_libraries": getattr(request, "staff_libraries", ()),
        "capabilities": getattr(request, "capabilities", frozenset()),
    }
