from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AiConfig(AppConfig):
    name = "thuvien.ai"
    label = "ai"
    verbose_name = _("Dịch vụ thông tin ứng dụng trí tuệ nhân tạo")

    def ready(self) -> None:
        from thuvien.search.documents import document_extras

        from . import tasks  # noqa: F401 - registers the embedding catch-up
        from .selectors import accepted_entities

        document_extras.register(accepted_entities)
