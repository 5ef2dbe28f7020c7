from typing import Any

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def _builtin_roles_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from .services import builtin_roles_ensure

    builtin_roles_ensure(using=using)


class AccountsConfig(AppConfig):
    name = "thuvien.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"
    default = True

    def ready(self) -> None:
        # Built-in roles come back after ``migrate`` and ``flush`` (transactional tests).
        post_migrate.connect(
            _builtin_roles_after_migrate, sender=self, dispatch_uid="thuvien-builtin-roles"
        )


class ThuvienAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site: open to network administrators only."""

    default = False
    default_site = "thuvien.accounts.admin_site.ThuvienAdminSite"
