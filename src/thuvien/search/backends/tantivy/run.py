"""Running one search on tantivy: hits, work clusters, facet counts, availability count."""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import tantivy
from django.conf import settings

from thuvien.search.engine import (
    FACET_SIZES,
    MAX_WINDOW,
    Hit,
    SearchRequest,
    SearchResponse,
)

from . import facet_key
from .compile import available_query, hidden_query, visibility_query
from .schema import ORDERS, SAMPLE_LEVELS, facet_hash

if TYPE_CHECKING:
    from .index import TantivyBackend as Engine

UNION_DEPTH = 200  # pages up to this raw position may be ranked through the term union
UNION_MAX_DEPTH = 1_000  # union records read at most before the real query takes over
# totals above this are estimated (settings.SEARCH_EXACT_TOTAL); see _estimate
EXACT_TOTAL: int = settings.SEARCH_EXACT_TOTAL
# a broad word search is ranked through its term union (block-max WAND) from this many hits:
# below it the union's records miss a word too often to win (measured on a million records)
UNION_MIN_TOTAL = 100_000
_CHECK = 24  # union records checked against the real query at a time
# above this many hits, facets are counted on a slice and scaled (settings.SEARCH_FACET_SAMPLE)
SAMPLE_TARGET: int = settings.SEARCH_FACET_SAMPLE
_LABELS: dict[tuple[str, int], str] = {}  # heading hash -> heading (a hash never changes)
SMALL_CLUSTER = 4  # works with up to this many records: libraries read from their documents


# fkey holds the five small facets (facet_key): one bucket per distinct combination, at most
# one per counted record; facets are counted on up to about SAMPLE_TARGET records.
_FKEY_BUCKETS = 20_000
_TIERED_BUCKETS = 65_000
# many values each: a terms aggregation of their own
_SEPARATE = ("lib", "grp", "subj", "auth", "place", "person")


def _agg_spec(req: SearchRequest) -> dict[str, Any]:
    spec: dict[str, Any] = {
        name: {"terms": {"field": name, "size": FACET_SIZES[name]}} for name in _SEPARATE
    }
    spec["fkey"] = {"terms": {"field": "fkey", "size": _FKEY_BUCKETS}}
    # Availability inside one library: the count the page shows, in the same pass; none when
    # the reader already asked for available copies (the total is the count). Anywhere in the
    # network is a bit of fkey; several libraries take a separate count.
    if req.visible_to is None or any(t != "pub" for t in req.visible_to):
        # values seen by some viewers only (documents.tiered_facets): a sparse column
        spec["vfc"] = {"terms": {"field": "vfc", "size": _TIERED_BUCKETS}}
    libs = _availability_libraries(req)
    if not req.available and libs is not None and len(libs) == 1:
        spec["avail"] = {"terms": {"field": "avail", "size": FACET_SIZES["lib"]}}
    return spec


def _availability_libraries(req: SearchRequest) -> list | None:
    """The libraries whose shelves the availability count looks at (None: anywhere)."""
    return req.filters.get("lib") or req.library_ids


def _sample_level(total: float) -> int:
    """The sample level facets are counted on for ``total`` hits (0: every hit)."""
    if total <= SAMPLE_TARGET:
        return 0
    return min(SAMPLE_LEVELS, math.ceil(math.log2(total / SAMPLE_TARGET)))


def _sampled(engine: Engine, query: tantivy.Query, level: int) -> tuple[tantivy.Query, float]:
    """For a broad query, facets are counted on a fixed sample of the index and scaled up.

    Counting 300,000 matching records over ten aggregations costs tens of milliseconds;
    counting the records of one sample level (one in 2**k, k chosen so that about
    ``SAMPLE_TARGET`` remain) keeps every query fast, and the counts are marked approximate.
    Narrower result sets (a commune library's search, most real queries) are counted exactly.
    """
    if level <= 0:
        return query, 1.0
    sample = tantivy.Query.term_query(engine.schema, "sample", level)
    sliced = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.Must, sample)]
    )
    return sliced, float(1 << level)


