"""Full-text search over 100,000 OCR'd pages: the portal's result page, the JSON search API
(both with facets, and with the snippet and page number of each hit), and the IIIF Content
Search inside one 1,000-page book.

    nice -n 10 .venv/bin/python benchmarks/digital_search.py [OBJECTS] [PAGES_PER_OBJECT] [N]
        [--reuse] [--profile {portal,api,iiif}]

Defaults: 100 objects x 1,000 pages = 100,000 pages of about 180 Vietnamese syllables each
(generated, Zipf-like frequencies), each object linked to a record, published and open; the
index is rebuilt from the database (``reindex_all``, not counted). Then N queries (default
200) of one or two syllables, half with tone marks and half without, some found on a few
pages only, go through Django's WSGI handler (django.test.Client, no network) one at a time:
``/search/?q=...`` (the portal's result page with facets and snippets), ``/api/v1/search/?q=``
(the same search as JSON with facets and the page hits) and ``/iiif/3/<id>/search?q=...``
(Content Search 2 over a 1,000-page object). Prints p50/p95 wall and CPU ms per request
(``time.process_time``), for all queries and split by tone marks.

``--reuse`` with ``BENCH_DATA_DIR`` set to a directory of an earlier run keeps its database
(the pages are not made again) and rebuilds the index only when it is missing or of another
schema. ``--profile WHAT`` runs cProfile over those requests and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))
for _name in ("THUVIEN_SEARCH_RATE", "THUVIEN_API_ANON_RATE", "THUVIEN_API_USER_RATE"):
    os.environ.setdefault(_name, "1000000/min")

from digital_common import network_and_library, setup_django  # noqa: E402

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
            "qu", "r", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "à", "á", "ả", "ã", "ạ", "ai", "ao", "an", "ăn", "ân", "anh", "ương", "ước",
          "iến", "iền", "ông", "ồng", "ung", "ưng", "oai", "uân", "inh", "ình", "ơi", "ời",
          "uyên", "uyết", "ach", "ịch", "ôi", "ội", "ên", "ệt", "ang", "àng", "ấp", "ợp"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def vocabulary() -> list[str]:
    return [i + r for i in INITIALS for r in RHYMES]


def make_pages(library, objects: int, per_object: int, rng: random.Random, vocab: list[str]):
    from django.db import transaction
    from django_scopes import scopes_disabled

    from thuvien.digital.models import DigitalFile, DigitalObject, Page
    from thuvien.search.tests.factories import make_record

    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
    with scopes_disabled():
        for o in range(objects):
            record = make_record(library.network, f"Địa chí tập {o + 1}")
            with transaction.atomic():
                obj = DigitalObject.all_objects.create(
                    library=library, network=library.network, record=record,
                    title=f"Địa chí tập {o + 1}", published=True, ingest_complete=True)
                dfile = DigitalFile.all_objects.create(
                    library=library, obj=obj, name="book.pdf", storage_name="none",
                    mime="application/pdf", kind="pdf", size=1, sha256="0" * 64)
                rows = []
                for seq in range(1, per_object + 1):
                    words = rng.choices(vocab, weights=weights, k=180)
                    lines = [" ".join(words[i:i + 12]) for i in range(0, 180, 12)]
                    rows.append(Page(library=library, obj=obj, file=dfile, seq=seq,
                                     label=str(seq), width=2480, height=3508,
                                     derivative_ready=True, text="\n".join(lines),
                                     ocr_status="done", ocr_confidence=90.0))
                Page.all_objects.bulk_create(rows, batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("numbers", type=int, nargs="*")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", choices=["portal", "api", "iiif"])
    args = parser.parse_args()
    objects = args.numbers[0] if args.numbers else 100
    per_object = args.numbers[1] if len(args.numbers) > 1 else 1000
    n_queries = args.numbers[2] if len(args.numbers) > 2 else 200
    setup_django("digital-search")
    from django.test import Client

    from thuvien.core.text import fold
    from thuvien.digital.models import DigitalObject, Page
    from thuvien.search.engine import engine
    from thuvien.search.indexing import reindex_all

    _net, library = network_and_library()
    vocab = vocabulary()
    rng = random.Random(7)
    t0 = time.perf_counter()
    have = Page.all_objects.count() if args.reuse else 0
    if have:
        print(f"reusing {have} pages")
    else:
        make_pages(library, objects, per_object, rng, vocab)
        print(f"made {objects * per_object} pages in {time.perf_counter() - t0:.0f} s")
    rng = random.Random(8)
    if not have or engine().count() < objects:
        t0 = time.perf_counter()
        reindex_all()
        print(f"index rebuilt in {time.perf_counter() - t0:.0f} s (not counted)")
    pages = Page.all_objects.count()

    # queries: a frequent syllable, a rare one, a two-syllable phrase; with marks and without
    queries = []
    for n in range(n_queries):
        kind = n % 4
        if kind == 0:
            q = vocab[rng.randrange(0, 30)]
        elif kind == 1:
            q = vocab[rng.randrange(len(vocab) - 200, len(vocab))]
        else:
            q = " ".join(rng.choices(vocab[:200], k=2))
        queries.append(fold(q) if n % 2 else q)
    marked = [fold(q) != q for q in queries]
    big = DigitalObject.all_objects.order_by("id").first()
    assert big is not None
    client = Client()

    def measure(label: str, urls: list[str], check: str = "") -> None:
        for url in urls[:5]:  # warm caches
            client.get(url)
        profiler = cProfile.Profile() if args.profile and label.startswith(args.profile) else None
        wall, cpu, shown = [], [], 0
        for url in urls:
            if profiler:
                profiler.enable()
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            if profiler:
                profiler.disable()
            assert response.status_code == 200, (url, response.status_code)
            shown += bool(check) and check.encode() in response.content
        print(f"{label}: {len(urls)} queries  wall p50 {pct(wall, .5) * 1000:.1f} ms  "
              f"p95 {pct(wall, .95) * 1000:.1f} ms  CPU p50 {pct(cpu, .5) * 1000:.1f} ms  "
              f"p95 {pct(cpu, .95) * 1000:.1f} ms" + (f"  ({shown} with a page hit)"
                                                       if check else ""))
        for name, keep in (("with marks", True), ("without marks", False)):
            part = [c for c, m in zip(cpu, marked, strict=True) if m is keep]
            if part and len(part) < len(cpu):
                print(f"    {name:14} {len(part):4} queries  CPU p50 "
                      f"{pct(part, .5) * 1000:.1f} ms  p95 {pct(part, .95) * 1000:.1f} ms")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())

    measure(f"portal /search/ over {pages} OCR pages",
            ["/search/?" + urlencode({"q": q}) for q in queries], check='class="snippet"')
    measure(f"api /api/v1/search/ over {pages} OCR pages",
            ["/api/v1/search/?" + urlencode({"q": q}) for q in queries], check='"page":')
    measure(f"iiif Content Search 2 in one {per_object}-page object",
            [f"/iiif/3/{big.pk}/search?" + urlencode({"q": q}) for q in queries])
    found = client.get("/search/?" + urlencode({"q": queries[1]}))
    print(f"(a rare word without marks, '{queries[1]}': portal answered "
          f"{found.status_code}, {len(found.content) // 1024} KB)")


if __name__ == "__main__":
    main()
