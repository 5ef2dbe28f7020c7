"""Template context every page needs: the site name, the active library, the user's caps."""

from __future__ import annotations

from django.http import HttpRequest

from .site import site_name


def thuvien(request: HttpRequest) -> dict:
    return {
        "THUVIEN_SITE_NAME": site_name(),
        "active_library": getattr(request, "library", None),
        "staff_libraries": getattr(request, "staff_libraries", ()),
        "capabilities": getattr(request, "capabilities", frozenset()),
    }
