"""Portal pages, the Atom feed, the new-items tag and the JSON API."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.template import Context, Template

from thuvien.core.outbox import outbox_drain

from .factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(world):
    old = make_record(world.hung_yen, "Ca dao xứ Bắc", year=1990, authors=["Vũ Ngọc Phan"])
    new = make_record(
        world.hung_yen,
        "Nhãn lồng Hưng Yên",
        year=2025,
        isbns=["9786040000001"],
        links=[{"url": "https://thuvienso.example/nhan-long.pdf", "text": "Bản số"}],
    )
    make_item(old, world.provincial, acquired_on=date(2020, 1, 1))
    make_item(new, world.commune_a, acquired_on=date(2026, 10, 1), call_number="634 NH105L")
    make_item(new, world.bn_provincial, acquired_on=date(2026, 9, 1))
    outbox_drain()
    return old, new


def test_result_page_is_small_and_lists_availability(client, world, books):
    response = client.get("/search/", {"q": "nhan long"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhãn lồng Hưng Yên" in html and world.commune_a.name_vi in html
    assert len(response.content) < 100_000
    assert "<img" not in html  # covers are CSS


def test_record_page_has_holdings_marc_citation_jsonld_and_digital_copy(client, world, books):
    _old, new = books
    html = client.get(f"/search/record/{new.pk}/").content.decode()
    assert world.commune_a.name_vi in html and "634 NH105L" in html
    assert world.bn_provincial.name_vi not in html  # another network's library holds no copy here
    assert '"@type": "Book"' in html and "application/ld+json" in html
    assert "https://thuvienso.example/nhan-long.pdf" in html
    assert "245" in html and "APA" in html and "<i>Nhãn lồng Hưng Yên</i>" in html


def test_missing_or_deleted_record_is_404(client, books):
    old, _new = books
    assert client.get("/search/record/999999/").status_code == 404
    old.is_deleted = True
    old.save(update_fields=["is_deleted"])
    assert client.get(f"/search/record/{old.pk}/").status_code == 404


def test_new_acquisitions_page_feed_and_tag(client, world, books):
    old, new = books
    html = client.get("/search/new/", {"library": world.commune_a.code}).content.decode()
    assert "Nhãn lồng Hưng Yên" in html and "Ca dao xứ Bắc" not in html
    feed = client.get("/search/new/feed/", {"network": world.hung_yen.code})
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert body.index("Nhãn lồng") < body.index("Ca dao")  # newest first
    rendered = Template("{% load search_tags %}{% new_items place %}").render(
        Context({"place": world.provincial})
    )
    assert "Ca dao xứ Bắc" in rendered and "Nhãn lồng" not in rendered


def test_api_search_returns_results_and_facets(client, world, books):
    data = client.get("/api/v1/search/", {"q": "ca dao"}).json()
    assert data["total"] == 1
    assert data["results"][0]["title"] == "Ca dao xứ Bắc"
    assert data["results"][0]["holdings"][0]["library"] == world.provincial.code
    assert {f["value"] for f in data["facets"]["lang"]} == {"vie"}
    scoped = client.get("/api/v1/search/", {"q": "", "library": world.commune_a.code}).json()
    assert [r["title"] for r in scoped["results"]] == ["Nhãn lồng Hưng Yên"]


def test_api_search_leaves_the_facets_out_when_asked(client, world, books):
    full = client.get("/api/v1/search/", {"q": "ca dao"}).json()
    bare = client.get("/api/v1/search/", {"q": "ca dao", "facets": "0"}).json()
    assert bare["results"] == full["results"] and bare["total"] == full["total"] == 1
    assert full["facets"]["lang"] and full["available_count"] == 1
    assert bare["facets"] == {} and bare["available_count"] is None
    assert client.get("/api/v1/search/", {"q": "ca dao", "facets": "1"}).json() == full
    for extra in ({}, {"format": "json"}):  # the reader's fast path and DRF's
        wrong = client.get("/api/v1/search/", {"q": "ca dao", "facets": "no", **extra})
        assert wrong.status_code == 400 and wrong.json()["field"] == "facets"


def test_api_bad_query_is_400_with_message(client, books):
    response = client.get("/api/v1/search/", {"q": '"nhãn lồng'})
    assert response.status_code == 400
    assert response.json()["code"] == "search.unbalanced_quote"
    assert client.post("/api/v1/search/", {"q": "x"}).status_code in (403, 405)


def test_result_page_query_count_does_not_grow_with_results(
    client, world, books, django_assert_max_num_queries
):
    for n in range(15):
        record = make_record(world.hung_yen, f"Ca dao tuyển chọn {n}")
        make_item(record, world.commune_b)
    outbox_drain()
    with django_assert_max_num_queries(5):
        response = client.get("/search/", {"q": "ca dao", "library": world.provincial.code})
    assert response.status_code == 200
    with django_assert_max_num_queries(5):
        client.get("/search/", {"q": "ca dao"})


def test_record_page_offers_a_hold_and_a_postal_loan(client, world, books):
    record = books[1]
    page = client.get(f"/search/record/{record.pk}/").content.decode()
    assert f"/account/holds/place/?record={record.pk}" in page
    assert f"/account/postal/?record={record.pk}" in page
    # A visitor who is not logged in is asked to log in first, then comes back.
    response = client.get(f"/account/holds/place/?record={record.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_each_library_feed_is_a_feed_of_its_own(client, world, books):
    library = client.get("/search/new/feed/", {"library": world.commune_a.code}).content.decode()
    network = client.get("/search/new/feed/").content.decode()
    feed_id = re.compile(r"<feed[^>]*>.*?<id>([^<]+)</id>", re.S)
    assert feed_id.search(library).group(1) != feed_id.search(network).group(1)
    assert f"library={world.commune_a.code}" in feed_id.search(library).group(1)
    assert f'href="http://testserver/search/new/?library={world.commune_a.code}"' in library
    assert client.get("/search/new/feed/", {"library": "NOPE"}).status_code == 404
    assert client.get("/search/new/", {"network": "zzz"}).status_code == 404


def test_search_api_writes_the_json_drf_would_and_still_throttles(client, books, monkeypatch):
    """The API answers with orjson instead of DRF's renderer: the same compact UTF-8 JSON and
    content type, and the anonymous rate still applies (a second, looser count was dropped)."""
    import json

    from rest_framework.renderers import JSONRenderer
    from rest_framework.throttling import AnonRateThrottle

    response = client.get("/api/v1/search/", {"q": "nhãn lồng"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["results"][0]["title"] == "Nhãn lồng Hưng Yên"
    assert "Nhãn lồng".encode() in response.content  # UTF-8, not \\u escapes
    assert response.content == JSONRenderer().render(data)
    bad = client.get("/api/v1/search/", {"q": '"nhãn lồng'})
    assert bad.status_code == 400 and bad.json()["code"] == "search.unbalanced_quote"
    monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "2/min")
    from django.core.cache import cache

    cache.clear()  # the requests above were counted too
    codes = [client.get("/api/v1/search/", {"q": "ca dao"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_readers_search_skips_drfs_cycle_but_answers_as_drf(client, books, monkeypatch):
    """A plain GET (no token, JSON accepted) is answered without DRF's request cycle: the same
    body and headers as through DRF (``?format=json`` goes through it), the same throttles and
    refusal; what DRF must decide (a token, an Accept JSON does not meet) still goes to DRF."""
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    plain = client.get("/api/v1/search/", {"q": "nhãn lồng"})
    drf = client.get("/api/v1/search/", {"q": "nhãn lồng", "format": "json"})
    assert plain.status_code == drf.status_code == 200
    assert plain.content == drf.content
    for header in ("Content-Type", "Allow", "Content-Security-Policy", "X-Frame-Options"):
        assert plain[header] == drf[header], header
    assert plain["Allow"] == "GET, HEAD, OPTIONS"
    wanted = "application/json; indent=2"
    assert client.get("/api/v1/search/", {"q": "ca dao"}, HTTP_ACCEPT=wanted).status_code == 200
    html = client.get("/api/v1/search/", {"q": "ca dao"}, HTTP_ACCEPT="text/html")
    assert html.status_code == 406
    forged = client.get("/api/v1/search/", {"q": "ca dao"}, HTTP_AUTHORIZATION="Token nope")
    assert forged.status_code in (401, 403)

    monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "1/min")
    cache.clear()
    assert client.get("/api/v1/search/", {"q": "ca dao"}).status_code == 200
    refused = [
        client.get("/api/v1/search/", {"q": "ca dao"}),
        client.get("/api/v1/search/", {"q": "ca dao", "format": "json"}),
    ]
    for answer in refused:
        assert answer.status_code == 429
        assert answer.json()["code"] == "throttled" and "giây" in answer.json()["detail"]
        assert 1 <= int(answer["Retry-After"]) <= 60
        assert answer["Content-Type"] == "application/json"
