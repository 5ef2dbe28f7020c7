"""The nearest-neighbour index of record vectors: usearch (HNSW) files under the data directory.

Two files, as a log-structured store keeps them: ``main`` is rebuilt from the database now and
then, ``delta`` takes the vectors embedded since and is rewritten after each batch (small, so
a write costs milliseconds even when ``main`` holds a million vectors). A search asks both; a
record in both is scored by its newer vector (delta). The worker is the only writer; a web
process maps the files read-only (``view``) and maps them again when their modification time
changes, as the search engine's readers reload on ``meta.json``.

A record that was deleted or hidden since may still sit in a file: every caller passes the
candidates through the search engine with the reader's scope (``SearchRequest.record_ids``),
which drops what the reader may not see.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from django.conf import settings
from usearch.index import Index

from .embedding import DIM

# "records": one vector a catalogue record; "passages": one a passage of a digitised text
KINDS = ("records", "passages")


def _files(kind: str) -> tuple[str, str]:
    assert kind in KINDS
    return f"{kind}-main.usearch", f"{kind}-delta.usearch"


_lock = threading.Lock()
_views: dict[str, tuple[float, Index]] = {}


def vector_dir() -> Path:
    path = Path(settings.AI_VECTOR_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _new_index() -> Index:
    return Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)


def _viewed(name: str) -> Index | None:
    """The file mapped read-only, mapped again when the worker replaced it."""
    path = vector_dir() / name
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        _views.pop(name, None)
        return None
    with _lock:
        held = _views.get(name)
        if held is None or held[0] != mtime:
            index = _new_index()
            index.view(str(path))
            _views[name] = (mtime, index)
            held = _views[name]
    return held[1]


def _write(index: Index, name: str) -> None:
    """Save beside the live file, then rename over it (readers never see half a file)."""
    path = vector_dir() / name
    tmp = path.with_suffix(".tmp")
    index.save(str(tmp))
    os.replace(tmp, path)


def nearest(vector: np.ndarray, k: int, *, kind: str = "records") -> list[tuple[int, float]]:
    """Up to ``k`` (record or passage id, cosine similarity), most similar first, from both
    files."""
    best: dict[int, float] = {}
    for name in _files(kind):
        index = _viewed(name)
        if index is None or len(index) == 0:
            continue
        found = index.search(vector, min(k, len(index)))
        for key, distance in zip(found.keys.tolist(), found.distances.tolist(), strict=False):
            best[int(key)] = 1.0 - float(distance)  # delta comes second: a newer vector wins
    return sorted(best.items(), key=lambda kv: -kv[1])[:k]


def vector_of(record_id: int, *, kind: str = "records") -> np.ndarray | None:
    """The stored vector of one record (``more like this`` starts from it)."""
    for name in reversed(_files(kind)):
        index = _viewed(name)
        if index is not None and record_id in index:
            return np.asarray(index.get(record_id), dtype=np.float32)
    return None


_background: dict[tuple[object, ...], np.ndarray] = {}
BACKGROUND = 256  # vectors of random records a query is compared with


def _mtimes(kind: str) -> tuple[float, ...]:
    out = []
    for name in _files(kind):
        try:
            out.append((vector_dir() / name).stat().st_mtime)
        except FileNotFoundError:
            out.append(0.0)
    return tuple(out)


def background(n: int = BACKGROUND, *, kind: str = "records") -> np.ndarray:
    """Vectors of up to ``n`` records drawn at random (fixed seed) from both files.

    A query's similarity to them is its background: what an unrelated record scores against
    this query. e5 gives every pair of Vietnamese texts a cosine of 0.7 to 0.85, and the level
    moves with the query, so "near" is only meaningful against that background.
    """
    key = (kind, *_mtimes(kind))
    with _lock:
        held = _background.get(key)
    if held is not None:
        return held
    keys: list[np.ndarray] = []
    for name in _files(kind):
        index = _viewed(name)
        if index is not None and len(index):
            keys.append(np.asarray(index.keys, dtype=np.uint64))
    sample = np.zeros((0, DIM), dtype=np.float32)
    if keys:
        every = np.unique(np.concatenate(keys))
        rng = np.random.default_rng(7)
        picked = rng.choice(every, size=min(n, len(every)), replace=False)
        rows = [vector_of(int(k), kind=kind) for k in picked]
        kept = [r for r in rows if r is not None]
        if kept:
            sample = np.stack(kept).astype(np.float32)
    with _lock:
        for old in [k for k in _background if k[0] == kind]:
            del _background[old]
        _background[key] = sample
    return sample


def delta_add(ids: list[int], vectors: np.ndarray, *, kind: str = "records") -> int:
    """Add freshly embedded vectors to the delta file; return its size."""
    delta = _files(kind)[1]
    path = vector_dir() / delta
    index = _new_index()
    if path.exists():
        index.load(str(path))
    keys = np.asarray(ids, dtype=np.uint64)
    present = [k for k in ids if k in index]
    if present:
        index.remove(present)
    index.add(keys, vectors.astype(np.float32))
    _write(index, delta)
    return len(index)


def main_size(*, kind: str = "records") -> int:
    index = _viewed(_files(kind)[0])
    return len(index) if index is not None else 0


def delta_size(*, kind: str = "records") -> int:
    index = _viewed(_files(kind)[1])
    return len(index) if index is not None else 0


def rebuild(pairs: Iterable[tuple[list[int], np.ndarray]], *, kind: str = "records") -> int:
    """Write ``main`` from every stored vector and empty ``delta``; return how many."""
    index = _new_index()
    for ids, vectors in pairs:
        if ids:
            index.add(np.asarray(ids, dtype=np.uint64), vectors.astype(np.float32))
    main, delta = _files(kind)
    _write(index, main)
    (vector_dir() / delta).unlink(missing_ok=True)
    return len(index)


def clear() -> None:
    for kind in KINDS:
        for name in _files(kind):
            (vector_dir() / name).unlink(missing_ok=True)
    _views.clear()
    _background.clear()
