"""A bare ISBN or ISSN typed (or pasted from a bookshop's page) in the portal's search box finds
its record whatever the hyphens, in either ISBN form, as Koha and VuFind do (issue 12)."""

from __future__ import annotations

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.search.query import Fallback, Words, identifier, parse_query

from .factories import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(world):
    """Records catalogued the way libraries type 020/022: with hyphens, or without."""
    books = {
        # ISBN-13 as the cataloguer typed it, hyphens and a qualifier
        "vn": make_record(
            world.hung_yen, "Nhật ký Đặng Thùy Trâm", isbns=["978-604-2-09584-6 (bìa mềm)"]
        ),
        # ISBN-10 typed without hyphens
        "oxford": make_record(
            world.hung_yen, "The Oxford book of English verse", isbns=["0198526636"]
        ),
        "serial": make_record(world.hung_yen, "Tạp chí Thư viện Việt Nam", issns=["0317-8471"]),
        # its title holds the digits of the Vietnamese ISBN as words: the ISBN wins
        "noise": make_record(world.hung_yen, "Mã vùng 978 604 và mã số 209584"),
        # a ten-digit number that is no record's ISBN, but a title word
        "code": make_record(world.hung_yen, "Tuyển tập 1234567890 câu đố"),
    }
    outbox_drain()
    return {key: record.pk for key, record in books.items()}


PASTED = [
    "978-604-2-09584-6",  # as printed on the back cover
    "9786042095846",  # scanned from the barcode
    "978 604 2 09584 6",  # typed with spaces
    "978‑604‑2‑09584‑6",  # non-breaking hyphens, copied from a bookshop's web page
    " 978–604–209584–6 ",  # en dashes and stray spaces
    "6042095846",  # the same book's ISBN-10
    "604-2-09584-6",
    "ISBN 978-604-2-09584-6",
    "isbn: 9786042095846",
]


def _portal_ids(client, q: str) -> list[int]:
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    return [int(pk) for pk in _record_links(html)]


def _record_links(html: str) -> list[str]:
    import re

    seen: list[str] = []
    for pk in re.findall(r'class="rtitle"><a href="[^"]*/record/(\d+)/', html):
        if pk not in seen:
            seen.append(pk)
    return seen


@pytest.mark.parametrize("q", PASTED)
def test_a_pasted_isbn_finds_its_record_in_the_portal(client, shelf, q):
    assert _portal_ids(client, q) == [shelf["vn"]]


@pytest.mark.parametrize("q", PASTED)
def test_a_pasted_isbn_finds_its_record_in_the_json_api(client, shelf, q):
    data = client.get("/api/v1/search/", {"q": q}).json()
    assert [r["id"] for r in data["results"]] == [shelf["vn"]]
    assert data["total"] == 1


@pytest.mark.parametrize(
    "q", ["978-0-19-852663-6", "9780198526636", "0-19-852663-6", "019852663-6"]
)
def test_an_isbn_10_record_is_found_by_either_form(client, shelf, q):
    assert _portal_ids(client, q) == [shelf["oxford"]]
    data = client.get("/api/v1/search/", {"q": q}).json()
    assert [r["id"] for r in data["results"]] == [shelf["oxford"]]


@pytest.mark.parametrize("q", ["0317-8471", "03178471", "0317 8471", "ISSN 0317-8471"])
def test_a_bare_issn_finds_the_serial(client, shelf, q):
    assert _portal_ids(client, q) == [shelf["serial"]]
    data = client.get("/api/v1/search/", {"q": q}).json()
    assert [r["id"] for r in data["results"]] == [shelf["serial"]]


def test_a_number_no_record_carries_as_isbn_is_still_searched_as_words(client, shelf):
    assert identifier("1234567890") is not None
    assert _portal_ids(client, "1234567890") == [shelf["code"]]
    data = client.get("/api/v1/search/", {"q": "1234567890"}).json()
    assert [r["id"] for r in data["results"]] == [shelf["code"]]


def test_an_unknown_isbn_finds_nothing_and_says_so(client, shelf):
    response = client.get("/search/", {"q": "978-604-0-00000-0"})
    assert response.status_code == 200
    assert _record_links(response.content.decode()) == []
    assert client.get("/api/v1/search/", {"q": "978-604-0-00000-0"}).json()["total"] == 0


@pytest.mark.parametrize(
    "q",
    [
        "1975",
        "1990-2000",  # a range of years, not an ISSN (its check digit would be X)
        "978",
        "12345",
        "123-456-789",
        "ISBN",
        "97860420958461",
        "abc-def-ghij",
        "0317-8472",  # an ISSN's shape with a wrong check digit
    ],
)
def test_what_is_not_an_isbn_or_issn_is_left_to_the_query_language(q):
    assert identifier(q) is None
    assert not isinstance(parse_query(q), Fallback)


def test_the_parsed_fallback_holds_the_normalised_code_then_the_words():
    node = parse_query("978-604-2-09584-6")
    assert isinstance(node, Fallback)
    assert node.first == Words(["9786042095846"], "isbn")
    assert identifier("2434-561x") == Words(["2434561X"], "issn")
    assert identifier("ISSN 9786042095846") is None  # 13 digits are no ISSN


@pytest.mark.browser
def test_an_isbn_pasted_from_a_bookshop_page_in_the_browser(transactional_db, world, page):
    """A reader copies the ISBN from a bookshop's page (non-breaking hyphens) into the box."""
    book = make_record(world.hung_yen, "Nhật ký Đặng Thùy Trâm", isbns=["9786042095846"])
    make_record(world.hung_yen, "Mã vùng 978 604 và mã số 209584")
    outbox_drain()
    page.goto(page.base_url + "/search/")
    page.fill("#q", "978‑604‑2‑09584‑6")  # as pasted: U+2011 between the groups
    page.press("#q", "Enter")
    page.wait_for_selector(".rlist")
    assert page.locator(".rtitle").all_inner_texts() == [book.title]
