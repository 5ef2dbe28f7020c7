"""The CPU half of an import: read, parse, extract and serialise records, batch by batch.

``prepare_batch`` is pure (no database): it turns read records into ``Prepared`` rows (MARC-in-
JSON text, extracted columns, identifiers, match lookups, holdings) and ``issues``. For a large
file ``iter_prepared`` runs it in child processes that read the file ahead (two for ISO 2709,
each parsing every other batch; one for XML and JSON), so parsing overlaps with matching and
writing in this process: on two cores that more than doubles an import's throughput. Each queue
holds a few batches, so memory stays flat.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import multiprocessing
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from thuvien.core.forking import signals_default

from ..marc.extract import extract
from ..marc.normalize import marc_strip_controls
from ..marc.reader import (
    MARC8ToUnicode,
    ReadItem,
    RecordError,
    detect_format,
    iter_iso2709_chunks,
    parse_iso2709,
    read_file,
)
from .match_key import key_lookup
from .rawinsert import ExtractedRow, dumps_utf8, extracted_row

# What a control character that XML 1.0 forbids looks like in the stored MARC-in-JSON text
# (orjson writes them as \u00XX, \b or \f; U+FFFE/U+FFFF as raw UTF-8): a cheap test on the
# bytes decides whether a record needs the field-by-field clean-up.
_MAY_HAVE_CONTROLS = re.compile(rb"\\u00[01]|\\[bf]|\\ud[89a-f]|\xef\xbf[\xbe\xbf]", re.I)
PARALLEL_MIN_BYTES = 4 << 20
READERS = 2  # reader processes for ISO 2709; with the writer that keeps two cores busy
_QUEUE_BATCHES = 4
_HOLDINGS = "biểu ghi vốn tư liệu"
_NOT_BIBLIOGRAPHIC = {"z": "biểu ghi chuẩn", "u": _HOLDINGS, "v": _HOLDINGS, "x": _HOLDINGS,
                      "y": _HOLDINGS, "q": "biểu ghi thông tin cộng đồng"}  # fmt: skip


@dataclass(slots=True)
class Prepared:
    position: int
    marc_json: bytes  # the MARC-in-JSON text as stored, in UTF-8 (its ``sha`` hashes these bytes)
    row: ExtractedRow  # the extracted columns (``rawinsert.extracted_row``)
    identifiers: list[tuple[str, str]]
    lookups: dict[str, list[str]]
    items: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class PreparedBatch:
    read: int
    records: list[Prepared]
    issues: list[tuple[int, str, str]]  # (position, reason, level)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as plain tuples: a slotted dataclass pickles through Python-level
        ``__getstate__``/``__setstate__`` (19.4 -> 12.2 us a record for both ends)."""
        rows = [
            (r.position, r.marc_json, r.row, r.identifiers, r.lookups, r.items)
            for r in self.records
        ]  # fmt: skip
        return (_batch_from_rows, (self.read, rows, self.issues))


def _batch_from_rows(
    read: int, rows: list[tuple[Any, ...]], issues: list[tuple[int, str, str]]
) -> PreparedBatch:
    """``PreparedBatch.__reduce__`` the other way: the batch rebuilt in the writer."""
    return PreparedBatch(read, [Prepared(*fields) for fields in rows], issues)


# An import allocates millions of small dicts and lists that hold no reference cycles (refcounting
# frees them), yet with the default thresholds (700, 10, 10) the cyclic collector runs every 700
# allocations and regularly walks every object of the process, Django's included: that was a
# third of a reader process's CPU and two thirds of unpickling a batch in the writer.
_GC_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def gc_relaxed() -> Iterator[None]:
    """Run the block with a rarely running cyclic garbage collector, then restore it.

    What the process holds when the block starts (Django, the app, the caches) is also kept
    out of the collector's walks until the block ends (``gc.freeze``): the writer's full
    collections walked all of it again and again, 5 us a record of the writer at 1M records
    (tail of a 1M import, 117 -> 110 us). A process that froze objects itself (a forked
    child) is left as it is, since unfreezing would give the collector back its objects too.
    """
    old = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if freeze:
            gc.unfreeze()


