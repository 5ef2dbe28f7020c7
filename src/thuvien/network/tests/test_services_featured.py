"""Featured collections: a library's or a network's saved searches, written only by services."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from thuvien.core.models import AuditEntry
from thuvien.network import selectors, services
from thuvien.network.errors import NetworkError, NetworkErrorCode
from thuvien.network.models import FeaturedCollection

pytestmark = pytest.mark.django_db


def _make(owner, title, **kw):
    kw.setdefault("query", "thiếu nhi")
    return services.featured_collection_create(title_vi=title, actor=None, **owner, **kw)


def test_create_places_last_and_scopes_the_search(world):
    admin = world.users["tinh_library_admin"]
    first = services.featured_collection_create(
        library=world.provincial,
        title_vi="  Tài liệu địa chí Hưng Yên ",
        query="Hưng Yên",
        filters="mtype=local_history",
        actor=admin,
    )
    second = _make({"library": world.provincial}, "Sách thiếu nhi")
    assert (first.position, second.position) == (0, 1)
    assert first.title_vi == "Tài liệu địa chí Hưng Yên" and first.network == world.hung_yen
    assert parse_qsl(first.search_query) == [
        ("q", "Hưng Yên"),
        ("mtype", "local_history"),
        ("library", "HY-TINH"),
    ]
    network_wide = _make({"network": world.hung_yen}, "Văn học Việt Nam")
    assert network_wide.position == 0  # its own list
    assert ("network", "hung-yen") in parse_qsl(network_wide.search_query)
    entry = AuditEntry.objects.get(
        action="network.featured_collection.created", object_id=str(first.pk)
    )
    assert entry.actor == admin and entry.library == world.provincial
    assert entry.network == world.hung_yen


def test_english_title_falls_back_to_vietnamese(world, settings):
    from django.utils import translation

    plain = _make({"network": world.hung_yen}, "Sách thiếu nhi")
    named = _make({"network": world.hung_yen}, "Văn học Việt Nam", title_en="Vietnamese literature")
    with translation.override("en"):
        assert (plain.title, named.title) == ("Sách thiếu nhi", "Vietnamese literature")
    with translation.override("vi"):
        assert named.title == "Văn học Việt Nam"


def test_a_pasted_search_address_is_accepted_without_its_scope(world):
    collection = services.featured_collection_create(
        library=world.commune_a,
        title_vi="Văn học Việt Nam",
        filters="https://thuvien.example/search/?q=v%C4%83n+h%E1%BB%8Dc&library=BN-TINH"
        "&subj=V%C4%83n+h%E1%BB%8Dc+Vi%E1%BB%87t+Nam+--+Th%C6%A1&start=20",
        actor=None,
    )
    assert collection.query == "văn học"
    assert collection.filters == "subj=V%C4%83n+h%E1%BB%8Dc+Vi%E1%BB%87t+Nam+--+Th%C6%A1"
    pairs = parse_qsl(collection.search_query)
    assert ("library", "HY-TIENLU") in pairs and ("library", "BN-TINH") not in pairs


@pytest.mark.parametrize(
    ("kw", "code", "field"),
    [
        ({"title_vi": "  "}, NetworkErrorCode.REQUIRED, "title_vi"),
        ({"query": "", "filters": ""}, NetworkErrorCode.REQUIRED, "query"),
        ({"query": "", "filters": "library=HY-TINH"}, NetworkErrorCode.REQUIRED, "query"),
        ({"filters": "color=red"}, NetworkErrorCode.INVALID_SEARCH, "filters"),
        ({"filters": "mtype"}, NetworkErrorCode.INVALID_SEARCH, "filters"),
        ({"filters": "avail=2"}, NetworkErrorCode.INVALID_SEARCH, "filters"),
        ({"filters": "sort=random"}, NetworkErrorCode.INVALID_SEARCH, "filters"),
        ({"query": "sách", "filters": "q=truyện"}, NetworkErrorCode.INVALID_SEARCH, "filters"),
        ({"description": "x" * 301}, NetworkErrorCode.TOO_LONG, "description"),
        ({"title_vi": "x" * 201}, NetworkErrorCode.TOO_LONG, "title_vi"),
    ],
)
def test_bad_input_is_refused_with_a_field(world, kw, code, field):
    values = {"title_vi": "Sách thiếu nhi", "query": "thiếu nhi", **kw}
    with pytest.raises(NetworkError) as err:
        services.featured_collection_create(library=world.provincial, actor=None, **values)
    assert err.value.code == code and err.value.field == field
    assert not FeaturedCollection.objects.exists()


def test_owner_must_be_a_library_or_a_network(world):
    with pytest.raises(NetworkError):
        services.featured_collection_create(title_vi="x", query="x", actor=None)
    with pytest.raises(NetworkError):
        services.featured_collection_create(
            title_vi="x", query="x", library=world.provincial, network=world.hung_yen, actor=None
        )


def test_update_changes_only_what_is_given_and_audits(world):
    collection = _make({"library": world.provincial}, "Sách thiếu nhi", filters="mtype=book")
    services.featured_collection_update(
        collection=collection, title_en="Children's books", is_active=False, actor=None
    )
    collection.refresh_from_db()
    assert collection.title_en == "Children's books" and not collection.is_active
    assert collection.filters == "mtype=book"
    services.featured_collection_update(collection=collection, query="truyện tranh", actor=None)
    collection.refresh_from_db()
    assert (collection.query, collection.filters) == ("truyện tranh", "mtype=book")
    entry = AuditEntry.objects.filter(action="network.featured_collection.updated").latest("pk")
    assert entry.changes["query"] == ["thiếu nhi", "truyện tranh"]
    with pytest.raises(NetworkError):
        services.featured_collection_update(collection=collection, query="", filters="", actor=None)
    collection.refresh_from_db()
    assert collection.query == "truyện tranh"


def test_delete_and_reorder(world):
    owner = {"library": world.provincial}
    a, b, c = (_make(owner, t) for t in ("A", "B", "C"))
    services.featured_collections_reorder(order=[c.pk, a.pk, b.pk], actor=None, **owner)
    assert [x.title_vi for x in selectors.featured_list(**owner)] == ["C", "A", "B"]
    assert AuditEntry.objects.filter(action="network.featured_collection.reordered").count() == 1
    services.featured_collection_move(collection=b, step=-1, actor=None)
    assert [x.title_vi for x in selectors.featured_list(**owner)] == ["C", "B", "A"]
    services.featured_collection_move(collection=c, step=-1, actor=None)  # already first
    assert [x.title_vi for x in selectors.featured_list(**owner)] == ["C", "B", "A"]
    with pytest.raises(NetworkError) as err:  # a list that is not exactly the owner's
        services.featured_collections_reorder(order=[a.pk, b.pk], actor=None, **owner)
    assert err.value.code == NetworkErrorCode.INVALID_ORDER
    other = _make({"library": world.commune_a}, "D")
    with pytest.raises(NetworkError):
        services.featured_collections_reorder(
            order=[a.pk, b.pk, c.pk, other.pk], actor=None, **owner
        )
    services.featured_collection_delete(collection=b, actor=None)
    assert [x.title_vi for x in selectors.featured_list(**owner)] == ["C", "A"]
    assert AuditEntry.objects.filter(action="network.featured_collection.deleted").exists()


def test_selectors_keep_owners_apart(world):
    lib = _make({"library": world.provincial}, "Của thư viện tỉnh")
    net = _make({"network": world.hung_yen}, "Của mạng lưới")
    hidden = _make({"network": world.hung_yen}, "Ẩn", is_active=False)
    bn = _make({"network": world.bac_ninh}, "Bắc Ninh")
    assert list(selectors.featured_list(library=world.provincial)) == [lib]
    assert list(selectors.featured_list(network=world.hung_yen)) == [net]
    assert list(selectors.featured_list(network=world.hung_yen, active_only=False)) == [
        net,
        hidden,
    ]
    assert selectors.featured_by_network(networks=[world.hung_yen, world.bac_ninh]) == {
        world.hung_yen.pk: [net],
        world.bac_ninh.pk: [bn],
    }
    from thuvien.core.errors import NotFound

    with pytest.raises(NotFound):
        selectors.featured_get(pk=lib.pk, library=world.commune_a)
    with pytest.raises(NotFound):
        selectors.featured_get(pk=bn.pk, network=world.hung_yen)
    with pytest.raises(NotFound):
        selectors.featured_get(pk=lib.pk, network=world.hung_yen)
