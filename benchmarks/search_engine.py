"""Engine-only search latency with facet counts on every query.

    .venv/bin/python benchmarks/search_engine.py            # on the index of search_build.py

Runs the reader queries of ``search_corpus.queries()`` (short and broad ones, with and without
tone marks, phrases, fields, truncation, booleans) through ``engine().search`` with facets,
clusters and the availability count, as the portal does, and prints p50/p95/p99 in ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
sys.path.insert(0, str(HERE))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    import django

    django.setup()
    from search_corpus import queries

    from thuvien.search.engine import SearchRequest, engine
    from thuvien.search.query import parse_query

    eng = engine()
    print(f"index: {eng.count()} documents in {eng.path}")
    qs = queries()
    rounds = int(os.environ.get("ROUNDS", "3"))
    for q in qs[:50]:  # warm the page cache
        eng.search(SearchRequest(query=parse_query(q)))
    times: list[float] = []
    cpu: list[float] = []
    totals: list[int] = []
    slow: list[tuple[float, str, int]] = []
    for _ in range(rounds):
        for q in qs:
            req = SearchRequest(query=parse_query(q), facets=True)
            t, c = time.perf_counter(), time.process_time()
            res = eng.search(req)
            ms = (time.perf_counter() - t) * 1000
            cpu.append((time.process_time() - c) * 1000)
            times.append(ms)
            totals.append(res.total)
            slow.append((ms, q, res.total))
    scoped = []
    for q in qs[:100]:
        req = SearchRequest(query=parse_query(q), library_ids=[2], facets=True, sort="title")
        t = time.perf_counter()
        eng.search(req)
        scoped.append((time.perf_counter() - t) * 1000)
    print(
        f"queries: {len(times)} ({len(qs)} distinct), median hits {statistics.median(totals):.0f}"
    )
    print(
        f"ENGINE with facets: p50 {pct(times, 50):.1f} ms  p95 {pct(times, 95):.1f} ms  "
        f"p99 {pct(times, 99):.1f} ms  max {max(times):.1f} ms"
    )
    print(
        f"  CPU time of the same queries (what an idle core would take): p50 "
        f"{pct(cpu, 50):.1f} ms  p95 {pct(cpu, 95):.1f} ms  p99 {pct(cpu, 99):.1f} ms  "
        f"mean {statistics.fmean(cpu):.2f} ms"
    )
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"scoped, title sort: p50 {pct(scoped, 50):.1f}  p95 {pct(scoped, 95):.1f} ms")
    print("slowest:", [(round(ms, 1), q, n) for ms, q, n in sorted(slow, reverse=True)[:6]])


if __name__ == "__main__":
    main()
