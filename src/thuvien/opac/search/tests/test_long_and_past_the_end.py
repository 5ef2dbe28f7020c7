"""What a reader meets at the edges of a result list: a page asked past the last result (an old
link, a hand-edited ``start``) and a query longer than the search box keeps."""

from __future__ import annotations

import html
import re

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.opac.search.render import QUERY_MAX_LENGTH
from thuvien.search.errors import SearchErrorCode
from thuvien.search.query import SearchQueryError, parse_query
from thuvien.search.tests.factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world):
    for n in range(25):
        make_record(world.hung_yen, f"Địa chí Hưng Yên tập {n}", year=1990 + n)
    outbox_drain()


def _count(body: str) -> str:
    return re.sub(r"\s+", " ", body.split('class="rcount"')[1].split("</h2>")[0]).strip()


@pytest.mark.parametrize("start", ["25", "40", "10000", "99999999"])
def test_a_start_past_the_end_says_so_and_links_to_the_last_page(client, catalogue, start):
    response = client.get("/search/", {"q": "địa chí", "start": start})
    assert response.status_code == 200
    body = response.content.decode()
    count = _count(body)
    assert "Trang này nằm ngoài kết quả: chỉ có 25 kết quả." in count
    assert not re.search(r"\d–\d", count)  # never "10.001–10.000"
    assert '<ol class="rlist"' not in body and 'rel="prev"' not in body
    link = re.search(r'<p class="beyond"><a class="btn" href="([^"]+)">([^<]+)</a>', body)
    assert link and link.group(2) == "Đến trang kết quả cuối"
    last = client.get("/search/" + html.unescape(link.group(1))).content.decode()
    assert _count(last).endswith("21–25 trong 25 kết quả")
    assert last.count('class="ritem"') == 5


def test_the_last_page_and_the_first_are_unchanged(client, catalogue):
    body = client.get("/search/", {"q": "địa chí", "start": "20"}).content.decode()
    assert _count(body).endswith("21–25 trong 25 kết quả") and 'rel="prev"' in body
    body = client.get("/search/", {"q": "địa chí"}).content.decode()
    assert _count(body).endswith("1–20 trong 25 kết quả") and 'rel="next"' in body


def test_the_boxes_keep_what_the_parser_reads():
    parse_query("a" * QUERY_MAX_LENGTH)
    with pytest.raises(SearchQueryError) as caught:
        parse_query("a" * (QUERY_MAX_LENGTH + 1))
    assert caught.value.code == SearchErrorCode.TOO_LONG.value


def test_every_public_search_box_is_limited(client, world):
    for url in ("/", f"/libraries/{world.provincial.code}/", "/search/"):
        body = client.get(url).content.decode()
        box = re.search(r'<input type="search" id="q" name="q"[^>]*>', body).group(0)
        assert f'maxlength="{QUERY_MAX_LENGTH}"' in box, url
        assert 'data-too-long="Câu bạn dán dài {n} ký tự' in box, url
        assert "thuvien/js/search-box.js" in body, url
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for url in ("/", "/search/"):
        body = client.get(url).content.decode()
        assert 'data-too-long="The text you pasted is {n} characters long' in body, url


def test_a_query_too_long_gets_a_vietnamese_page_and_keeps_its_start(client, world):
    q = "nghiên cứu văn hóa dân gian " * 200  # 5,600 characters
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Câu tìm kiếm quá dài: 5.599 ký tự." in body
    assert "Ví dụ:" not in body  # not a syntax problem
    assert f'value="{q[:QUERY_MAX_LENGTH]}"' in body
    title = body.split("<title>")[1].split("</title>")[0]
    assert len(title) < 150
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/search/", {"q": q}).content.decode()
    assert "The search is too long: 5,599 characters." in body
