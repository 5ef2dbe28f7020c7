"""The parallel reindex builds the same index as the serial one.

The pool runs its tasks in the calling thread here: test data lives in an uncommitted
transaction that other processes (or other connections) cannot see. The forking itself is
exercised by ``benchmarks/search_build.py`` and ``thuvien reindex`` on real data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings

from thuvien.holdings.models import ItemStatus
from thuvien.search import reindex_parallel as rp
from thuvien.search.backends.tantivy.schema import tantivy_fields
from thuvien.search.engine import SearchRequest, engine
from thuvien.search.indexing import reindex_all
from thuvien.search.query import parse_query
from thuvien.search.suggest import FILE_NAME, load_vocabulary

from .factories import make_item, make_record

pytestmark = pytest.mark.django_db


class _Done:
    def __init__(self, value: object) -> None:
        self.value = value

    def get(self) -> object:
        return self.value


class InlinePool:
    """The ``multiprocessing.Pool`` calls the reindex uses, run in this thread."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def apply_async(self, fn, args):  # noqa: ANN001, ANN201 - Pool's signature
        return _Done(fn(*args))

    def close(self) -> None: ...

    def terminate(self) -> None: ...

    def join(self) -> None: ...


def everything(**kwargs: object) -> object:
    return engine().search(SearchRequest(query=None, **kwargs))


def found(q: str) -> list[int]:
    return sorted(h.record_id for h in engine().search(SearchRequest(query=parse_query(q))).hits)


def test_ranges_cover_every_live_record_once(world):
    ids = [make_record(world.hung_yen, f"Sách số {n}").pk for n in range(7)]
    ranges = rp.id_ranges(step=3)
    assert len(ranges) == 3
    built = [json.loads(f)["id"][0] for r in ranges for f in rp.build_range(r)[0]]
    assert built == ids


def test_parallel_reindex_matches_serial(world, monkeypatch):
    records = [make_record(world.hung_yen, title) for title in ("Lịch sử Hưng Yên", "Địa chí")]
    records += [make_record(world.hung_yen, f"Truyện ngắn {n}") for n in range(5)]
    make_item(records[0], world.provincial, call_number="959.73 NG527N")
    make_item(records[0], world.commune_a, status=ItemStatus.ON_LOAN)
    make_item(records[2], world.commune_a)
    serial = reindex_all(workers=1)
    serial_hits = (found("lich su"), found("truyen ngan"), found("dia chi"))
    serial_facets = everything().facets  # libraries, types, groups: the numeric fields
    serial_vocab = load_vocabulary(settings.SEARCH_INDEX_DIR).forms

    monkeypatch.setattr(rp, "RANGE", 2)
    monkeypatch.setattr(rp, "_pool", InlinePool)
    parallel = reindex_all(workers=2, min_parallel=0)
    assert parallel["documents"] == serial["documents"] == len(records)
    assert (found("lich su"), found("truyen ngan"), found("dia chi")) == serial_hits
    assert serial_hits[1] == sorted(r.pk for r in records[2:])
    # the builders' JSON texts (add_json) index the numeric and facet fields as from_dict did
    assert everything().facets == serial_facets and serial_facets["lib"]
    assert everything(available=True).total == 2
    assert found("callno:959.73") == [records[0].pk]
    assert load_vocabulary(settings.SEARCH_INDEX_DIR).forms == serial_vocab


def test_worker_fields_equal_serial_analysis(world):
    from thuvien.search.documents import iter_documents

    make_record(world.hung_yen, "Ca dao tục ngữ")
    expected = [tantivy_fields(d) for d in iter_documents()]
    texts, words = rp.build_range((0, 10**9))
    assert [json.loads(t) for t in texts] == expected
    assert words["ca"] == 1 and words["tục"] == 1


def test_large_outbox_batch_built_by_workers_indexes_as_the_serial_drain(world, monkeypatch):
    from thuvien.search.documents import documents_for
    from thuvien.search.indexing import index_records

    records = [make_record(world.hung_yen, title) for title in ("Lịch sử Hưng Yên", "Địa chí")]
    records += [make_record(world.hung_yen, f"Truyện ngắn {n}") for n in range(5)]
    make_item(records[0], world.provincial, call_number="959.73 NG527N")
    make_item(records[1], world.commune_a, status=ItemStatus.ON_LOAN)
    gone = records.pop()  # indexed, then deleted: the batch must take it out of the index
    gone_doc = documents_for([gone.pk])[0]
    gone.is_deleted = True
    gone.save(update_fields=["is_deleted"])
    ids = [r.pk for r in records] + [gone.pk]

    vocab_file = Path(settings.SEARCH_INDEX_DIR) / FILE_NAME

    def drain() -> tuple[object, ...]:
        engine().clear()
        vocab_file.unlink(missing_ok=True)
        engine().write(upserts=gone_doc)
        assert found("truyen ngan")[-1] == gone.pk
        written = index_records(ids)
        vocab = json.loads(vocab_file.read_text())
        hits = (found("lich su"), found("truyen ngan"), found("dia chi"), found("callno:959.73"))
        return written, hits, everything().facets, everything(available=True).total, vocab

    serial = drain()  # the batch is small: built in this process
    monkeypatch.setattr(rp, "DRAIN_MIN_PARALLEL", 0)
    monkeypatch.setattr(rp, "RANGE", 2)
    monkeypatch.setattr(rp, "_pool", InlinePool)
    monkeypatch.setattr(rp, "default_workers", lambda: 2)
    assert drain() == serial
    assert serial[0] == len(records) and gone.pk not in serial[1][1]
    assert serial[1][3] == [records[0].pk] and serial[3] == 1 and serial[2]["lib"]
    assert serial[4]["truyen"] == {"truyện": 4}  # the deleted one is not counted


def test_rebuild_leaves_one_segment_within_its_memory(world, settings):
    """Every outbox commit adds a segment; the rebuild writes them all as one (searches open
    their term lists and columns once, not once per segment), even with a budget set below
    tantivy's minimum."""
    from thuvien.search.documents import iter_documents

    for n in range(3):
        make_record(world.hung_yen, f"Địa chí tập {n}")
    for doc in iter_documents():  # one commit each, as three outbox drains
        engine().write(upserts=[doc])
    assert engine().searcher().num_segments > 1
    settings.SEARCH_REINDEX_MEMORY_MB = 1
    assert reindex_all(workers=1)["documents"] == 3
    searcher = engine().searcher()
    assert (searcher.num_segments, searcher.num_docs) == (1, 3)
    assert len(found("dia chi")) == 3