def _facets(
    engine: Engine,
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    req: SearchRequest,
    scale: float,
    *,
    counted: bool = False,
) -> dict[str, list[tuple[str, int]]]:
    """Facet buckets by name; ``counted`` adds ``_n``: [("", records counted)]."""
    spec = _agg_spec(req)
    if counted:
        spec["_n"] = _COUNT["n"]
    raw = searcher.aggregate(query, spec)
    records = raw.pop("_n", None)
    tiered = raw.pop("vfc", {}).get("buckets", [])
    packed = raw.pop("fkey", {}).get("buckets", [])
    out = facet_key.decode_counts(
        ((b["key"], b.get("doc_count", 0)) for b in packed), scale, FACET_SIZES
    )
    # not a facet: the availability count inside one library is made of it
    out["_avail"] = [
        (str(b["key"]), int(round(b.get("doc_count", 0) * scale)))
        for b in raw.pop("avail", {}).get("buckets", [])
    ]
    scope = {int(i) for i in req.library_ids} if req.library_ids is not None else None
    if req.visible_libraries is not None:  # a library the reader may not see counts nothing
        seen = {int(i) for i in req.visible_libraries}
        scope = seen if scope is None else scope & seen
    for name, result in raw.items():
        buckets = []
        for b in result.get("buckets", []):
            if not b.get("doc_count"):
                continue
            key = b["key"]
            if isinstance(key, float) and key.is_integer():  # u64 keys come back as floats
                key = int(key)
            if name == "lib" and scope is not None and int(key) not in scope:
                continue  # another library's holdings are not counted inside a scope
            buckets.append((key, int(round(b["doc_count"] * scale))))
        if name in ("subj", "auth", "place", "person"):
            buckets = _heading_labels(engine, searcher, name, buckets)
        out[name] = [(str(k), n) for k, n in buckets]
    if tiered:
        _add_tiered(out, tiered, req, scale)
    if records is not None:
        out["_n"] = [("", int(records.get("value") or 0))]
    return out


def _add_tiered(
    out: dict[str, list[tuple[str, int]]], buckets: list[dict], req: SearchRequest, scale: float
) -> None:
    """Add the library, type and group values the viewer sees through his other tokens
    (``kind|tokens|value``, one per record and value: a record counts once)."""
    tokens = set(req.visible_to) if req.visible_to is not None else None
    scope = {str(i) for i in req.library_ids} if req.library_ids is not None else None
    extra: dict[str, dict[str, int]] = {}
    for b in buckets:
        count = b.get("doc_count", 0)
        name, through, value = str(b["key"]).split("|", 2)
        if not count or (tokens is not None and tokens.isdisjoint(through.split("+"))):
            continue
        if name == "lib" and scope is not None and value not in scope:
            continue
        per = extra.setdefault(name, {})
        per[value] = per.get(value, 0) + int(round(count * scale))
    for name, values in extra.items():
        merged = dict(out.get(name, []))
        for value, count in values.items():
            merged[value] = merged.get(value, 0) + count
        rows = sorted(merged.items(), key=lambda r: (-r[1], r[0]))
        out[name] = rows[: FACET_SIZES[name]]


def _heading_labels(
    engine: Engine, searcher: tantivy.Searcher, name: str, buckets: list[tuple[Any, int]]
) -> list[tuple[str, int]]:
    """Turn hashed subject/author buckets back into their headings (one tiny search each)."""
    out = []
    for key, count in buckets:
        label = _LABELS.get((name, int(key)))
        if label is not None:
            out.append((label, count))
            continue
        res = searcher.search(
            tantivy.Query.term_query(engine.schema, name, int(key)), limit=1, count=False
        )
        for _score, addr in res.hits:
            for text in searcher.doc(addr).to_dict().get(f"{name}_s", []):
                if facet_hash(text) == int(key):
                    if len(_LABELS) > 200_000:
                        _LABELS.clear()
                    _LABELS[(name, int(key))] = text
                    out.append((text, count))
                    break
    return out


def _hit_fields(doc: tantivy.Document) -> tuple[int, str, list[int], list[int]]:
    d = doc.to_dict()
    return int(d["id"][0]), d.get("work", [""])[0], d.get("lib", []), d.get("avail", [])


_COUNT = {"n": {"value_count": {"field": "id"}}}
_pool: ThreadPoolExecutor | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def _facet_pool() -> ThreadPoolExecutor:
    """The process's facet thread (made again after a fork: gunicorn forks its workers).

    tantivy releases the GIL while it searches and aggregates, so the counting half of a
    search runs on the second core while this thread ranks and reads the shown records.
    """
    global _pool, _pool_pid
    if _pool is None or _pool_pid != os.getpid():
        with _pool_lock:
            if _pool is None or _pool_pid != os.getpid():
                _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="thuvien-facets")
                _pool_pid = os.getpid()
    return _pool


