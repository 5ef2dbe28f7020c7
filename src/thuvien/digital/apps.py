from django.apps import AppConfig


class DigitalConfig(AppConfig):
    name = "thuvien.digital"
    label = "digital"
    verbose_name = "Thư viện số"

    def ready(self) -> None:
        from . import (
            library_settings,  # noqa: F401 - registers the per-library settings
            tasks,  # noqa: F401 - registers the background jobs
        )
