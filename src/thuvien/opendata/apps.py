from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "thuvien.opendata"
    label = "opendata"
    verbose_name = "Dữ liệu mở"

    def ready(self) -> None:
        from . import library_settings, tasks  # noqa: F401 - the per-library setting and the schedule
