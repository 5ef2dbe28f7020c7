"""IIIF tile latency with 10 concurrent readers, and the 500-page manifest.

    .venv/bin/python benchmarks/digital_iiif.py [REQUESTS]

Tiles: 512 px tiles at random places and zoom levels of A4 300 dpi pages, requested through
Django's WSGI handler (django.test.Client, no network) by 10 threads; libvips releases the GIL
while it decodes and encodes. Manifest: 500 canvases built and serialised, from the database
(the whole request) and from the builder alone.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from digital_common import a4_page, network_and_library, setup_django  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    setup_django("digital-iiif")
    from django.test import Client
    from django_scopes import scopes_disabled

    from thuvien.digital.models import DigitalObject, Page
    from thuvien.digital.services import digital_ingest

    _net, library = network_and_library()
    work = Path(tempfile.mkdtemp(prefix="thuvien-bench-iiif-"))
    for n in range(4):
        a4_page(work / f"{n:03d}.png", seed=n)
    with scopes_disabled():
        obj_id = digital_ingest(paths=[work], library=library, publish=True).objects[0]
    rng = random.Random(1)
    urls = []
    for _ in range(requests):
        seq = rng.randint(1, 4)
        scale = rng.choice([1, 2, 4])
        side = 512 * scale
        x = rng.randrange(0, 2480 - side) if side < 2480 else 0
        y = rng.randrange(0, 3508 - side)
        urls.append(f"/iiif/3/image/{obj_id}-{seq}/{x},{y},{side},{side}/512,/0/default.jpg")
    times: list[float] = []

    def fetch(url: str) -> None:
        client = Client()
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, response.status_code

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(fetch, urls))
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(f"tiles: {len(times)} x 512 px, 10 concurrent readers")
    print(f"  p50 {pct(times, 0.5) * 1000:.1f} ms  p95 {pct(times, 0.95) * 1000:.1f} ms  "
          f"mean {statistics.mean(times) * 1000:.1f} ms  ({len(times) / wall:.0f} tiles/s, "
          f"CPU {cpu / len(times) * 1000:.1f} ms/tile)")

    # a 500-page object: the same page rows repeated (the manifest needs only their sizes)
    with scopes_disabled():
        big = DigitalObject.all_objects.create(library=library, network=library.network,
                                               title="Sách 500 trang", published=True,
                                               ingest_complete=True)
        first = Page.all_objects.filter(obj_id=obj_id).first()
        Page.all_objects.bulk_create([
            Page(library=library, obj=big, file=first.file, seq=i, label=str(i), width=2480,
                 height=3508, derivative_ready=True) for i in range(1, 501)
        ])
    client = Client()
    for _ in range(3):
        client.get(f"/iiif/3/{big.pk}/manifest")
    req, req_cpu = [], []
    for _ in range(20):
        t, c = time.perf_counter(), time.process_time()
        response = client.get(f"/iiif/3/{big.pk}/manifest")
        req.append(time.perf_counter() - t)
        req_cpu.append(time.process_time() - c)
    assert response.status_code == 200 and len(response.json()["items"]) == 500
    from thuvien.digital.selectors import pages_of
    from thuvien.iiif.presentation import build_manifest

    pages = pages_of(big)
    build = []
    for _ in range(20):
        t = time.process_time()
        build_manifest(obj=big, pages=pages, ranges=[], base="https://tv.example",
                       library_name="Thư viện")
        build.append(time.process_time() - t)
    print(f"500-page manifest: request p50 {pct(req, 0.5) * 1000:.1f} ms wall, "
          f"{pct(req_cpu, 0.5) * 1000:.1f} ms CPU "
          f"(read pages + build + JSON, {len(response.content) / 1024:.0f} KB); "
          f"builder alone {pct(build, 0.5) * 1000:.1f} ms CPU")


if __name__ == "__main__":
    main()
