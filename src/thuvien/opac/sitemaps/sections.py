"""The portal's sitemaps (sitemaps.org): only what an anonymous visitor may see (issue 19).

Records held only by libraries, locations or copies hidden from the public are left out, as
are the pages of libraries that are not public and digital objects the public cannot open.
Each section is cut into pages of at most 50,000 addresses (the protocol's limit), listed by
the sitemap index at ``/sitemap.xml``.

A catalogue of a million records must not cost a million rows to list: Django's sitemaps count
the whole list, page it by OFFSET (the last page reads every row before it) and find the index's
last change by loading every item in Python. Here a page is a range of ids (page n: ids in
((n-1)·50,000, n·50,000]), so every page is one index range scan however deep, the number of
pages comes from the highest id, and the last change is one aggregate. A page may list fewer
than 50,000 addresses (hidden or deleted records leave gaps), never more.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property

from thuvien.core.selectors import highest_id, rows_in_id_range
from thuvien.digital.selectors import public_object_list
from thuvien.holdings.selectors import public_library_list, public_record_list

MAX_URLS = 50_000


class _IdPage:
    def __init__(self, object_list: QuerySet[Any]) -> None:
        self.object_list = object_list


class IdRangePaginator:
    """Pages of ``per_page`` ids each (what Django's sitemaps ask of a paginator)."""

    def __init__(self, queryset: QuerySet[Any], per_page: int) -> None:
        self.queryset = queryset
        self.per_page = per_page

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-highest_id(self.queryset) // self.per_page))

    def page(self, number: Any) -> _IdPage:
        try:
            n = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger from exc
        if n < 1 or n > self.num_pages:
            raise EmptyPage
        low, high = (n - 1) * self.per_page, n * self.per_page
        return _IdPage(rows_in_id_range(self.queryset, after=low, up_to=high))


class QuerySetSitemap(Sitemap):  # type: ignore[type-arg]
    """A section over a query set of rows with ``updated_at``, paged by id ranges."""

    limit = MAX_URLS

    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    def items(self) -> QuerySet[Any]:
        return self.rows()

    @property
    def paginator(self) -> Any:  # type: ignore[override]
        return IdRangePaginator(self.rows(), self.limit)

    def get_latest_lastmod(self) -> Any:
        return self.rows().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class RecordSitemap(QuerySetSitemap):
    changefreq = "weekly"

    def rows(self) -> QuerySet[Any]:
        return public_record_list()

    def location(self, item: Any) -> str:
        return reverse("opac_search:record", args=[item.pk])


class LibrarySitemap(QuerySetSitemap):
    changefreq = "monthly"

    def rows(self) -> QuerySet[Any]:
        return public_library_list()

    def location(self, item: Any) -> str:
        return reverse("opac_libraries:library", args=[item.code])


class DigitalSitemap(QuerySetSitemap):
    changefreq = "monthly"

    def rows(self) -> QuerySet[Any]:
        return public_object_list()

    def location(self, item: Any) -> str:
        return reverse("opac_digital:viewer", args=[item.pk])


class PortalSitemap(Sitemap):  # type: ignore[type-arg]
    """The portal's own pages: home, the directory of libraries, new acquisitions, the digital
    library (its list is public; what it shows is decided per visitor)."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "opac_home:home",
            "opac_libraries:directory",
            "opac_search:new_items",
            "opac_digital:library",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SECTIONS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "portal": PortalSitemap,
    "libraries": LibrarySitemap,
    "records": RecordSitemap,
    "digital": DigitalSitemap,
}
