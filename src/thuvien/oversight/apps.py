from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "thuvien.oversight"
    label = "oversight"
    verbose_name = "Quản lý, giám sát"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step

        from . import scheduled, tasks  # noqa: F401 - the daily tasks and the report job
        from .demo import demo_admin_units, demo_oversight

        register_demo_step(90, "oversight", demo_oversight)
        register_demo_step(91, "admin_units", demo_admin_units)
