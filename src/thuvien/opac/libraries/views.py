"""The public directory of libraries and each library's page (a search box for that library,
address, hours, closed days, featured collections, new acquisitions with their Atom feed)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thuvien.accounts.permissions import public_view
from thuvien.core.errors import NotFound
from thuvien.holdings.selectors import libraries_visible
from thuvien.holdings.visibility import library_visible, viewer_for
from thuvien.network import selectors
from thuvien.network.models import FeaturedCollection, Library, LibraryType
from thuvien.network.settings_registry import setting_get
from thuvien.opac.home.new_items import new_items_context

PAGE_SIZE = 30


@public_view
def directory(request: HttpRequest) -> HttpResponse:
    """All active libraries, filtered by network, type, area and a name (tone marks optional)."""
    networks = list(selectors.network_list())
    network = next((n for n in networks if n.code == request.GET.get("network")), None)
    kind = request.GET.get("type", "")
    if kind not in LibraryType.values:
        kind = ""
    province = request.GET.get("province", "").strip()[:100]
    commune = request.GET.get("commune", "").strip()[:100]
    q = request.GET.get("q", "").strip()[:200]
    libraries = selectors.sorted_vi(
        libraries_visible(
            viewer=viewer_for(request.user),
            network=network,
            library_type=kind or None,
            province=province or None,
            commune=commune or None,
            q=q or None,
        )
    )
    page = Paginator(libraries, PAGE_SIZE).get_page(request.GET.get("page"))
    provinces, communes = selectors.area_choices(network=network)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "opac/libraries/directory.html",
        {
            "page": page,
            "total": len(libraries),
            "networks": networks,
            "network": network,
            "types": LibraryType.choices,
            "type": kind,
            "provinces": provinces,
            "province": province,
            "communes": communes,
            "commune": commune,
            "q": q,
            "query": query.urlencode(),
        },
    )


def _featured(library: Library) -> list[tuple[FeaturedCollection, str]]:
    """(collection, search query) of a library's page: its own collections, then the
    network's, each searched in this library (a commune library with none of its own still
    shows the province's "Sách thiếu nhi", limited to its shelves)."""
    own = [(c, c.search_query) for c in selectors.featured_list(library=library)]
    network = selectors.featured_list(network=library.network)
    return own + [(c, c.search_query_at(library)) for c in network]


@public_view
def library_page(request: HttpRequest, code: str) -> HttpResponse:
    try:
        library = selectors.library_get(code=code)
    except NotFound:
        raise Http404 from None
    viewer = viewer_for(request.user)
    if not library.is_active or not library_visible(viewer, library):
        raise Http404  # a library whose holdings are hidden from this reader: as if none
    show_map = setting_get("portal.show_map_link", library=library)
    closed_shown = setting_get("portal.closed_days_shown", library=library)
    map_url = None
    if show_map and library.latitude is not None and library.longitude is not None:
        lat, lon = library.latitude, library.longitude
        map_url = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    closed = selectors.closed_day_list(
        network=library.network, library=library, start=timezone.localdate()
    )[: max(closed_shown, 0)]
    return render(
        request,
        "opac/libraries/library.html",
        {
            "library": library,
            "map_url": map_url,
            "week": selectors.opening_hours_week(library=library),
            "closed_days": closed,
            "branches": [
                b for b in selectors.library_branches(library=library) if library_visible(viewer, b)
            ],
            "locations": selectors.location_list(library=library, public_only=True),
            "parent": library.parent if library.parent and library.parent.is_active else None,
            "featured": _featured(library),
            "new_items": new_items_context(library, 6, viewer),
        },
    )
