"""API access is declared per view, as in the web interfaces.

``DenyUnlessDeclared`` is the default permission class: a view that declares nothing is closed.
Views declare ``required_capability`` (checked against the library of the request, or
network-wide; ``readers_data = True`` when they answer with readers' personal data) or set
``permission_classes = [PublicRead]`` for public data.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from thuvien.accounts.permissions import can, can_in_network


class DenyUnlessDeclared(BasePermission):
    message = "Giao diện này chưa khai báo quyền truy cập (this endpoint declares no access)."

    def has_permission(self, request: Any, view: Any) -> bool:
        return False


class PublicRead(BasePermission):
    """Anyone may read; nobody writes through this view."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS


class HasCapability(BasePermission):
    """The view's ``required_capability`` in ``request.library`` (or network-wide)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        capability = getattr(view, "required_capability", None)
        if capability is None or not request.user or not request.user.is_authenticated:
            return False
        write = request.method not in SAFE_METHODS
        readers_data = bool(getattr(view, "readers_data", False))
        if getattr(view, "network_wide", False):
            network = getattr(request, "network", None)
            return can_in_network(
                request.user,
                capability,
                network.pk if network else None,
                write=write,
                readers_data=readers_data,
            )
        return can(
            request.user,
            capability,
            getattr(request, "library", None),
            write=write,
            readers_data=readers_data,
        )
