"""The one pagination of the API: ``limit`` and ``offset``, checked before any query runs.

DRF's LimitOffsetPagination reads any integer, so ``limit=99999999999999999999`` reached the
database as a slice the driver cannot bind (a 500 for anyone, anonymous included), and a
negative or non-numeric value was silently replaced. Here a value that is not a whole number in
range answers 400 with a stable code and says which parameter and which range.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from rest_framework.exceptions import APIException
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

MAX_LIMIT = 200
# Far beyond any catalogue, and small enough for every database's 64-bit OFFSET.
MAX_OFFSET = 10_000_000


class BadPaging(APIException):
    status_code = 400
    default_code = "bad_paging"

    def __init__(self, param: str, low: int, high: int) -> None:
        detail = gettext(
            "Tham số %(param)s phải là một số nguyên từ %(low)s đến %(high)s."
        ) % {"param": param, "low": low, "high": high}
        super().__init__(detail={"code": "bad_paging", "field": param, "detail": detail})


def _whole(request: Request, param: str, low: int, high: int) -> int | None:
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return None
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(high)):
        raise BadPaging(param, low, high)
    value = int(text)
    if not low <= value <= high:
        raise BadPaging(param, low, high)
    return value


class ThuvienPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        value = _whole(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if value is None else value

    def get_offset(self, request: Request) -> int:
        value = _whole(request, self.offset_query_param, 0, MAX_OFFSET)
        return 0 if value is None else value

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # Both read before the count query, so a bad value costs nothing.
        self.get_limit(request)
        self.get_offset(request)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The ranges above, in the schema: a client (and schemathesis) knows ``limit=0`` is
        refused before sending it."""
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.limit_query_param:
                param["schema"].update({"minimum": 1, "maximum": self.max_limit})
            elif param["name"] == self.offset_query_param:
                param["schema"].update({"minimum": 0, "maximum": MAX_OFFSET})
        return params


def paginated(item: type, name: str) -> type:
    """The schema of a page of ``item`` as ``ThuvienPagination`` writes it, for views that
    paginate by hand (an ``APIView`` whose schema would otherwise say a bare list)."""
    from rest_framework import serializers

    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item(many=True),
        },
    )
