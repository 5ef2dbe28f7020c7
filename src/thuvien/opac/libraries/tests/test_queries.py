"""List pages and list endpoints run a fixed number of queries, however many libraries there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thuvien.network import services

pytestmark = pytest.mark.django_db


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _more_libraries(world, n: int) -> None:
    for i in range(n):
        services.library_create(
            network=world.hung_yen,
            code=f"HY-XA-{i}",
            name_vi=f"Thư viện xã số {i}",
            library_type="commune",
            parent=world.provincial,
            actor=None,
        )


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/libraries/", {}),
        ("/libraries/", {"q": "thu vien xa", "type": "commune"}),
        ("/", {}),
        ("/api/v1/libraries/", {}),
        ("/api/v1/libraries/", {"q": "xa"}),
        ("/api/v1/groups/", {}),
    ],
)
def test_public_lists_do_not_grow_with_the_network(world, client, url, params):
    before = _count(client, url, **params)
    _more_libraries(world, 12)
    assert _count(client, url, **params) == before
    # The home page also lists the newest acquisitions (two fixed queries) and the featured
    # collections of every network (one query).
    assert before <= (11 if url == "/" else 8)


def test_staff_tree_does_not_grow_with_the_network(world, staff_client):
    client = staff_client(world.users["hy_admin"], world.provincial)
    before = _count(client, "/staff/network/")
    _more_libraries(world, 12)
    assert _count(client, "/staff/network/") == before
