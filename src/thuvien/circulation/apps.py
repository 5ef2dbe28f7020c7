from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "thuvien.circulation"
    label = "circulation"
    verbose_name = "Lưu thông"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step

        from . import (
            hooks,
            library_settings,  # noqa: F401 - registers the per-library settings
        )
        from .demo import demo_circulation
        from .desk_cache import connect_invalidation

        register_demo_step(30, "circulation", demo_circulation)
        connect_invalidation()
        hooks.register()
