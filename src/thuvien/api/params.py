"""Query parameters the schema declares as a number or a choice are checked as such: a value
outside answers 400 with a stable code and the parameter's name (found by schemathesis: an
unknown ``sort`` or ``type`` was silently ignored, so a client's typo went unnoticed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext
from rest_framework.exceptions import APIException


class BadParameter(APIException):
    status_code = 400
    default_code = "bad_parameter"

    def __init__(self, param: str, detail: str) -> None:
        super().__init__(detail={"code": "bad_parameter", "field": param, "detail": detail})


# What ``check_whole`` accepts, as the schema declares it: a bare "integer" let schemathesis
# send a negative or a 26-digit group id, which the API rightly refuses.
WHOLE_MAX = 999_999_999_999  # twelve digits, as check_whole counts them
WHOLE = {"type": "integer", "minimum": 0, "maximum": WHOLE_MAX}


def check_whole(params: Any, name: str) -> None:
    for value in params.getlist(name):
        if value and not (value.isascii() and value.isdigit() and len(value) <= 12):
            raise BadParameter(
                name, gettext("Tham số %(param)s phải là một số nguyên không âm.") % {"param": name}
            )


def check_choice(params: Any, name: str, choices: Iterable[str]) -> None:
    allowed = list(choices)
    for value in params.getlist(name):
        if value and value not in allowed:
            raise BadParameter(
                name,
                gettext("Tham số %(param)s chỉ nhận: %(choices)s.")
                % {"param": name, "choices": ", ".join(allowed)},
            )
