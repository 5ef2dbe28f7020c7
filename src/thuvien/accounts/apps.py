from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thuvien.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"