@dataclass
class _Counts:
    total: int
    facets: dict[str, list[tuple[str, int]]]
    approximate: bool
    available: int | None
    total_approximate: bool = False


_in_flight = 0  # searches running in this process (see _searching)
_loadavg_fd: int | None = None  # /proc/loadavg, opened once per process (see _idle_core)
_CPUS = os.cpu_count() or 1


def _idle_core() -> bool:
    """Whether another core is idle now: runnable tasks (this one included) below the cores.

    Linux counts them in /proc/loadavg ("2.02 2.34 2.37 1/137 14427"), read in ~1 µs from
    a descriptor kept open. Elsewhere, assume an idle core (the earlier behaviour).
    """
    global _loadavg_fd
    try:
        if _loadavg_fd is None:
            _loadavg_fd = os.open("/proc/loadavg", os.O_RDONLY)
        running = os.pread(_loadavg_fd, 64, 0).split()[3].split(b"/")[0]
        return int(running) < _CPUS
    except (OSError, IndexError, ValueError):
        return True


@contextlib.contextmanager
def _searching() -> Iterator[bool]:
    """Count this search in; yield True when it may split over two cores.

    Alone in its process and with a core idle, a search splits over two cores (the facet
    thread), which shortens a lone reader's wait. Otherwise the cores are busy anyway (other
    searches here, or other web workers: gunicorn's sync workers each run one search), and
    one thread that counts while it ranks does less work: the split counts the matches in a
    pass of their own and hands the work between threads.
    """
    global _in_flight
    with _pool_lock:
        _in_flight += 1
        alone = _in_flight == 1
    try:
        yield alone and _idle_core()
    finally:
        with _pool_lock:
            _in_flight -= 1


def _estimate(engine: Engine, searcher: tantivy.Searcher, match: tantivy.Query) -> int:
    """About how many records ``match`` finds: its records in the deepest sample, scaled.

    One record in 128 is in that sample, so this reads ~0.1–0.4 ms on a million records
    where an exact count of a broad search reads 2–6 ms; good to a few percent from about
    10,000 hits up, which is where it decides anything.
    """
    sliced, scale = _sampled(engine, match, SAMPLE_LEVELS)
    return int(int(searcher.aggregate(sliced, _COUNT)["n"]["value"] or 0) * scale)


def _about(n: float) -> int:
    """``n`` to three significant digits: the estimate is good to a few percent, and two
    digits would round 106,000 to 110,000."""
    if n < 1000:
        return int(round(n))
    step = 10 ** (len(str(int(n))) - 3)
    return int(round(n / step) * step)


def _count_and_facets(
    engine: Engine,
    searcher: tantivy.Searcher,
    match: tantivy.Query,
    req: SearchRequest,
    total: int | None = None,
    estimate: int | None = None,
) -> _Counts:
    """The total (given, counted, or for a broad search estimated), then the facets on the
    sample level it calls for.

    ``match`` is the query without its ranking boosts: counting needs no scores, and an
    aggregation over the bare matches is about three times cheaper than a scored count.
    With ``estimate`` (above EXACT_TOTAL) no pass counts every hit: the facet aggregation on
    the sample also counts the sample, and the total is that count scaled.
    """
    if estimate is not None:
        facet_query, scale = _sampled(engine, match, max(1, _sample_level(estimate)))
        facets = _facets(engine, searcher, facet_query, req, scale, counted=True)
        total = _about(facets.pop("_n")[0][1] * scale)
    else:
        if total is None:
            total = int(searcher.aggregate(match, _COUNT)["n"]["value"] or 0)
        facet_query, scale = _sampled(engine, match, _sample_level(total))
        facets = _facets(engine, searcher, facet_query, req, scale)
    anywhere = dict(facets.pop("_navail"))
    by_library = {int(float(k)): n for k, n in facets.pop("_avail")}
    libs = _availability_libraries(req)
    if req.available:
        available = total
    elif libs is None:
        available = anywhere.get("yes", 0)
    elif len(libs) == 1:
        available = by_library.get(int(libs[0]), 0)
    else:  # several libraries: one more count (a record on two shelves counts once)
        avail_q = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, facet_query),
                (tantivy.Occur.Must, available_query(engine.schema, req)),
            ]
        )
        found = int(searcher.aggregate(avail_q, _COUNT)["n"]["value"] or 0)
        available = int(round(found * scale))
    return _Counts(total, facets, scale > 1, available, total_approximate=estimate is not None)


