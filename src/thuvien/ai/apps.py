from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "thuvien.ai"
    label = "ai"
    verbose_name = "Dịch vụ thông tin ứng dụng trí tuệ nhân tạo"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the embedding catch-up
