"""A search gives the same answer whether its counting half ran in the facet thread or not."""

from __future__ import annotations

import os
import threading

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.holdings.models import ItemStatus
from thuvien.search.backends.tantivy import run as engine_search
from thuvien.search.engine import SearchRequest, engine
from thuvien.search.query import parse_query

from .factories import make_item, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world):
    for year in range(1960, 2024, 3):
        r = make_record(
            world.hung_yen,
            f"Lịch sử làng nghề {year}",
            year=year,
            subjects=["Làng nghề", "Hưng Yên"] if year % 2 else ["Làng nghề"],
            authors=[f"Nguyễn Văn {year % 5}"],
            language="eng" if year % 7 == 0 else "vie",
        )
        make_item(r, world.provincial)
        make_item(r, world.commune_a, status=ItemStatus.ON_LOAN if year % 3 else "available")
    outbox_drain()


def _answer(req: SearchRequest, *, split: bool):
    res = engine_search._run_search(engine(), req, split=split)
    return res.total, [h.record_id for h in res.hits], res.facets, res.available_count


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"available": True},
        {"filters": {"mtype": ["book"], "lang": ["vie"]}},
        {"sort": "newest"},
    ],
)
def test_split_and_single_thread_agree(world, catalogue, params):
    req = SearchRequest(query=parse_query("lich su lang nghe"), limit=10, **params)
    alone = _answer(req, split=False)
    assert alone[0] > 0 and alone[2]["year"]
    assert _answer(req, split=True) == alone
    scoped = SearchRequest(
        query=parse_query("lich su"), library_ids=[world.commune_a.pk, world.provincial.pk]
    )
    assert _answer(scoped, split=True) == _answer(scoped, split=False)


@pytest.mark.parametrize(
    "text",
    [
        '"làng nghề"',
        "lang ngh*",
        "lịch sử",
        "1999 OR 2002",
        "lang nghe NOT 1999",
        "title:(lich su)",
    ],
)
def test_counts_without_boosts_match_the_ranked_query(world, catalogue, text):
    """The facet thread counts the query with its boosts left out: the same records match."""
    req = SearchRequest(query=parse_query(text), limit=100, facets=False)
    ranked = engine().search(req)
    assert ranked.total > 0
    split = _answer(SearchRequest(query=parse_query(text), limit=100), split=True)
    assert split[0] == ranked.total
    assert sorted(split[1]) == sorted(h.record_id for h in ranked.hits)


def test_concurrent_searches_count_themselves_out(world, catalogue):
    """Searches running side by side take the single-thread path and leave the count at 0."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(20):
                engine().search(SearchRequest(query=parse_query("lang nghe")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert engine_search._in_flight == 0


def test_network_filter_is_skipped_only_while_one_network_is_indexed(world, catalogue):
    eng = engine()
    req = SearchRequest(query=parse_query("lang nghe"), network_id=world.hung_yen.pk)
    assert eng.search(req).total > 0
    assert eng.holds_only(eng.searcher(), world.hung_yen.pk)
    # Another network's record with the same words: now the filter must keep it out.
    other = make_record(world.bac_ninh, "Làng nghề Bắc Ninh", index=True)
    assert not eng.holds_only(eng.searcher(), world.hung_yen.pk)
    ids = [h.record_id for h in eng.search(SearchRequest(**{**req.__dict__, "limit": 100})).hits]
    assert ids and other.pk not in ids
    everywhere = SearchRequest(query=parse_query("lang nghe bac ninh"))
    assert other.pk in [h.record_id for h in eng.search(everywhere).hits]


@pytest.mark.parametrize(
    ("loadavg", "cpus", "idle"),
    [
        (b"0.50 0.40 0.30 1/137 14427\n", 2, True),  # only the search itself runs
        (b"2.02 2.34 2.37 2/137 14427\n", 2, False),  # another task holds the other core
        (b"7.10 6.00 5.00 3/400 999\n", 4, True),
        (b"garbage", 2, True),  # unreadable: split as before
    ],
)
def test_a_search_splits_only_while_a_core_is_idle(tmp_path, monkeypatch, loadavg, cpus, idle):
    fake = tmp_path / "loadavg"
    fake.write_bytes(loadavg)
    fd = os.open(fake, os.O_RDONLY)
    monkeypatch.setattr(engine_search, "_loadavg_fd", fd)
    monkeypatch.setattr(engine_search, "_CPUS", cpus)
    assert engine_search._idle_core() is idle
    with engine_search._searching() as split:
        assert split is idle
    os.close(fd)
