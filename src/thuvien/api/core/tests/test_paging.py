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


@pytest.mark.django_db
def test_a_throttled_client_is_told_in_its_language_with_a_code(world, settings):
    """Found by audit: the 11th token request of a minute answered DRF's English "Request was
    throttled. Expected available in 57 seconds." with no code, on a Vietnamese API."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                   "token": "2/min"},
    }  # fmt: skip
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    SimpleRateThrottle.THROTTLE_RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    api = APIClient(REMOTE_ADDR="203.0.113.77")
    body = {"username": "khong-co", "password": "x"}
    answers = [api.post("/api/v1/auth/token/", body, format="json") for _ in range(3)]
    last = answers[-1]
    assert last.status_code == 429
    assert last["Retry-After"]
    assert last.json()["code"] == "throttled"
    assert "Quá nhiều yêu cầu" in last.json()["detail"]
    api.cookies["thuvien_language"] = "en"
    english = api.post("/api/v1/auth/token/", body, format="json")
    assert english.json()["detail"].startswith("Too many requests")
