"""What the reader processes send the writer survives the trip unchanged (``PreparedBatch``
pickles as plain tuples with the column names once per batch)."""

from __future__ import annotations

import pickle

from thuvien.catalog.marc.reader import ReadItem
from thuvien.catalog.services.import_pipeline import PreparedBatch, prepare_batch

from .factories import vi_marc


def _batch() -> PreparedBatch:
    items = [
        ReadItem(1, vi_marc(title="Lịch sử Việt Nam", isbn="9786041234567")),
        ReadItem(2, None, "Biểu ghi quá ngắn (thiếu đầu biểu)."),
        ReadItem(3, vi_marc(title="Truyện Kiều", isbn=None, control="HY00003")),
    ]
    return prepare_batch(items, ("isbn", "035", "001"), want_items=True)


def test_a_prepared_batch_pickles_to_an_equal_batch():
    batch = _batch()
    assert len(batch.records) == 2 and batch.issues  # the test covers records and issues
    again = pickle.loads(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
    assert again == batch


def test_a_batch_of_unreadable_records_only_pickles_too():
    batch = prepare_batch([ReadItem(7, None, "hỏng")], ("isbn",), want_items=False)
    again = pickle.loads(pickle.dumps(batch))  # noqa: S301 - our own bytes
    assert again == batch and again.records == [] and again.read == 1


def test_a_batch_is_prepared_from_records_read_one_at_a_time():
    """The readers hand ``prepare_batch`` a generator that parses each record as it is taken
    (a record is extracted while its dict is still in the CPU's cache): every record counts."""
    items = (ReadItem(n, vi_marc(title=f"Sách {n}", isbn=None)) for n in range(1, 4))
    batch = prepare_batch(items, ("isbn",), want_items=False)
    assert batch.read == 3 and [r.position for r in batch.records] == [1, 2, 3]


def test_the_inline_reader_yields_every_record_once_in_batches(tmp_path):
    """``_batches`` hands out lazy batches of ``size`` records; none is lost or repeated."""
    from thuvien.catalog.marc.mij import to_pymarc
    from thuvien.catalog.services.import_pipeline import _batches

    path = tmp_path / "seven.mrc"
    path.write_bytes(b"".join(to_pymarc(vi_marc(title=f"Sách {n}")).as_marc() for n in range(7)))
    sizes = [len(list(batch)) for batch in _batches(path, "iso2709", 3)]
    assert sizes == [3, 3, 1]


def test_an_import_keeps_what_the_process_held_out_of_the_collector_and_gives_it_back():
    import gc

    from thuvien.catalog.services.import_pipeline import gc_relaxed

    gc.unfreeze()  # a process that imported the WSGI module froze its objects
    before = gc.get_threshold()
    with gc_relaxed():
        assert gc.get_freeze_count() > 0  # objects alive at the start are not walked again
        assert gc.get_threshold() != before
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_a_process_that_froze_objects_itself_keeps_them_frozen(monkeypatch):
    import gc

    from thuvien.catalog.services.import_pipeline import gc_relaxed

    unfrozen: list[bool] = []
    monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(True))
    gc.freeze()
    try:
        with gc_relaxed():
            pass
        assert unfrozen == []  # its own frozen objects are not handed back to the collector
    finally:
        monkeypatch.undo()
        gc.unfreeze()
