"""The Django admin at /admin/ is for the administrators of the whole installation only.

``is_staff`` is not enough: the site asks for ADMINISTER_NETWORK in every active network (or a
superuser). The admin runs with library scoping disabled and shows every network's data, so the
network admin of one province does not reach it while the installation hosts another province;
in a one-province installation its network admins do. Model permissions for them come from
``NetworkAdminPermissionBackend``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_scopes import scopes_disabled

from .backends import is_installation_admin


class ThuvienAdminSite(admin.AdminSite):
    site_header = "thuvien — quản trị hệ thống"
    site_title = "thuvien"
    index_title = "Quản trị"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and is_installation_admin(request.user))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def scoped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            with scopes_disabled():
                return inner(request, *args, **kwargs)

        return scoped
