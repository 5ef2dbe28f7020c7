"""Facet counts, scopes (one library, a group, the network) and availability."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.core.outbox import outbox_drain
from thuvien.holdings.models import ItemStatus
from thuvien.network.models import LibraryGroup
from thuvien.search.selectors import search_catalogue

from .factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def holdings(world):
    a = make_record(world.hung_yen, "Lịch sử Hưng Yên", year=2001, subjects=["Hưng Yên"])
    b = make_record(world.hung_yen, "Lịch sử Phố Hiến", year=1990, material_type="local_history")
    c = make_record(world.hung_yen, "Lịch sử trường học", year=2021, language="eng")
    make_item(a, world.provincial)
    make_item(a, world.commune_a, status=ItemStatus.ON_LOAN)
    make_item(b, world.commune_b)
    make_item(c, world.school, status=ItemStatus.ON_LOAN)
    outbox_drain()
    return a, b, c


def facet(page, name):
    return {v.value: v.count for g in page.facets if g.name == name for v in g.values}


def test_facets_count_the_network(world, holdings):
    page = search_catalogue(params={"q": "lich su"})
    assert page.total == 3
    libs = facet(page, "lib")
    assert libs == {
        str(world.provincial.pk): 1,
        str(world.commune_a.pk): 1,
        str(world.commune_b.pk): 1,
        str(world.school.pk): 1,
    }
    assert facet(page, "ltype") == {"provincial": 1, "commune": 2, "school": 1}
    assert facet(page, "mtype") == {"book": 2, "local_history": 1}
    assert facet(page, "lang") == {"vie": 2, "eng": 1}
    assert facet(page, "year") == {"2020-": 1, "2000-2009": 1, "1986-1999": 1}
    assert facet(page, "avail") == {"1": 2}  # a (provincial) and b (commune_b) are on a shelf


def test_scope_to_one_library_does_not_count_other_libraries(world, holdings):
    a, _b, _c = holdings
    page = search_catalogue(params={"q": "lich su", "library": world.commune_a.code})
    assert [r.record.pk for r in page.rows] == [a.pk]
    assert facet(page, "lib") == {str(world.commune_a.pk): 1}  # not the provincial copy
    # on loan in Tiên Lữ, though on a shelf elsewhere: no "on the shelf 0" filter is offered
    assert page.available_count == 0 and facet(page, "avail") == {}
    # the result still tells where else it is (availability per library)
    assert {h.library.pk for h in page.rows[0].holdings} == {
        world.provincial.pk,
        world.commune_a.pk,
    }
    assert page.rows[0].holdings[0].library.pk == world.commune_a.pk  # the scoped library first


def test_scope_to_a_group(world, holdings):
    with scopes_disabled():
        group = LibraryGroup.objects.create(network=world.hung_yen, name_vi="Cụm Phố Hiến")
        group.libraries.set([world.commune_b, world.school])
    outbox_drain()
    page = search_catalogue(params={"q": "lich su", "group": str(group.pk)})
    assert {r.record.title for r in page.rows} == {"Lịch sử Phố Hiến", "Lịch sử trường học"}
    assert facet(page, "avail") == {"1": 1}  # on the shelf in commune_b; on loan at the school


def test_availability_count_in_each_kind_of_scope(world, holdings):
    """The count comes from the aggregation that fits the scope (anywhere, one library, ...)."""
    page = search_catalogue(params={"q": "lich su", "lib": [str(world.commune_b.pk)]})
    assert facet(page, "avail") == {"1": 1}
    page = search_catalogue(params={"q": "lich su", "library": world.school.code})
    assert page.available_count == 0 and facet(page, "avail") == {}
    page = search_catalogue(params={"q": "lich su", "avail": "1"})
    assert page.total == 2 and facet(page, "avail") == {"1": 2}
    page = search_catalogue(
        params={"q": "lich su", "lib": [str(world.commune_a.pk), str(world.school.pk)]}
    )
    assert page.total == 2 and page.available_count == 0 and facet(page, "avail") == {}


def test_facet_choices_narrow_and_combine(world, holdings):
    a, b, _c = holdings
    page = search_catalogue(params={"q": "lich su", "lib": [str(world.commune_b.pk)]})
    assert [r.record.pk for r in page.rows] == [b.pk]
    page = search_catalogue(
        params={"q": "", "lib": [str(world.commune_b.pk), str(world.provincial.pk)]}
    )
    assert {r.record.pk for r in page.rows} == {a.pk, b.pk}
    page = search_catalogue(params={"q": "lich su", "avail": "1", "year": "2000-2009"})
    assert [r.record.pk for r in page.rows] == [a.pk]
    page = search_catalogue(params={"q": "lich su", "ltype": ["school"]})
    assert page.total == 1
    page = search_catalogue(params={"q": "", "subj": ["Hưng Yên"]})
    assert [r.record.pk for r in page.rows] == [a.pk]


def test_network_scope_and_unknown_scope(world, holdings):
    make_record(world.bac_ninh, "Lịch sử Bắc Ninh", index=True)
    assert search_catalogue(params={"q": "lich su"}).total == 4
    assert search_catalogue(params={"q": "lich su", "network": "bac-ninh"}).total == 1
    assert search_catalogue(params={"q": "lich su", "library": "NO-SUCH"}).total == 4


def test_item_changes_reach_the_index(world, holdings):
    a, _b, _c = holdings
    make_item(a, world.school)
    outbox_drain()
    page = search_catalogue(params={"q": "lich su", "library": world.school.code})
    assert a.pk in [r.record.pk for r in page.rows]


def test_broad_queries_count_facets_on_a_slice(world, monkeypatch):
    from thuvien.search.backends.tantivy import run as engine_search

    for n in range(128):
        make_record(world.hung_yen, f"Tạp chí văn nghệ số {n}", language="vie" if n % 4 else "eng")
    outbox_drain()
    exact = search_catalogue(params={"q": "tap chi"})
    assert not exact.facets_approximate and facet(exact, "lang") == {"vie": 96, "eng": 32}
    monkeypatch.setattr(engine_search, "SAMPLE_TARGET", 40)
    page = search_catalogue(params={"q": "tap chi"})
    assert page.total == 128  # the hit count stays exact
    assert page.facets_approximate
    langs = facet(page, "lang")
    assert sum(langs.values()) == pytest.approx(128, abs=20)
