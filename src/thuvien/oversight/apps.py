from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "thuvien.oversight"
    label = "oversight"
    verbose_name = "Quản lý, giám sát"

    def ready(self) -> None:
        from . import scheduled, tasks  # noqa: F401 - the daily tasks and the report job
