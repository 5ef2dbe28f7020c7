"""``thuvien reindex`` with the Python work spread over worker processes.

Why: building and analysing a document is ~0.13 ms of Python per record and the GIL keeps it
on one core, so a million records took ~140 s of one core while tantivy's indexer waited.
Worker processes (forked, each with its own database connection) read id ranges, build the
documents, analyse them (``engine().prepare``: for tantivy the analysed fields as JSON texts)
and send them to the main process, which hands them to the single index writer (tantivy's
``add_json`` parses them in Rust, outside the GIL's Python work). Title word counts for
"did you mean" are counted in the workers too. Chunks come back in id order, at most two
per worker in flight.

The outbox drain uses the same builders for a large batch (an import's): ``analysed_ids_stream``
hands them chunks of record ids instead of id ranges.

Forking needs committed data and a database the children can open: below ``MIN_PARALLEL``
records (tests, small libraries) the serial path is used.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, connections

from thuvien.catalog.models import Record
from thuvien.core.forking import signals_default

from .documents import LibraryFacts, documents_after, documents_for
from .engine import engine

MIN_PARALLEL = 50_000
RANGE = 5_000  # records per task: small enough to keep both workers busy to the end
DRAIN_MIN_PARALLEL = 20_000  # a drain batch this large pays for forking its builders

_FACTS: LibraryFacts | None = None


def default_workers() -> int:
    """Builder processes for this machine: two on two cores, more (up to six) beside them.

    Measured on 2 loaded cores (100,000 records): serial 0.287 ms CPU a record, 42 s wall; two
    workers 0.268-0.276 ms, 34-37 s. The builders used to send field dicts that the main
    process unpickled and turned into documents (~70 us a record, 45-48 s CPU for 175,000
    against 38.5 s serial); they now send JSON texts that tantivy parses in Rust, so the main
    process does little more than feed the writer and both cores share the Python work.
    """
    cores = os.cpu_count() or 1
    return 1 if cores < 2 else max(2, min(cores - 2, 6))


def id_ranges(step: int | None = None) -> list[tuple[int, int]]:
    """(after, upto) id ranges of about ``step`` live records each, in id order.

    Plain SQL on ``is_deleted = false``, which the is_deleted index covers (ids included):
    the ORM's ``NOT is_deleted`` read every row of the table, 3 s at a million records
    before any builder could start, against 0.9 s.
    """
    step = step or RANGE
    qn = connection.ops.quote_name
    sql = (
        f"SELECT {qn('id')} FROM {qn(Record._meta.db_table)} "  # noqa: S608 - names from meta
        f"WHERE {qn('is_deleted')} = %s ORDER BY {qn('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [False])
        ids = [row[0] for row in cursor.fetchall()]
    bounds = [0, *ids[step - 1 :: step]]
    if ids and bounds[-1] != ids[-1]:
        bounds.append(ids[-1])
    return list(zip(bounds, bounds[1:], strict=False))


def build_range(bounds: tuple[int, int]) -> tuple[list[str], Counter[str]]:
    """Worker task: the analysed fields of the live records in ``(after, upto]`` as JSON texts
    (``IndexWriter.add_json``), and the word counts of their titles.

    JSON text, not field dicts: a list of strings pickles at memcpy speed and tantivy parses
    it in Rust, where unpickling dicts and ``Document.from_dict`` cost the main process about
    70 us a record, as much as the analysis the workers took off it.
    """
    global _FACTS  # noqa: PLW0603 - one per worker process, the library table is small
    if _FACTS is None:
        _FACTS = LibraryFacts()
    after, upto = bounds
    docs, _last = documents_after(after, chunk=upto - after + 1, facts=_FACTS, upto=upto)
    return _encoded(docs)


def build_ids(ids: list[int]) -> tuple[list[str], Counter[str]]:
    """Worker task of a drain: ``build_range`` for the live records among ``ids`` (the others
    are deleted from the index by the writer, which deletes every id of its batch first)."""
    docs, _gone = documents_for(ids)
    return _encoded(docs)


def _encoded(docs: list[dict[str, Any]]) -> tuple[list[str], Counter[str]]:
    """The JSON texts of the analysed fields of ``docs`` and the word counts of their titles.

    The titles' tokens (joined by spaces) are counted in one ``Counter`` call per chunk.
    """
    prepare = engine().prepare
    out, titles = [], []
    for doc in docs:
        payload, title_words = prepare(doc)
        titles.append(title_words)
        out.append(payload)
    text = " ".join(t for t in titles if t)
    return out, Counter(text.split(" ") if text else ())


def _pool(workers: int) -> Any:
    # Children must not share the parent's connections: close them; each child opens its own.
    connections.close_all()
    return multiprocessing.get_context("fork").Pool(workers, initializer=_builder_started)


def _builder_started() -> None:
    """A builder makes no reference cycles (refcounting frees its documents): without the
    cyclic collector, which kept walking the objects inherited from the parent, analysis
    costs about half as much. A rebuild forks with the collector already off; a drain did not.

    It also gives SIGTERM and SIGINT their defaults back: forked from ``thuvien worker`` it
    inherited the Huey consumer's handlers, which only set a flag, while ``Pool.terminate``
    holds the task queue's lock and counts on SIGTERM to end the builders waiting for it; the
    worker's first large drain then waited for them forever.
    """
    signals_default()
    gc.freeze()
    gc.disable()


def analysed_stream(
    ranges: list[tuple[int, int]],
    *,
    workers: int,
    on_words: Callable[[Counter[str]], None],
    progress: Callable[[int], None] | None = None,
    pool_factory: Callable[[int], Any] | None = None,
    progress_every: int = 100_000,
) -> Iterator[str]:
    """JSON texts of the analysed fields of every range, in id order, built by ``workers``
    processes."""
    global _FACTS  # noqa: PLW0603 - see build_range
    _FACTS = None  # read anew by every rebuild's builders: libraries change between rebuilds
    yield from _stream(build_range, ranges, workers=workers, on_words=on_words,
                       progress=progress, pool_factory=pool_factory,
                       progress_every=progress_every)  # fmt: skip


def analysed_ids_stream(
    ids: list[int],
    *,
    workers: int,
    on_words: Callable[[Counter[str]], None],
    pool_factory: Callable[[int], Any] | None = None,
) -> Iterator[str]:
    """JSON texts of the live records among ``ids`` (an outbox batch), built by ``workers``
    processes in chunks of ``RANGE`` ids."""
    chunks = [ids[i : i + RANGE] for i in range(0, len(ids), RANGE)]
    yield from _stream(build_ids, chunks, workers=workers, on_words=on_words,
                       pool_factory=pool_factory)  # fmt: skip


def _stream(
    task: Callable[[Any], tuple[list[str], Counter[str]]],
    args: list[Any],
    *,
    workers: int,
    on_words: Callable[[Counter[str]], None],
    progress: Callable[[int], None] | None = None,
    pool_factory: Callable[[int], Any] | None = None,
    progress_every: int = 100_000,
) -> Iterator[str]:
    """The texts of ``task`` over ``args``, in order, from a pool of ``workers`` processes."""
    pool = (pool_factory or _pool)(workers)
    count = 0
    try:
        for fields, words in _ordered_window(pool, task, args, window=2 * workers):
            on_words(words)
            for f in fields:
                count += 1
                if progress and count % progress_every == 0:
                    progress(count)
                yield f
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _ordered_window(pool: Any, task: Callable, args: list[Any], *, window: int) -> Iterator[Any]:
    """``task`` of every item of ``args``, in order, with at most ``window`` tasks in flight.

    ``Pool.imap`` hands out every task at once: when tantivy's indexer is the slower side the
    finished ranges pile up in this process (a few GB at a million records); a window keeps
    memory flat and the workers busy.
    """
    pending: deque[Any] = deque()
    todo = iter(args)
    for arg in islice(todo, window):
        pending.append(pool.apply_async(task, (arg,)))
    while pending:
        result = pending.popleft().get()
        for arg in islice(todo, 1):
            pending.append(pool.apply_async(task, (arg,)))
        yield result
