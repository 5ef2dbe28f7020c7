from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "thuvien.oversight"
    label = "oversight"
    verbose_name = "Quản lý, giám sát"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step

        from . import tasks  # noqa: F401 - registers the daily figures task
        from .demo import demo_admin_units, demo_oversight

        register_demo_step(90, "oversight", demo_oversight)
        register_demo_step(91, "admin_units", demo_admin_units)
