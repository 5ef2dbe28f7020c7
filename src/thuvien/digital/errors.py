"""The digital library's exception family: stable codes, messages in plain Vietnamese."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from thuvien.core.errors import ErrorCode, ThuvienError


class DigitalErrorCode(ErrorCode):
    NOTHING_TO_INGEST = "nothing_to_ingest"
    FILE_REFUSED = "file_refused"
    METADATA_INVALID = "metadata_invalid"
    COLLECTION_UNKNOWN = "collection_unknown"
    RECORD_UNKNOWN = "record_unknown"
    LIBRARY_UNKNOWN = "library_unknown"
    BAG_INVALID = "bag_invalid"
    TEXT_INVALID = "text_invalid"
    NOT_PAYABLE = "not_payable"
    ALREADY_OPEN = "already_open"
    NO_CARD = "no_card"
    PAGES_INVALID = "pages_invalid"
    PURPOSE_REQUIRED = "purpose_required"
    TOO_MANY_REQUESTS = "too_many_requests"
    COPY_STATE = "copy_state"
    REASON_REQUIRED = "reason_required"
    DOWNLOAD_LIMIT = "download_limit"
    COPY_UNAVAILABLE = "copy_unavailable"
    DERIVATIVE_MISSING = "derivative_missing"


class DigitalError(ThuvienError):
    """A rule of the digital library was broken."""


# Rows of an ingest batch not made into objects (``services.duplicate_text``); stored in job
# results, so declared once for ``core.stored_text``.
DUPLICATE_OF_ROW = gettext_noop(
    "Dòng %(row)s không được tiếp nhận: các tệp giống hệt dòng %(first)s (tài liệu số "
    "%(object)s); siêu dữ liệu của dòng này bị bỏ qua.")
DUPLICATE_OF_DISCARDED_ROW = gettext_noop(
    "Dòng %(row)s không được tiếp nhận: các tệp giống hệt dòng %(first)s; siêu dữ liệu của "
    "dòng này bị bỏ qua.")
ALREADY_INGESTED = gettext_noop(
    "Dòng %(row)s không được tiếp nhận: các tệp này đã được tiếp nhận thành tài liệu số "
    "%(object)s; không tạo tài liệu mới, siêu dữ liệu của dòng này không được dùng.")
