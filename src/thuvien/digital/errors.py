"""The digital library's exception family: stable codes, messages in plain Vietnamese."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class DigitalErrorCode(ErrorCode):
    NOTHING_TO_INGEST = "nothing_to_ingest"
    FILE_REFUSED = "file_refused"
    METADATA_INVALID = "metadata_invalid"
    COLLECTION_UNKNOWN = "collection_unknown"
    LIBRARY_UNKNOWN = "library_unknown"
    BAG_INVALID = "bag_invalid"
    TEXT_INVALID = "text_invalid"


class DigitalError(ThuvienError):
    """A rule of the digital library was broken."""
