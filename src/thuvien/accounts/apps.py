from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "thuvien.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"
    default = True


class ThuvienAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site: open to network administrators only."""

    default = False
    default_site = "thuvien.accounts.admin_site.ThuvienAdminSite"
