"""The portal home page: a search box, the libraries of each network, and a block where the
search area adds new acquisitions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thuvien.accounts.permissions import public_view
from thuvien.network import selectors
from thuvien.network.models import Library, LibraryType
from thuvien.network.settings_registry import setting_get


def _featured(network, count: int) -> list[Library]:
    """Provincial libraries first, then the others, in Vietnamese name order."""
    libraries = selectors.sorted_vi(selectors.library_list(network=network))
    libraries.sort(key=lambda lib: lib.library_type != LibraryType.PROVINCIAL)
    return libraries[: max(count, 0)]


@public_view
def home(request: HttpRequest) -> HttpResponse:
    networks = []
    for network in selectors.network_list():
        count = setting_get("portal.home_library_count", network=network)
        networks.append(
            {
                "network": network,
                "libraries": _featured(network, count),
                "total": Library.objects.filter(network=network, is_active=True).count(),
            }
        )
    return render(request, "opac/home/home.html", {"networks": networks})
