from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "thuvien.network"
    label = "network"
    verbose_name = "Mạng lưới thư viện"

    def ready(self) -> None:
        from thuvien.core.audit_actions import audit_field_labellers

        from . import library_settings  # noqa: F401 - declares the portal settings
        from .settings_registry import setting_label_for_audit

        audit_field_labellers.register(setting_label_for_audit)
