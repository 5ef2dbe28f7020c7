"""The staff catalogue search pages through every result (issue 12: it stopped at 500 records
and clamped any page number to page 20)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thuvien.catalog.models import Record
from thuvien.catalog.services import import_run
from thuvien.core.outbox import outbox_drain

from .conftest import make_marc  # noqa: F401 - the same records as the other tests

DATA = __import__("pathlib").Path(__file__).resolve().parents[5] / ".." / "shared" / "data"
UVA = DATA / "marc" / "solrmarc-tests" / "uva_001_2000.mrc"
_LINK = re.compile(r'href="/staff/catalog/records/(\d+)/"')
_NEXT = re.compile(r'<a href="\?([^"]+)" rel="next">')


def _ids(page: str) -> list[int]:
    return [int(i) for i in _LINK.findall(page)]


@pytest.fixture
def uva(world):
    """2,000 real records in the network, in the index as the worker leaves them."""
    import_run(paths=[UVA], network=world.hung_yen, match_rules="")
    outbox_drain()
    return Record.objects.filter(network=world.hung_yen, is_deleted=False).count()


def _walk(client, params: dict) -> list[int]:
    from html import unescape

    seen: list[int] = []
    url = reverse("catalog:search")
    response = client.get(url, params)
    for _ in range(200):
        page = response.content.decode()
        seen.extend(_ids(page))
        nxt = _NEXT.search(page)
        if not nxt:
            break
        response = client.get(f"{url}?{unescape(nxt.group(1))}")
    return seen


@pytest.mark.slow
def test_browsing_reaches_every_record(world, cataloguer, uva):
    assert uva == 2000
    first = cataloguer.get(reverse("catalog:search")).content.decode()
    assert "2000 biểu ghi" in first.replace(".", "")
    seen = _walk(cataloguer, {})
    assert len(seen) == len(set(seen)) == 2000  # all of them, none twice, past the 500th


@pytest.mark.slow
def test_a_word_search_pages_past_page_20(world, cataloguer, uva):
    q = "bibliography"  # in 639 of the 2,000 records (the note "Includes bibliography")
    expected = cataloguer.get(reverse("catalog:search"), {"q": q})
    total = int(re.search(r'id="search-count">(?:Khoảng )?([\d.]+)', expected.content.decode())
                .group(1).replace(".", ""))  # fmt: skip
    assert total > 500
    last = -(-total // 25)
    page = cataloguer.get(reverse("catalog:search"), {"q": q, "page": last}).content.decode()
    assert f"Trang {last} / {last}" in page
    assert _ids(page)
    seen = _walk(cataloguer, {"q": q})
    assert len(set(seen)) == total


def test_a_bad_page_number_is_page_one(world, cataloguer, make_record):
    make_record("Dế Mèn phiêu lưu ký")
    for bad in ("abc", "-1", "0", "9" * 40, "1e9"):
        response = cataloguer.get(reverse("catalog:search"), {"q": "de men", "page": bad})
        assert response.status_code == 200
        assert "Dế Mèn phiêu lưu ký" in response.content.decode()
    for bad in ("x", "2026-13-01~5", "~", "9" * 40):
        response = cataloguer.get(reverse("catalog:search"), {"after": bad, "before": bad})
        assert response.status_code == 200 and "Dế Mèn phiêu lưu ký" in response.content.decode()
