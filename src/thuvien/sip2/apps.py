from django.apps import AppConfig


class Sip2Config(AppConfig):
    name = "thuvien.sip2"
    label = "sip2"
    verbose_name = "SIP2"

    def ready(self) -> None:
        from . import library_settings  # noqa: F401 - registers the per-library settings
