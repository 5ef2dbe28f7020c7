from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "thuvien.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from thuvien.core.outbox import register_outbox_handler

        from . import fulltext
        from .indexing import TOPIC, index_records

        register_outbox_handler(TOPIC, index_records)
        register_outbox_handler(fulltext.TOPIC, fulltext.index_pages)
