from django.apps import AppConfig


class DigitalConfig(AppConfig):
    name = "thuvien.digital"
    label = "digital"
    verbose_name = "Thư viện số"

    def ready(self) -> None:
        from thuvien.holdings.services import library_visibility_changed

        from . import (
            library_settings,  # noqa: F401 - registers the per-library settings
            tasks,  # noqa: F401 - registers the background jobs
        )
        from .harvest_state import library_public_changed

        library_visibility_changed.register(library_public_changed)
        from .paid import register

        register()  # what a payment for a paid object or a remote copy does
