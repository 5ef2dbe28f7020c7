"""Services of the catalogue (writes). Import them from here, e.g.
``from thuvien.catalog.services import record_create, import_run``."""

from .authorities import (
    authority_create,
    authority_link,
    authority_link_matching,
    authority_merge,
    authority_update,
)
from .exporting import export_queryset, export_run
from .harvest_xml import harvest_xml_refresh
from .importing import (
    DEFAULT_MATCH,
    MATCH_RULE_LABELS,
    MATCH_RULES,
    ImportIssue,
    ImportPreview,
    ImportReport,
    ImportRow,
    import_preview,
    import_run,
)
from .records import (
    OUTBOX_TOPIC,
    record_create,
    record_delete,
    record_reextract,
    record_tombstone_add,
    record_touch,
    record_update,
)

__all__ = [
    "harvest_xml_refresh",
    "record_touch",
    "DEFAULT_MATCH",
    "MATCH_RULE_LABELS",
    "MATCH_RULES",
    "OUTBOX_TOPIC",
    "ImportIssue",
    "ImportPreview",
    "ImportReport",
    "ImportRow",
    "authority_create",
    "authority_link",
    "authority_link_matching",
    "authority_merge",
    "authority_update",
    "export_queryset",
    "export_run",
    "import_preview",
    "import_run",
    "record_create",
    "record_delete",
    "record_reextract",
    "record_tombstone_add",
    "record_update",
]
