"""The request a staff page receives, typed: ``LibraryScopeMiddleware`` puts the working library,
its network, the libraries this person works in and their capabilities there on it.

Views behind ``requires(...)`` always have a library (the decorator refuses otherwise), so the
attributes are typed as present; code that also runs outside the staff pages checks for None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from thuvien.network.models import Library, Network

    from .models import User


class StaffRequest(HttpRequest):
    library: Library
    network: Network
    staff_libraries: list[Library]
    capabilities: frozenset[str]
    user: User  # type: ignore[assignment]  # staff pages are behind a login
