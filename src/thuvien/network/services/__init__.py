"""Services of the network domain: the only code that writes networks, libraries and their
locations, groups, calendars and settings."""

from ._common import UNSET
from .calendar import closed_day_add, closed_day_remove, opening_hours_set
from .featured import (
    featured_collection_create,
    featured_collection_delete,
    featured_collection_move,
    featured_collection_update,
    featured_collections_reorder,
    featured_search_clean,
)
from .libraries import (
    library_create,
    library_deactivate,
    library_reactivate,
    library_update,
    network_create,
    network_update,
)
from .merge import network_merge
from .places import (
    group_create,
    group_set_libraries,
    group_update,
    location_create,
    location_update,
)
from .settings import setting_clear, setting_coerce, setting_set, settings_save
from .tree import descendant_ids, library_move

__all__ = [
    "UNSET",
    "closed_day_add",
    "closed_day_remove",
    "descendant_ids",
    "featured_collection_create",
    "featured_collection_delete",
    "featured_collection_move",
    "featured_collection_update",
    "featured_collections_reorder",
    "featured_search_clean",
    "group_create",
    "group_set_libraries",
    "group_update",
    "library_create",
    "library_deactivate",
    "library_move",
    "library_reactivate",
    "library_update",
    "location_create",
    "location_update",
    "network_create",
    "network_merge",
    "network_update",
    "opening_hours_set",
    "setting_clear",
    "setting_coerce",
    "setting_set",
    "settings_save",
]
