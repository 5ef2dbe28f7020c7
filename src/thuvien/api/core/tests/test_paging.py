"""Paging parameters of every list answer cleanly, anonymously (issue 17: a limit of 20 digits
was a 500 on records, networks, libraries and groups)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from thuvien.circulation.tests.factories import make_record

HUGE = "99999999999999999999"  # past SQLite's and PostgreSQL's 64-bit integers


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["records", "networks", "libraries", "groups"])
@pytest.mark.parametrize(
    "query",
    [
        f"limit={HUGE}",
        f"offset={HUGE}",
        f"limit={HUGE}&offset={HUGE}",
        "limit=-1&offset=-1",
        "limit=abc&offset=1e9",
        "limit=0",
    ],
)
def test_huge_or_odd_paging_is_never_a_500(world, path, query):
    make_record(world.hung_yen, "Dế Mèn phiêu lưu ký")  # an empty list answers before the slice
    response = APIClient().get(f"/api/v1/{path}/?{query}")
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert isinstance(body["results"], list)
    assert len(body["results"]) <= 200


@pytest.mark.django_db
def test_a_limit_past_the_maximum_gives_the_maximum(world):
    from thuvien.api.pagination import MAX_LIMIT

    body = APIClient().get(f"/api/v1/libraries/?limit={HUGE}").json()
    assert len(body["results"]) == min(body["count"], MAX_LIMIT)
