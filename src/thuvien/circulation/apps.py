from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "thuvien.circulation"
    label = "circulation"
    verbose_name = "Lưu thông"

    def ready(self) -> None:
        from . import (
            hooks,
            library_settings,  # noqa: F401 - registers the per-library settings
        )
        from .desk_cache import connect_invalidation

        connect_invalidation()
        hooks.register()