def content_hash(marc_json: bytes) -> str:
    """The ``sha`` identifier: a hash of the record's MARC-in-JSON text as stored (UTF-8)."""
    return hashlib.blake2b(marc_json, digest_size=16).hexdigest()


def prepare_batch(
    items: Iterable[ReadItem], rules: tuple[str, ...], want_items: bool
) -> PreparedBatch:
    """Extract, serialise and hash ``items`` (read lazily, one at a time: see ``_iso_share``)."""
    from thuvien.holdings.marc_items import items_from_marc

    records: list[Prepared] = []
    issues: list[tuple[int, str, str]] = []
    read = 0
    for item in items:
        read += 1
        if item.marc is None:
            issues.append((item.position, item.error, "error"))
            continue
        kind = _NOT_BIBLIOGRAPHIC.get(item.marc["leader"][6:7])
        if kind:
            reason = gettext("Bỏ qua: đây là %(kind)s, không phải biểu ghi thư mục.")
            issues.append((item.position, reason % {"kind": kind}, "error"))
            continue
        marc_json = dumps_utf8(item.marc)
        if _MAY_HAVE_CONTROLS.search(marc_json):
            removed = marc_strip_controls(item.marc)
            if removed:
                marc_json = dumps_utf8(item.marc)
                issues.append((item.position, gettext(
                    "Đã bỏ ký tự điều khiển không hợp lệ trong trường %(tags)s."
                ) % {"tags": ", ".join(removed)}, "warning"))  # fmt: skip
        try:
            extracted = extract(item.marc)
        except Exception as exc:  # noqa: BLE001 - one odd record must not stop the file
            issues.append((item.position, gettext("Không trích xuất được dữ liệu: %(e)s")
                           % {"e": type(exc).__name__}, "error"))  # fmt: skip
            continue
        if not extracted.values["title"]:
            issues.append((item.position, gettext("Biểu ghi không có nhan đề (245)."), "warning"))
        sha = content_hash(marc_json)
        lookups: dict[str, list[str]] = {"sha": [sha]}
        for kind_, value in extracted.identifiers:
            if (kind_ if kind_ != "issn" else "isbn") in rules:
                lookups.setdefault(kind_, []).append(value)
        if "key" in rules:
            lookups["key"] = [key_lookup(extracted.values)]
        records.append(
            Prepared(
                position=item.position,
                marc_json=marc_json,
                row=extracted_row(extracted.values),
                identifiers=[("sha", sha), *extracted.identifiers],
                lookups=lookups,
                items=items_from_marc(item.marc) if want_items else [],
            )
        )
    return PreparedBatch(read=read, records=records, issues=issues)


def _batches(path: Path, fmt: str | None, size: int) -> Iterator[Iterator[ReadItem]]:
    """Batches of ``size`` records of ``path``, each read as it is consumed (``_iso_share``
    says why); a batch must be used up before the next is asked for."""
    items = read_file(path, fmt)
    for first in items:
        yield itertools.chain((first,), itertools.islice(items, size - 1))


def _inline(
    path: Path, fmt: str | None, rules: tuple[str, ...], want_items: bool, size: int
) -> Iterator[PreparedBatch]:
    for batch in _batches(path, fmt, size):
        yield prepare_batch(batch, rules, want_items)


