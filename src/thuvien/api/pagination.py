"""Paging of every API list: ``limit`` and ``offset`` bounded before they reach the database.

DRF's ``LimitOffsetPagination`` passes any positive integer on, so a 20-digit ``limit`` or
``offset`` (past a 64-bit integer) was a database error, a 500, anonymously. A limit past
``MAX_LIMIT`` gives ``MAX_LIMIT`` rows; an offset past ``MAX_OFFSET`` gives an empty page.
"""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 200
MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_offset(self, request: Any) -> int:
        return min(super().get_offset(request), MAX_OFFSET)

    def get_limit(self, request: Any) -> int | None:
        limit = super().get_limit(request)
        return None if limit is None else min(limit, MAX_LIMIT)
