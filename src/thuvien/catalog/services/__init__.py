"""Services of the catalogue (writes). Import them from here: ``from thuvien.catalog.services
import record_create``."""

from .records import OUTBOX_TOPIC, record_create, record_delete, record_reextract, record_update

__all__ = [
    "OUTBOX_TOPIC",
    "record_create",
    "record_delete",
    "record_reextract",
    "record_update",
]
