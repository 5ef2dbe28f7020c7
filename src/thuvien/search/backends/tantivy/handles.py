"""What every tantivy index directory of ours needs, whichever documents it holds (the records'
index and the pages' index): a searcher that sees the latest commit of any process, and a
writer that waits for another process's (reindex against the worker) to finish."""

from __future__ import annotations

import os
import time
from pathlib import Path

import tantivy

WRITER_WAIT_SECONDS = 120


def reloaded_searcher(
    index: tantivy.Index, path: Path, seen_mtime: float
) -> tuple[tantivy.Searcher, float]:
    """A searcher on the latest commit, and the commit's ``meta.json`` time to remember: the
    index is reloaded only when that time moved since ``seen_mtime``."""
    try:
        mtime = os.stat(path / "meta.json").st_mtime
    except FileNotFoundError:
        mtime = 0.0
    if mtime != seen_mtime:
        index.reload()
    return index.searcher(), mtime


def writer_when_free(index: tantivy.Index, *, heap: int, threads: int) -> tantivy.IndexWriter:
    """The index's writer, waiting up to two minutes while another process holds its lock."""
    deadline = time.monotonic() + WRITER_WAIT_SECONDS
    while True:
        try:
            return index.writer(heap_size=heap, num_threads=threads)
        except ValueError:  # another process holds the lock
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
