"""Broad searches: an estimated total, and ranking through the term union (block-max WAND).

The thresholds are lowered so that a few hundred records count as "broad"; the answers are
compared with the same search run the exact way (every hit counted, the real query ranked).
"""

from __future__ import annotations

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.search.backends.tantivy import run as engine_search
from thuvien.search.engine import SearchRequest, engine
from thuvien.search.query import parse_query
from thuvien.search.selectors import search_catalogue

from .factories import make_record

pytestmark = pytest.mark.django_db

MATCHES = 300  # ids run on consecutively: at least two are in the deepest (1 in 128) sample
DECOYS = 12


@pytest.fixture
def broad(world):
    """Many records of "văn nghệ ... số", decoys that repeat "văn nghệ" but lack "số", and
    records of "số" alone, so that "số" weighs little and the decoys rank high in the union."""
    for n in range(MATCHES):
        make_record(world.hung_yen, f"Văn nghệ Hưng Yên, số {n}", year=1990 + n % 30)
    for _n in range(DECOYS):
        make_record(world.hung_yen, "Văn nghệ văn nghệ văn nghệ văn nghệ")
    for n in range(200):
        make_record(world.hung_yen, f"Số liệu thống kê {n}")
    outbox_drain()


def _exact(monkeypatch) -> None:
    monkeypatch.setattr(engine_search, "EXACT_TOTAL", 10**9)


def _broad(monkeypatch) -> None:
    monkeypatch.setattr(engine_search, "EXACT_TOTAL", 50)
    monkeypatch.setattr(engine_search, "UNION_MIN_TOTAL", 50)


def _run(req: SearchRequest, *, split: bool = False):
    return engine_search._run_search(engine(), req, split=split)


def _ids(res) -> list[int]:
    return [h.record_id for h in res.hits]


def _decoy_ids() -> set[int]:
    from thuvien.catalog.models import Record

    return set(Record.objects.filter(title__startswith="Văn nghệ văn").values_list("pk", flat=True))


def test_the_term_union_ranks_decoys_that_the_real_query_drops(broad):
    """The premise of the union path: its best records include some that miss a word."""
    req = SearchRequest(query=parse_query("van nghe so"))
    searcher = engine().searcher()
    union = engine().ranking_union(req, searcher)
    assert union is not None
    top = searcher.search(union, limit=DECOYS, count=False).hits
    ids = set(searcher.fast_field_values("id", [addr for _s, addr in top]))
    assert ids & _decoy_ids()


@pytest.mark.parametrize("offset", [0, 20, 40])
@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("text", ["van nghe so", "van nghe so NOT 17", "văn nghệ AND số"])
def test_union_ranking_gives_the_real_query_order(broad, monkeypatch, offset, split, text):
    req = SearchRequest(query=parse_query(text), offset=offset)
    assert engine().ranking_union(req, engine().searcher()) is not None
    _exact(monkeypatch)
    exact = _run(req, split=split)
    _broad(monkeypatch)
    fast = _run(req, split=split)
    assert _ids(fast) == _ids(exact) and len(_ids(exact)) == 20
    assert [round(h.score, 3) for h in fast.hits] == [round(h.score, 3) for h in exact.hits]
    assert not set(_ids(fast)) & _decoy_ids()
    assert fast.next_offset == exact.next_offset == offset + 20


def test_the_real_query_takes_over_when_the_union_runs_out_of_depth(broad, monkeypatch):
    req = SearchRequest(query=parse_query("van nghe so"), offset=10)
    _exact(monkeypatch)
    exact = _run(req)
    _broad(monkeypatch)
    monkeypatch.setattr(engine_search, "_CHECK", 3)
    monkeypatch.setattr(engine_search, "UNION_MAX_DEPTH", 30)
    fast = _run(req)
    assert _ids(fast) == _ids(exact)


def test_a_phrase_has_no_term_union():
    """A phrase's score is not a sum of term scores: it keeps the real query."""
    req = SearchRequest(query=parse_query('"van nghe so"'))
    assert engine().ranking_union(req, engine().searcher()) is None


@pytest.mark.parametrize(
    ("text", "sort"), [('"van nghe hung yen"', "relevance"), ("van nghe so", "newest")]
)
def test_other_shapes_and_orders_answer_as_the_exact_path(broad, monkeypatch, text, sort):
    req = SearchRequest(query=parse_query(text), sort=sort)
    _exact(monkeypatch)
    exact = _run(req)
    _broad(monkeypatch)
    fast = _run(req)
    assert _ids(fast) == _ids(exact) and len(_ids(exact)) == 20
    assert fast.total_approximate


def test_a_broad_total_is_estimated_and_says_so(broad, monkeypatch):
    _exact(monkeypatch)
    exact = _run(SearchRequest(query=parse_query("hung yen")))
    assert exact.total == MATCHES and not exact.total_approximate
    _broad(monkeypatch)
    monkeypatch.setattr(engine_search, "SAMPLE_TARGET", 40)
    fast = _run(SearchRequest(query=parse_query("hung yen")))
    assert fast.total_approximate and fast.facets_approximate
    assert fast.total == pytest.approx(MATCHES, rel=0.5)
    assert fast.total == engine_search._about(fast.total)  # no false precision
    assert _ids(fast) == _ids(exact)


def test_a_narrow_search_is_counted_exactly(broad, monkeypatch):
    _broad(monkeypatch)
    res = _run(SearchRequest(query=parse_query("van nghe 7")))
    assert not res.total_approximate
    assert res.total == len({h.record_id for h in res.hits}) > 0


@pytest.mark.parametrize(
    ("n", "shown"), [(7, 7), (999, 999), (278_450, 278_000), (106_100, 106_000), (21_560, 21_600)]
)
def test_about_keeps_three_significant_digits(n, shown):
    assert engine_search._about(n) == shown


def test_the_page_and_the_api_say_about(broad, monkeypatch, client):
    _broad(monkeypatch)
    page = search_catalogue(params={"q": "hung yen"})
    assert page.total_approximate
    html = client.get("/search/", {"q": "hung yen"}).content.decode()
    assert "trong khoảng" in html
    data = client.get("/api/v1/search/", {"q": "hung yen"}).json()
    assert data["total_approximate"] is True and data["total"] == page.total
