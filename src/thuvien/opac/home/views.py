"""The portal home page: a search box, new acquisitions (with their Atom feed), the featured
collections and the libraries of each network."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.permissions import public_view
from thuvien.holdings.selectors import libraries_visible
from thuvien.holdings.visibility import viewer_for
from thuvien.network import selectors
from thuvien.network.models import Library, LibraryType
from thuvien.network.settings_registry import setting_get

from .new_items import new_items_context


def _featured(network, count: int, viewer) -> list[Library]:
    """Provincial libraries first, then the others, in Vietnamese name order."""
    libraries = selectors.sorted_vi(libraries_visible(viewer=viewer, network=network))
    libraries.sort(key=lambda lib: lib.library_type != LibraryType.PROVINCIAL)
    return libraries[: max(count, 0)]


@public_view
def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    networks = []
    all_networks = list(selectors.network_list())
    featured = selectors.featured_by_network(networks=all_networks)
    for network in all_networks:
        count = setting_get("portal.home_library_count", network=network)
        networks.append(
            {
                "network": network,
                "libraries": _featured(network, count, viewer),
                "total": libraries_visible(viewer=viewer, network=network).count(),
                "featured": featured[network.pk],
            }
        )
    return render(
        request,
        "opac/home/home.html",
        {
            "networks": networks,
            "has_featured": any(entry["featured"] for entry in networks),
            "new_items": new_items_context(None, 8, viewer),
        },
    )