def run_search(engine: Engine, req: SearchRequest) -> SearchResponse:
    with _searching() as alone:
        return _run_search(engine, req, split=alone and req.facets)


def _run_search(engine: Engine, req: SearchRequest, *, split: bool) -> SearchResponse:
    """Rank and read the shown records; count and facet here or, ``split``, meanwhile in
    the facet thread (see _facet_pool)."""
    started = time.perf_counter()
    searcher = engine.searcher()
    query = engine.compile(req, searcher=searcher)
    # facets are counted on the matches without the ranking boosts: the same records, and a
    # phrase's boosts re-read positions (a broad phrase's facets cost 11 ms with them, 3 without)
    match = engine.compile(req, scoring=False, searcher=searcher) if req.facets else query
    estimate = None
    if req.facets and (engine.hits_bound(req, searcher) or EXACT_TOTAL + 1) > EXACT_TOTAL:
        estimate = _estimate(engine, searcher, match)
        estimate = estimate if estimate > EXACT_TOTAL else None
    counts = None
    if split:
        counts = _facet_pool().submit(
            _count_and_facets, engine, searcher, match, req, estimate=estimate
        )
    offset = max(0, min(req.offset, MAX_WINDOW))
    limit = max(1, min(req.limit, 100))
    window = limit * 3 if req.collapse else limit
    ranked, counted = _ranked(
        engine,
        searcher,
        query,
        match,
        req,
        offset=offset,
        window=window,
        count=counts is None and estimate is None,
        broad=estimate is not None and estimate >= UNION_MIN_TOTAL,
    )
    hits: list[Hit] = []
    seen: dict[str, Hit] = {}
    consumed = 0
    for score, (rid, work, libs, avail) in ranked:
        if len(hits) >= limit:
            break
        consumed += 1
        if req.collapse and work in seen:
            continue
        hit = Hit(rid, float(score) if isinstance(score, float) else 0.0, work, libs, avail)
        hit.cluster_libraries = len(libs)
        seen[work] = hit
        hits.append(hit)
    if req.collapse:
        _fill_clusters(engine, searcher, hits, req)
    if counts is not None:
        done: _Counts | None = counts.result()
    elif req.facets:
        done = _count_and_facets(engine, searcher, match, req, total=counted, estimate=estimate)
    else:
        done = None
    total = done.total if done is not None else (counted or 0)
    end = offset + consumed
    next_offset = end if end < min(total, MAX_WINDOW) else None
    response = SearchResponse(total=total, hits=hits, next_offset=next_offset, offset=offset)
    response.window_end = next_offset is None and end < total
    if done is not None:
        response.facets = done.facets
        response.facets_approximate = done.approximate
        response.total_approximate = done.total_approximate
        response.available_count = done.available
    response.took_ms = (time.perf_counter() - started) * 1000
    return response


Fields = tuple[int, str, list[int], list[int]]  # what _hit_fields reads of a record


def _ranked(
    engine: Engine,
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    match: tantivy.Query,
    req: SearchRequest,
    *,
    offset: int,
    window: int,
    count: bool,
    broad: bool,
) -> tuple[Iterator[tuple[Any, Fields]], int | None]:
    """(the records from raw position ``offset`` on, best first, read lazily; the total
    when ``count`` and the search counted it, else None: the facet step counts).

    ``broad``: so many hits that a plain word search is ranked through its term union.
    """
    order_field, order = ORDERS.get(req.sort, (None, None))
    if broad and not order_field and offset + window <= UNION_DEPTH:
        union = engine.ranking_union(req, searcher)
        if union is not None:
            ranked = _union_ranked(engine.schema, searcher, union, query, match, offset, window)
            return ranked, None
    kwargs: dict[str, Any] = {"limit": window, "offset": offset, "count": count}
    if order_field:
        kwargs["order_by_field"] = order_field
        kwargs["order"] = order
    result = searcher.search(query, **kwargs)
    ranked = ((score, _hit_fields(searcher.doc(addr))) for score, addr in result.hits)
    return ranked, (result.count if count else None)


