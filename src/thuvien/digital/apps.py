from django.apps import AppConfig


class DigitalConfig(AppConfig):
    name = "thuvien.digital"
    label = "digital"
    verbose_name = "Thư viện số"

    def ready(self) -> None:
        from . import (
            conf,  # noqa: F401 - registers the settings
            tasks,  # noqa: F401 - registers the background jobs
        )
        from .paid import register

        register()  # what a payment for a paid object or a remote copy does
