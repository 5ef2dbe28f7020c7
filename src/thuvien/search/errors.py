"""Errors of the search app, with stable codes the portal and the API map to messages."""

from __future__ import annotations

from thuvien.core.errors import ErrorCode, ThuvienError


class SearchErrorCode(ErrorCode):
    UNBALANCED_QUOTE = "search.unbalanced_quote"
    UNBALANCED_PAREN = "search.unbalanced_paren"
    EMPTY_GROUP = "search.empty_group"
    MISSING_OPERAND = "search.missing_operand"
    SHORT_PREFIX = "search.short_prefix"
    EMPTY = "search.empty"
    TOO_LONG = "search.too_long"
    BAD_PARAMETER = "search.bad_parameter"
    INVALID = "search.invalid"  # the parser read it but the engine cannot run it
    INDEX_UNAVAILABLE = "search.index_unavailable"


class SearchError(ThuvienError):
    """Any search failure that the reader should see as a message."""


class SearchQueryError(SearchError):
    """The query text cannot be read."""
