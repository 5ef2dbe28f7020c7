"""``/sitemap.xml`` (an index), ``/sitemap-<section>.xml`` and ``/robots.txt``."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from thuvien.accounts.permissions import public_view

from .sections import SECTIONS

# Not cached: a library hidden a minute ago must leave the lists at once (issue 19).


@require_GET
@public_view
def index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SECTIONS, sitemap_url_name="opac_sitemaps:section")


@require_GET
@public_view
def section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SECTIONS, section=section)


ROBOTS = """User-agent: *
Disallow: /staff/
Disallow: /admin/
Disallow: /account/
Disallow: /accounts/
Disallow: /api/
Disallow: /search/?
Sitemap: {sitemap}
"""


@require_GET
@public_view
def robots(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("opac_sitemaps:index"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")
