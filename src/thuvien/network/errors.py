"""Errors of the network domain, each with a stable code that interfaces map to a status."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class NetworkErrorCode(ErrorCode):
    DUPLICATE_CODE = "duplicate_code"
    INVALID_CODE = "invalid_code"
    REQUIRED = "required"
    INVALID_TYPE = "invalid_library_type"
    CYCLE = "cycle"
    PARENT_OTHER_NETWORK = "parent_other_network"
    PARENT_INACTIVE = "parent_inactive"
    NETWORK_INACTIVE = "network_inactive"
    MERGE_SELF = "merge_into_itself"
    MERGE_INTO_MERGED = "merge_into_merged"
    ALREADY_MERGED = "already_merged"
    HAS_ACTIVE_CHILDREN = "has_active_children"
    ALREADY_INACTIVE = "already_inactive"
    LIBRARY_OTHER_NETWORK = "library_other_network"
    INVALID_HOURS = "invalid_hours"
    OVERLAPPING_HOURS = "overlapping_hours"
    DUPLICATE_CLOSED_DAY = "duplicate_closed_day"
    UNKNOWN_SETTING = "unknown_setting"
    INVALID_SETTING_VALUE = "invalid_setting_value"
    SETTING_TARGET = "setting_target"
    SETTINGS_INVALID = "settings_invalid"
    INVALID_DATE = "invalid_date"
    INVALID_SEARCH = "invalid_search"
    INVALID_ORDER = "invalid_order"
    TOO_LONG = "too_long"


class NetworkError(ThuvienError):
    """A rule of the library network was broken (see ``NetworkErrorCode``)."""
