from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AiConfig(AppConfig):
    name = "thuvien.ai"
    label = "ai"
    verbose_name = _("Dịch vụ thông tin ứng dụng trí tuệ nhân tạo")

    def ready(self) -> None:
        from thuvien.core.outbox import register_outbox_handler
        from thuvien.search.documents import document_extras

        from . import tasks  # noqa: F401 - registers the embedding catch-up
        from .passages import TOPIC, objects_mark
        from .selectors import record_entities

        document_extras.register(record_entities)
        register_outbox_handler(TOPIC, objects_mark)
