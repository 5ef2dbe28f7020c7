"""The installable web app (PWA): manifest, service worker and the offline page.

The service worker lives at the site root so that it controls every page. It caches the static
shell (stylesheet, htmx, icons, the offline page) at install and serves static files
cache-first. Pages always come from the network and are never cached (they may show who is
logged in, on a shared library computer); without a network the offline page is shown.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from thuvien.core.access import public_view

from .site import site_name

SHELL_STATIC = (
    "thuvien/css/app.css",
    "thuvien/js/htmx.min.js",
    "thuvien/img/icon.svg",
    "thuvien/img/icon-192.png",
    "thuvien/js/pwa.js",
)


@cache
def _shell_version() -> str:
    """Changes whenever a shell file changes, so browsers drop the old cache."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        if path:
            with open(path, "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()[:12]


@public_view
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> JsonResponse:
    site = site_name()
    data = {
        "name": site,
        "short_name": site[:12],
        "description": _("Mạng lưới thư viện: tra cứu, mượn trả, thư viện số."),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": static("thuvien/img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("thuvien/img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("thuvien/img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("thuvien/img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@public_view
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "core/sw.js",
        {
            "version": _shell_version(),
            "shell_json": json.dumps([static(name) for name in SHELL_STATIC] + ["/offline/"]),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@public_view
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "core/offline.html")