def _union_ranked(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    union: tantivy.Query,
    query: tantivy.Query,
    match: tantivy.Query,
    offset: int,
    window: int,
) -> Iterator[tuple[Any, Fields]]:
    """The query's records in its own order, ranked through its term union (block-max WAND).

    The union's best records are checked against the real matches ``_CHECK`` at a time
    (their ids from the id column, one small search) and the ones that miss a word are
    dropped; the rest carry the same scores as under the real query, so they come out in
    its order. When too many miss a word the union is searched deeper; past
    ``UNION_MAX_DEPTH`` the real query takes over from the position reached.
    """
    wanted = offset + window
    depth = wanted + _CHECK
    checked = kept = 0
    while depth <= UNION_MAX_DEPTH:
        hits = searcher.search(union, limit=depth, count=False).hits
        while checked < len(hits):
            chunk = hits[checked : checked + _CHECK]
            checked += len(chunk)
            held = _holding(schema, searcher, match, [addr for _score, addr in chunk])
            for score, addr in chunk:
                if (addr.segment_ord, addr.doc) not in held:
                    continue
                if kept >= offset:
                    yield score, _hit_fields(searcher.doc(addr))
                kept += 1
                if kept >= wanted:
                    return
        if len(hits) < depth:  # every record of the union has been seen
            return
        depth *= 4
    start = max(kept, offset)
    rest = searcher.search(query, limit=wanted - start, offset=start, count=False)
    for score, addr in rest.hits:
        yield score, _hit_fields(searcher.doc(addr))


def _holding(
    schema: tantivy.Schema, searcher: tantivy.Searcher, match: tantivy.Query, addresses: list
) -> set[tuple[int, int]]:
    """The (segment, doc) addresses among ``addresses`` that ``match`` matches.

    The ids are a union of single-id terms, not a term set: tantivy turns a term set into a
    bitset of the whole index (0.7 ms on a million records against 0.1 ms).
    """
    ids = [i for i in searcher.fast_field_values("id", addresses) if i is not None]
    if not ids:
        return set()
    query, occur = tantivy.Query, tantivy.Occur
    any_id = query.boolean_query([(occur.Should, query.term_query(schema, "id", i)) for i in ids])
    check = query.boolean_query([(occur.Must, any_id), (occur.Must, match)])
    found = searcher.search(check, limit=len(ids), count=False).hits
    return {(addr.segment_ord, addr.doc) for _score, addr in found}


def _fill_clusters(
    engine: Engine, searcher: tantivy.Searcher, hits: list, req: SearchRequest
) -> None:
    """How many records and libraries stand behind each shown work (network-wide).

    Most works are a few editions: one counting search each, and the libraries read from
    those few stored documents (~20 µs each). A large work (a classic with hundreds of
    editions) counts its distinct libraries with a terms aggregation instead of loading up
    to 200 documents, so its count is exact. One aggregation for every shown work at once
    was tried: a terms aggregation over the work column (a value for nearly every record)
    cost 0.5 ms a page on a million records, eight times these searches.
    """
    schema = engine.schema
    network = (
        tantivy.Query.term_query(schema, "network", req.network_id)
        if req.network_id and not engine.holds_only(searcher, req.network_id)
        else None
    )
    hidden = None
    if req.visible_to is not None and not (
        "pub" in req.visible_to and engine.all_public(searcher)
    ):  # a hidden edition is no part of the work the reader sees
        if "pub" in req.visible_to:
            hidden = hidden_query(schema, req.visible_to)
        else:
            vis = visibility_query(schema, req.visible_to)
            network = (
                vis
                if network is None
                else tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, network), (tantivy.Occur.Must, vis)]
                )
            )
    seen = set(req.visible_libraries) if req.visible_libraries is not None else None
    done: dict[str, tuple[int, int]] = {}
    for hit in hits:
        if not hit.work or hit.work.startswith("~"):
            continue
        if hit.work not in done:
            query = tantivy.Query.term_query(schema, "work", hit.work)
            if network is not None:
                query = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, query), (tantivy.Occur.Must, network)]
                )
            if hidden is not None:
                query = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, hidden)]
                )
            res = searcher.search(query, limit=SMALL_CLUSTER, count=True)
            size = res.count or 1
            if size <= SMALL_CLUSTER:
                libraries: set[int] = set()
                for _score, addr in res.hits:
                    libraries.update(_hit_fields(searcher.doc(addr))[2])
                if seen is not None:
                    libraries &= seen
                done[hit.work] = (size, len(libraries))
            else:
                spec = {"l": {"terms": {"field": "lib", "size": FACET_SIZES["lib"]}}}
                buckets = searcher.aggregate(query, spec)["l"]["buckets"]
                if seen is not None:
                    buckets = [b for b in buckets if int(b["key"]) in seen]
                done[hit.work] = (size, len(buckets))
        hit.cluster_size, hit.cluster_libraries = done[hit.work]
