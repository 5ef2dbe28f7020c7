from django.apps import AppConfig


class Sip2Config(AppConfig):
    name = "thuvien.sip2"
    label = "sip2"
    verbose_name = "SIP2"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step

        from . import library_settings  # noqa: F401 - registers the per-library settings
        from .demo import demo_kiosks

        register_demo_step(35, "sip2", demo_kiosks)
