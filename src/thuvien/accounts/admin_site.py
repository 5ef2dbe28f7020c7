"""The Django admin at /admin/ is for network administrators only.

``is_staff`` is not enough: the site asks for a network-wide ADMINISTER_NETWORK capability (or a
superuser). Model permissions for them come from ``NetworkAdminPermissionBackend``. The admin
is an installation-wide tool: it runs with library scoping disabled and shows every network's
data, so give the network_admin role only to the people who run the installation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_scopes import scopes_disabled

from .backends import is_network_admin


class ThuvienAdminSite(admin.AdminSite):
    site_header = "thuvien — quản trị hệ thống"
    site_title = "thuvien"
    index_title = "Quản trị"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and is_network_admin(request.user))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def scoped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            with scopes_disabled():
                return inner(request, *args, **kwargs)

        return scoped
