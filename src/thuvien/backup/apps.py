from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "thuvien.backup"
    label = "backup"
    verbose_name = "Sao lưu và phục hồi"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the scheduled backup and its jobs
