"""The portal's sitemaps on a large catalogue: the index and a page at depth.

    .venv/bin/python benchmarks/sitemap_scale.py [--records 1000000]

Writes N bare records, each with one copy in a public library (every 50th copy hidden, so its
record leaves the sitemap), into a fresh database (SQLite, or THUVIEN_DATABASE_URL), then times
``/sitemap.xml`` and the first and last page of ``/sitemap-records.xml`` through Django's full
request path, each 5 times (median CPU and wall). Before the id-range pages, Django's own
sitemaps counted every visible record, paged by OFFSET, and loaded every record in Python to
find the index's last change. Set BENCH_DATA_DIR to reuse a loaded database.
"""

from __future__ import annotations

import argparse
import statistics
import time

from catalog_common import network_and_library, setup_django


def _load(n: int) -> None:
    from django.db import transaction

    from thuvien.catalog.models import Record
    from thuvien.core.scoping import scopes_disabled
    from thuvien.holdings.models import Item

    network, library = network_and_library()
    batch = 20_000
    started = time.perf_counter()
    with scopes_disabled():
        for start in range(0, n, batch):
            with transaction.atomic():
                made = Record.objects.bulk_create(
                    Record(network=network, marc={"leader": "", "fields": []},
                           title=f"Sách thử số {k}", cataloguing_library=library)
                    for k in range(start, min(n, start + batch))
                )
                Item.objects.bulk_create(
                    Item(library=library, record=r, barcode=f"SM{r.pk:09d}",
                         visibility="hidden" if r.pk % 50 == 0 else "normal")
                    for r in made
                )
    print(f"loaded {n:,} records in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    setup_django("bench-sitemap")
    from django.test import Client

    from thuvien.catalog.models import Record

    if not Record.objects.exists():
        _load(args.records)
    client = Client()

    def timed(path: str) -> tuple[float, float, int]:
        walls, cpus, size = [], [], 0
        for _ in range(5):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, (path, response.status_code)
            size = response.content.count(b"<loc>")
        return statistics.median(cpus) * 1000, statistics.median(walls) * 1000, size

    cpu, wall, size = timed("/sitemap.xml")
    print(f"/sitemap.xml: {size} sitemaps listed, {cpu:.0f} ms CPU, {wall:.0f} ms wall")
    last = max(1, -(-Record.objects.order_by("-pk").values_list("pk", flat=True).first() // 50_000))
    for n in (1, last):
        cpu, wall, size = timed(f"/sitemap-records.xml?p={n}")
        print(f"records page {n}/{last}: {size:,} addresses, {cpu:.0f} ms CPU, {wall:.0f} ms wall")


if __name__ == "__main__":
    main()
