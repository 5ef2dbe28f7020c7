from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "thuvien.patrons"
    label = "patrons"
    verbose_name = "Bạn đọc"

    def ready(self) -> None:
        # Failed logins by card number or reader e-mail count towards the account lock-out.
        from thuvien.accounts.security import register_login_account_resolver

        from .auth import account_for_card_or_email

        register_login_account_resolver(account_for_card_or_email)
