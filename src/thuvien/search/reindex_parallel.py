"""``thuvien reindex`` with the Python work spread over worker processes.

Why: building and analysing a document is ~0.13 ms of Python per record and the GIL keeps it
on one core, so a million records took ~140 s of one core while tantivy's indexer waited.
Worker processes (forked, each with its own database connection) read id ranges, build the
documents and analyse them into plain field dicts (``engine.tantivy_fields``); the main process
only turns those into tantivy documents and feeds the single index writer. Title word counts
for "did you mean" are counted in the workers too. Chunks come back in id order.

Forking needs committed data and a database the children can open: below ``MIN_PARALLEL``
records (tests, small libraries) the serial path is used.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connections

from thuvien.catalog.models import Record

from . import analysis as va
from .documents import LibraryFacts, documents_after
from .engine import tantivy_fields

MIN_PARALLEL = 50_000
RANGE = 5_000  # records per task: small enough to keep both workers busy to the end

_FACTS: LibraryFacts | None = None


def default_workers() -> int:
    """Builders per core count: none (serial) below four cores.

    Measured on 2 loaded cores (175,000 records): serial 38.5 s CPU / 41-43 s wall, two workers
    45-48 s CPU / 58-86 s wall — pickling the fields costs ~0.04 ms a record and two cores
    have no spare one for the builders. With four cores and more the builders run beside
    tantivy's indexer and the feeder instead of taking turns with them.
    """
    cores = os.cpu_count() or 1
    return 1 if cores < 4 else min(cores - 2, 6)


def id_ranges(step: int | None = None) -> list[tuple[int, int]]:
    """(after, upto) id ranges of about ``step`` live records each, in id order."""
    step = step or RANGE
    ids = list(Record.objects.filter(is_deleted=False).order_by("id").values_list("id", flat=True))
    bounds = [0, *ids[step - 1 :: step]]
    if ids and bounds[-1] != ids[-1]:
        bounds.append(ids[-1])
    return list(zip(bounds, bounds[1:], strict=False))


def build_range(bounds: tuple[int, int]) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Worker task: analysed fields of the live records in ``(after, upto]`` and the word
    counts of their titles."""
    global _FACTS  # noqa: PLW0603 - one per worker process, the library table is small
    if _FACTS is None:
        _FACTS = LibraryFacts()
    after, upto = bounds
    docs, _last = documents_after(after, chunk=upto - after + 1, facts=_FACTS, upto=upto)
    words: Counter[str] = Counter()
    for doc in docs:
        words.update(va.tokens(doc["title"]))
    return [tantivy_fields(doc) for doc in docs], words


def _pool(workers: int) -> Any:
    # Children must not share the parent's connections: close them; each child opens its own.
    connections.close_all()
    return multiprocessing.get_context("fork").Pool(workers)


def analysed_stream(
    ranges: list[tuple[int, int]],
    *,
    workers: int,
    on_words: Callable[[Counter[str]], None],
    progress: Callable[[int], None] | None = None,
    pool_factory: Callable[[int], Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Analysed field dicts of every range, in id order, built by ``workers`` processes."""
    pool = (pool_factory or _pool)(workers)
    count = 0
    try:
        for fields, words in pool.imap(build_range, ranges, chunksize=1):
            on_words(words)
            for f in fields:
                count += 1
                if progress and count % 100_000 == 0:
                    progress(count)
                yield f
        pool.close()
    finally:
        pool.terminate()
        pool.join()
