"""Full-text search over 100,000 OCR'd pages: the portal's search (tantivy, the records' full
text) and the IIIF Content Search inside one 1,000-page book.

    nice -n 10 .venv/bin/python benchmarks/digital_search.py [OBJECTS] [PAGES_PER_OBJECT] [N]

Defaults: 100 objects x 1,000 pages = 100,000 pages of about 180 Vietnamese syllables each
(generated, Zipf-like frequencies), each object linked to a record, published and open; the
index is rebuilt from the database (``reindex_all``). Then N queries (default 200) of one or two
syllables, with and without tone marks, some found on a few pages only, go through Django's WSGI
handler (django.test.Client, no network) one at a time: ``/search/?q=...`` (the portal's result
page with facets) and ``/iiif/3/<id>/search?q=...`` (Content Search 2 over a 1,000-page object).
Prints p50/p95 wall and CPU ms per request (``time.process_time``).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))

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


def main() -> None:
    args = [int(a) for a in sys.argv[1:]]
    objects = args[0] if args else 100
    per_object = args[1] if len(args) > 1 else 1000
    n_queries = args[2] if len(args) > 2 else 200
    setup_django("digital-search")
    from django.db import transaction
    from django.test import Client
    from django_scopes import scopes_disabled

    from thuvien.core.text import fold
    from thuvien.digital.models import DigitalFile, DigitalObject, Page
    from thuvien.search.indexing import reindex_all
    from thuvien.search.tests.factories import make_record

    _net, library = network_and_library()
    vocab = vocabulary()
    rng = random.Random(7)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
    t0 = time.perf_counter()
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
    made = time.perf_counter() - t0
    t0 = time.perf_counter()
    reindex_all()
    print(f"made {objects * per_object} pages in {made:.0f} s; index rebuilt in "
          f"{time.perf_counter() - t0:.0f} s (not counted)")

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
    big = DigitalObject.all_objects.order_by("id").first()
    assert big is not None
    client = Client()

    def measure(label: str, urls: list[str]) -> None:
        for url in urls[:5]:  # warm caches
            client.get(url)
        wall, cpu = [], []
        for url in urls:
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label}: {len(urls)} queries  wall p50 {pct(wall, .5) * 1000:.1f} ms  "
              f"p95 {pct(wall, .95) * 1000:.1f} ms  CPU p50 {pct(cpu, .5) * 1000:.1f} ms  "
              f"p95 {pct(cpu, .95) * 1000:.1f} ms")

    measure(f"portal /search/ over {objects * per_object} OCR pages",
            ["/search/?" + urlencode({"q": q}) for q in queries])
    measure(f"IIIF Content Search 2 in one {per_object}-page object",
            [f"/iiif/3/{big.pk}/search?" + urlencode({"q": q}) for q in queries])
    found = client.get("/search/?" + urlencode({"q": queries[1]}))
    print(f"(a rare word without marks, '{queries[1]}': portal answered "
          f"{found.status_code}, {len(found.content) // 1024} KB)")


if __name__ == "__main__":
    main()