def _iso_share(path: Path, size: int, worker: int, workers: int) -> Iterator[Iterator[ReadItem]]:
    """Every ``workers``-th batch of an ISO 2709 file, starting at batch ``worker``: all
    readers split the file on record terminators (cheap), each parses only its own batches.

    A batch is parsed one record at a time as ``prepare_batch`` takes it, so each record is
    extracted and serialised while its freshly built dict is still in the CPU's cache:
    parsing all 2,000 first and preparing them afterwards cost 123 against 88 us a record
    (the parsed batch, ~10 MB of small objects, no longer fits the cache)."""
    marc8 = MARC8ToUnicode(quiet=True)
    mine: list[tuple[int, bytes]] = []
    position = 0
    with open(path, "rb") as handle:
        for chunk in iter_iso2709_chunks(handle):
            if (position // size) % workers == worker:
                mine.append((position + 1, chunk))
            position += 1
            if position % size == 0 and mine:
                yield (_parse(pos, raw, marc8) for pos, raw in mine)
                mine = []
    if mine:
        yield (_parse(pos, raw, marc8) for pos, raw in mine)


def _parse(position: int, raw: bytes, marc8: MARC8ToUnicode) -> ReadItem:
    try:
        return ReadItem(position, parse_iso2709(raw, marc8=marc8))
    except RecordError as exc:
        return ReadItem(position, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - a broken record must not stop the file
        return ReadItem(position, None, f"Không đọc được biểu ghi ({type(exc).__name__}).")


def _child(queue: Any, path: Path, fmt: str | None, rules: tuple[str, ...], want_items: bool,
           size: int, worker: int, workers: int) -> None:  # fmt: skip
    # SIGTERM must end a reader (the import stops it so when the writer fails), also when the
    # import runs in ``thuvien worker``, whose Huey handlers the fork inherited
    signals_default()
    # a forked reader never frees what it inherited: keep the collector off those objects
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        if workers > 1:
            for batch in _iso_share(path, size, worker, workers):
                queue.put(("batch", prepare_batch(batch, rules, want_items)))
        else:
            for prepared in _inline(path, fmt, rules, want_items, size):
                queue.put(("batch", prepared))
        queue.put(("end", None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


class _Prefix:
    """The prepared batches of the first ``limit`` records of a file (read in this process);
    ``truncated`` tells, once consumed, whether the file had more."""

    def __init__(self, path: Path, fmt: str | None, rules: tuple[str, ...], want_items: bool,
                 limit: int) -> None:  # fmt: skip
        self.path, self.fmt, self.rules = path, fmt, rules
        self.want_items, self.limit = want_items, limit
        self.truncated = False

    def __iter__(self) -> Iterator[PreparedBatch]:
        items = read_file(self.path, self.fmt)
        try:
            yield prepare_batch(itertools.islice(items, self.limit), self.rules, self.want_items)
            self.truncated = next(items, None) is not None
        finally:
            items.close()


def iter_prepared_prefix(
    path: Path, fmt: str | None, rules: tuple[str, ...], want_items: bool, limit: int
) -> _Prefix:
    """One prepared batch of the first ``limit`` records of ``path`` (a bounded preview)."""
    return _Prefix(path, fmt, rules, want_items, limit)


def iter_prepared(
    path: Path,
    fmt: str | None,
    rules: tuple[str, ...],
    want_items: bool,
    size: int,
    parallel: bool | None = None,
) -> Iterator[PreparedBatch]:
    """Prepared batches of ``path``; ``parallel`` None = a child process for large files."""
    if parallel is None:
        parallel = path.stat().st_size >= PARALLEL_MIN_BYTES
    if not parallel or "fork" not in multiprocessing.get_all_start_methods():
        yield from _inline(path, fmt, rules, want_items, size)
        return
    ctx = multiprocessing.get_context("fork")  # the children use no database connection
    workers = READERS if (fmt or detect_format(path)) == "iso2709" else 1
    queues = [ctx.Queue(maxsize=_QUEUE_BATCHES) for _ in range(workers)]
    children = [
        ctx.Process(
            target=_child,
            args=(queues[w], path, fmt, rules, want_items, size, w, workers),
            daemon=True,
        )  # fmt: skip
        for w in range(workers)
    ]
    for child in children:
        child.start()
    try:
        turn = 0
        while True:  # batches come back in file order: reader k holds batches k, k+n, ...
            kind, payload = queues[turn % workers].get()
            if kind == "batch":
                yield payload
                turn += 1
            elif kind == "end":
                break
            else:
                raise RuntimeError(f"import reader process failed: {payload}")
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join(timeout=5)
