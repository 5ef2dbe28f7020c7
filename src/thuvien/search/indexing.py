"""Feeding the index: the outbox handler (the worker) and the full rebuild (``reindex``).

A service that changes a record or its items calls ``outbox_add("catalog.record", ids)`` in its
transaction; ``outbox_drain`` hands the ids here and deletes the outbox rows only after this
returned. A worker killed in between leaves the rows, and the next drain indexes them: nothing
is lost between a commit and the index. Updating a document twice is harmless.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings

from .documents import documents_for, iter_documents
from .engine import engine
from .fulltext import reindex_pages
from .suggest import Vocabulary, load_vocabulary

log = logging.getLogger(__name__)
TOPIC = "catalog.record"


def index_records(record_ids: list[int]) -> int:
    """Outbox handler: re-read these records and their items; update or delete their documents.

    A large batch (an import's) is built and analysed by forked builder processes, as in a
    rebuild, while this process stays the one writer; a small one (an edit) in this process.
    """
    from . import reindex_parallel as rp

    ids = sorted(set(record_ids))
    if len(ids) >= rp.DRAIN_MIN_PARALLEL and rp.default_workers() > 1:
        counts: Counter[str] = Counter()
        texts = rp.analysed_ids_stream(ids, workers=rp.default_workers(), on_words=counts.update)
        written = engine().write(upserts=texts, delete_ids=ids, analysed=True)
        _vocabulary_add(lambda vocab: vocab.add_counts(counts))
        log.info("search: %d documents written, %d removed", written, len(ids) - written)
        return written
    docs, deleted = documents_for(ids)
    written = engine().write(upserts=docs, delete_ids=deleted)
    if docs:
        _vocabulary_add(lambda vocab: vocab.add_titles(d["title"] for d in docs))
    log.info("search: %d documents written, %d removed", written, len(deleted))
    return written


def _vocabulary_add(add: Callable[[Vocabulary], None]) -> None:
    """Add the words of newly written titles to "did you mean" (read, add, save)."""
    directory = settings.SEARCH_INDEX_DIR
    vocab = Vocabulary(dict(load_vocabulary(directory).forms))
    add(vocab)
    vocab.save(directory)


def reindex_all(
    *,
    threads: int = 0,
    workers: int = 0,
    progress: Any = None,
    min_parallel: int | None = None,
    progress_every: int = 100_000,
) -> dict[str, float]:
    """Rebuild the whole index from the database (records, then the pages of digital
    objects: ``search.fulltext``); returns counts and seconds.

    ``progress(n)`` is called every ``progress_every`` documents (a bar asks for more often).

    ``workers`` processes build the documents when there are at least ``min_parallel``
    records (``reindex_parallel``); 0 = one per core, 1 = everything in this process.
    """
    from . import reindex_parallel as rp

    started = time.perf_counter()
    vocab = Vocabulary()
    workers = workers or rp.default_workers()
    threshold = rp.MIN_PARALLEL if min_parallel is None else min_parallel
    ranges = rp.id_ranges() if workers > 1 else []
    if workers > 1 and len(ranges) * rp.RANGE >= threshold and ranges:
        stream = rp.analysed_stream(
            ranges,
            workers=workers,
            on_words=vocab.add_counts,
            progress=progress,
            progress_every=progress_every,
        )
        count = engine().rebuild(stream, threads=threads, analysed=True)
        vocab.save(settings.SEARCH_INDEX_DIR)
        pages = reindex_pages()
        return {"documents": count, "pages": pages, "seconds": time.perf_counter() - started}
    titles: list[str] = []

    def stream_docs() -> Iterator[dict[str, Any]]:
        for n, doc in enumerate(iter_documents(), 1):
            titles.append(doc["title"])
            if len(titles) >= 50_000:
                vocab.add_titles(titles)
                titles.clear()
            if progress and n % progress_every == 0:
                progress(n)
            yield doc

    count = engine().rebuild(stream_docs(), threads=threads)
    vocab.add_titles(titles)
    vocab.save(settings.SEARCH_INDEX_DIR)
    pages = reindex_pages()
    return {"documents": count, "pages": pages, "seconds": time.perf_counter() - started}
