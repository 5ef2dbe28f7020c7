"""The cataloguing exception family with stable codes."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, NotFound, ThuvienError


class CatalogErrorCode(ErrorCode):
    INVALID_MARC = "catalog.invalid_marc"
    NO_TITLE = "catalog.no_title"
    RECORD_NOT_FOUND = "catalog.record_not_found"
    RECORD_HAS_ITEMS = "catalog.record_has_items"
    WRONG_NETWORK = "catalog.wrong_network"
    AUTHORITY_NOT_FOUND = "catalog.authority_not_found"
    AUTHORITY_EMPTY = "catalog.authority_empty"
    AUTHORITY_DUPLICATE = "catalog.authority_duplicate"
    IMPORT_FORMAT = "catalog.import_format"
    IMPORT_MATCH_RULE = "catalog.import_match_rule"
    IMPORT_FILE = "catalog.import_file"
    EXPORT_FORMAT = "catalog.export_format"
    FIELD_INVALID = "catalog.field_invalid"
    NEEDS_CONFIRMATION = "catalog.needs_confirmation"
    MARC_RULES = "catalog.marc_rules"


class CatalogError(ThuvienError):
    """A cataloguing rule was broken."""


class RecordInvalid(CatalogError):
    """Values of the record are refused (``catalog.field_invalid``) or need the cataloguer's
    confirmation (``catalog.needs_confirmation``); ``problems`` lists each with its tag and
    subfield (``marc.field_checks.FieldProblem``) so a form can show it on its field. With
    ``catalog.marc_rules`` the record breaks the MARC21 rules of ``marc.validation`` (tags,
    indicators, subfields, repeatability) and ``problems`` are its ``MarcProblem`` rows."""

    def __init__(self, code: CatalogErrorCode, message: str, problems: list) -> None:
        super().__init__(code, message, field="marc")
        self.problems = problems


class RecordNotFound(NotFound):
    def __init__(self, message: str = "") -> None:
        from django.utils.translation import gettext

        super().__init__(
            CatalogErrorCode.RECORD_NOT_FOUND, message or gettext("Không tìm thấy biểu ghi.")
        )
