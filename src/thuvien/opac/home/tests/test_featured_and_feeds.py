"""The home page and a library's page: featured collections (links scoped to their owner), the
library's own search box, the Atom feed of new acquisitions, English names in English mode."""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.network import services
from thuvien.search.tests.factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


def _links(body: str, text: str) -> list[dict[str, list[str]]]:
    """The query of each link whose text is ``text``."""
    out = []
    for href, inner in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', body, re.S):
        if inner.strip() == text:
            parts = urlsplit(html.unescape(href))
            query: dict[str, list[str]] = {}
            for k, v in parse_qsl(parts.query):
                query.setdefault(k, []).append(v)
            out.append({"path": [parts.path], **query})
    return out


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


@pytest.fixture
def collections(world):
    def make(title, **kw):
        return services.featured_collection_create(title_vi=title, actor=None, **kw)

    return {
        "network": make(
            "Văn học Việt Nam",
            title_en="Vietnamese literature",
            network=world.hung_yen,
            filters="subj=Văn học Việt Nam -- Thơ",
        ),
        "hidden": make("Ẩn đi", network=world.hung_yen, query="x", is_active=False),
        "bn": make("Dân ca quan họ", network=world.bac_ninh, query="quan họ"),
        "library": make(
            "Tài liệu địa chí Hưng Yên",
            library=world.provincial,
            query="Hưng Yên",
            filters="mtype=local_history",
            description="Sách, báo, tư liệu về vùng đất Hưng Yên.",
        ),
        "other_library": make("Sách thiếu nhi", library=world.commune_a, query="thiếu nhi"),
    }


def test_home_shows_network_collections_linking_to_a_network_search(world, client, collections):
    body = client.get("/").content.decode()
    assert "Bộ sưu tập nổi bật" in body
    (link,) = _links(body, "Văn học Việt Nam")
    assert link == {
        "path": ["/search/"],
        "subj": ["Văn học Việt Nam -- Thơ"],
        "network": ["hung-yen"],
    }
    assert _links(body, "Dân ca quan họ")[0]["network"] == ["bac-ninh"]
    # a library's collection, an inactive one: not on the network home
    assert "Tài liệu địa chí Hưng Yên" not in body and "Ẩn đi" not in body
    _english(client)
    body = client.get("/").content.decode()
    assert "Vietnamese literature" in body and "Featured collections" in body
    assert "Dân ca quan họ" in body  # no English title: the Vietnamese one


def test_home_without_collections_has_no_empty_section(world, client):
    assert "Bộ sưu tập nổi bật" not in client.get("/").content.decode()


def test_library_page_shows_its_own_and_the_network_collections_scoped_to_it(
    world, client, collections
):
    body = client.get("/libraries/HY-TINH/").content.decode()
    (link,) = _links(body, "Tài liệu địa chí Hưng Yên")
    assert link == {
        "path": ["/search/"],
        "q": ["Hưng Yên"],
        "mtype": ["local_history"],
        "library": ["HY-TINH"],
    }
    assert "Sách, báo, tư liệu về vùng đất Hưng Yên." in body
    assert "Sách thiếu nhi" not in body  # another library's own
    (network_wide,) = _links(body, "Văn học Việt Nam")  # the network's, searched here
    assert network_wide["library"] == ["HY-TINH"] and "network" not in network_wide
    assert body.index("Tài liệu địa chí Hưng Yên") < body.index("Văn học Việt Nam")
    assert "Dân ca quan họ" not in body and "Ẩn đi" not in body  # other network; inactive
    other = client.get("/libraries/HY-TIENLU/").content.decode()
    assert _links(other, "Sách thiếu nhi")[0]["library"] == ["HY-TIENLU"]
    assert "Tài liệu địa chí Hưng Yên" not in other


def test_library_page_has_a_search_box_for_that_library(world, client):
    body = client.get("/libraries/HY-TIENLU/").content.decode()
    form = re.search(r'<form method="get" action="/search/" role="search".*?</form>', body, re.S)
    assert form is not None
    assert '<input type="hidden" name="library" value="HY-TIENLU">' in form.group(0)
    assert 'name="q"' in form.group(0)


def test_feeds_are_linked_in_the_head_and_on_the_page(world, client):
    body = client.get("/").content.decode()
    head = body.split("</head>")[0]
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        r'href="/search/new/feed/">',
        head,
    )
    assert 'href="/search/new/feed/" type="application/atom+xml"' in body.split("</head>")[1]
    body = client.get("/libraries/HY-TIENLU/").content.decode()
    head, page = body.split("</head>")
    assert 'type="application/atom+xml"' in head
    assert 'href="/search/new/feed/?library=HY-TIENLU"' in head
    assert 'href="/search/new/feed/?library=HY-TIENLU" type="application/atom+xml"' in page
    feed = client.get("/search/new/feed/?library=HY-TIENLU")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")


def test_home_title_names_the_site_once(client, world):
    title = re.search(r"<title>(.*?)</title>", client.get("/").content.decode(), re.S).group(1)
    assert title.count("Thư viện số") == 1


def test_new_acquisitions_name_libraries_in_english_in_english_mode(world, client):
    record = make_record(world.hung_yen, "Nhãn lồng Hưng Yên", year=2025)
    make_item(record, world.commune_a, acquired_on=date(2026, 10, 1))
    make_item(record, world.provincial, acquired_on=date(2026, 10, 1))
    outbox_drain()
    body = client.get("/").content.decode()
    assert "Thư viện tỉnh Hưng Yên, Thư viện xã Tiên Lữ" in body
    _english(client)
    for url in ("/", "/libraries/HY-TIENLU/"):
        body = client.get(url).content.decode()
        section = body.split('class="new-items"')[1]
        assert "Nhãn lồng Hưng Yên" in section
        assert "Thư viện xã Tiên Lữ" not in section, url
        assert "Tiên Lữ Commune Library" in section
