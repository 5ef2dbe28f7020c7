"""Structured logs: one JSON object a line (python-json-logger), with no personal data.

A log line can reach people who must not read readers' data (a log shipper, a contractor
reading a trace). Our code logs ids, never names; what third parties write (Django's
"Not Found: /staff/patrons/HY000123/", an exception message quoting a value) is cleaned here:
a request is logged by its URL name instead of its path, and e-mail addresses, phone numbers
and card-like codes are replaced by a mark.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

REDACTED = "[redacted]"
_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
    re.compile(r"(?<![\w/])\+?\d[\d .-]{7,}\d(?!\w)"),  # phone numbers, ids of 9+ digits
    re.compile(r"\b[A-Z][A-Z-]{1,20}\d{4,}\b"),  # card numbers and barcodes (HY000123, DM001234)
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def _route(request: Any) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            from django.urls import resolve

            match = resolve(request.path_info)
        except Exception:  # noqa: BLE001 - an unknown path has no route
            return "<unresolved>"
    return match.view_name or match.route


class PersonalDataFilter(logging.Filter):
    """Rewrite a record so that it carries no personal data (used by every handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path_info"):
            record.msg = "%s %s"
            record.args = (getattr(request, "method", ""), _route(request))
            record.view = _route(request)
            record.request = None
        else:
            try:
                message = record.getMessage()
            except Exception:  # noqa: BLE001 - a broken format string stays as it was
                message = str(record.msg)
            record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx logged by ``django.request`` keeps its one line and loses the traceback.

    Django logs a refused page (PermissionDenied, 403) with the exception attached: 30 lines of
    stack for routine traffic (a reader following an old link, a read-only role trying a
    page), which buried the server errors an operator must find. A 5xx keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(self, log_data: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.pop("request", None)
        if record.exc_text:
            log_data["exc_info"] = record.exc_text
        for key in ("server_time", "color_message"):
            log_data.pop(key, None)
