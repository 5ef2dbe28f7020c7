from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "thuvien.ai"
    label = "ai"
    verbose_name = "Dịch vụ thông tin ứng dụng trí tuệ nhân tạo"

    def ready(self) -> None:
        from thuvien.search.documents import document_extras

        from . import tasks  # noqa: F401 - registers the embedding catch-up
        from .selectors import accepted_entities

        document_extras.register(accepted_entities)
