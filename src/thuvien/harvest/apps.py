from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "thuvien.harvest"
    label = "harvest"
    verbose_name = "Thu thập OAI-PMH"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the harvest job and the schedule
