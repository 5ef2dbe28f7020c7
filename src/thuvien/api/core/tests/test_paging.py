"""Paging parameters of every API list are checked: a bad value is a 400 that says why, never a
500 (``limit=99999999999999999999`` was a 500 for anonymous callers)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/records/", "/api/v1/networks/", "/api/v1/groups/", "/api/v1/libraries/"]
BAD = [
    {"limit": "99999999999999999999"},
    {"offset": "99999999999999999999"},
    {"limit": "-1"},
    {"limit": "0"},
    {"limit": "abc"},
    {"offset": "-5"},
    {"offset": "1e3"},
    {"limit": "１０"},  # full-width digits
    {"limit": "100000"},
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("params", BAD, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_bad_paging_is_a_clear_400(client, world, url, params):
    response = client.get(url, params)
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == "bad_paging"
    assert body["field"] == next(iter(params))
    assert "số nguyên" in body["detail"]


@pytest.mark.parametrize("url", LISTS)
def test_good_paging_still_pages(client, world, url):
    response = client.get(url, {"limit": "2", "offset": "1"})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 2
    assert client.get(url, {"limit": "200", "offset": "10000000"}).json()["results"] == []
