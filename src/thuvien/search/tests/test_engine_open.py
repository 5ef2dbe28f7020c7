"""Opening the index from many processes at once never empties it (gunicorn's workers do)."""

from __future__ import annotations

import multiprocessing

from thuvien.search.backends.tantivy import Engine
from thuvien.search.backends.tantivy.schema import SCHEMA_VERSION


def _doc(i: int) -> dict:
    return {"id": i, "network": 1, "title": f"Lịch sử {i}", "material_type": "book"}


def _open_many(path: str, times: int, out) -> None:
    counts = set()
    for _ in range(times):
        counts.add(Engine(path).count())
    out.put(sorted(counts))


def test_workers_opening_at_once_keep_the_index(tmp_path):
    path = tmp_path / "index"
    Engine(path).rebuild([_doc(i) for i in range(1, 51)])
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_open_many, args=(str(path), 25, out)) for _ in range(6)]
    for p in procs:
        p.start()
    seen = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert seen == [[50]] * 6
    assert Engine(path).count() == 50
    assert (path / "thuvien-schema").read_text() == SCHEMA_VERSION


def test_an_index_of_another_schema_version_starts_empty(tmp_path):
    path = tmp_path / "index"
    Engine(path).rebuild([_doc(1)])
    (path / "thuvien-schema").write_text("0")
    assert Engine(path).count() == 0
    assert (path / "thuvien-schema").read_text() == SCHEMA_VERSION
