"""The portal's sitemaps (sitemaps.org): only what an anonymous visitor may see (issue 19).

Records held only by libraries, locations or copies hidden from the public are left out, as
are the pages of libraries that are not public and digital objects the public cannot open.
Each section is cut into pages of at most 50,000 addresses (the protocol's limit), listed by
the sitemap index at ``/sitemap.xml``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from thuvien.digital.selectors import public_object_list
from thuvien.holdings.selectors import public_library_list, public_record_list

MAX_URLS = 50_000


class RecordSitemap(Sitemap):  # type: ignore[type-arg]
    limit = MAX_URLS
    changefreq = "weekly"

    def items(self) -> Any:
        return public_record_list()

    def location(self, item: Any) -> str:
        return reverse("opac_search:record", args=[item.pk])

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class LibrarySitemap(Sitemap):  # type: ignore[type-arg]
    limit = MAX_URLS
    changefreq = "monthly"

    def items(self) -> Any:
        return public_library_list()

    def location(self, item: Any) -> str:
        return reverse("opac_libraries:library", args=[item.code])

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class DigitalSitemap(Sitemap):  # type: ignore[type-arg]
    limit = MAX_URLS
    changefreq = "monthly"

    def items(self) -> Any:
        return public_object_list()

    def location(self, item: Any) -> str:
        return reverse("opac_digital:viewer", args=[item.pk])

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class PortalSitemap(Sitemap):  # type: ignore[type-arg]
    """The portal's own pages: home, the directory of libraries, new acquisitions."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["opac_home:home", "opac_libraries:directory", "opac_search:new_items"]

    def location(self, item: str) -> str:
        return reverse(item)


SECTIONS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "portal": PortalSitemap,
    "libraries": LibrarySitemap,
    "records": RecordSitemap,
    "digital": DigitalSitemap,
}
