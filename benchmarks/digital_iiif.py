"""IIIF tile latency with 10 concurrent readers, and the 500-page manifest.

    .venv/bin/python benchmarks/digital_iiif.py [REQUESTS] [--server PORT] [--profile N]

Tiles: 512 px tiles at random places and zoom levels of A4 300 dpi pages, at the versioned
image URLs a manifest gives (what Mirador asks for). By default requested through Django's
WSGI handler (django.test.Client, no network) by 10 threads; libvips releases the GIL while it
decodes and encodes. With ``--server PORT`` they go over HTTP to the gunicorn command of
``thuvien serve`` (``thuvien.cli.gunicorn_command``, sync workers, 2 x cores, as ``make demo``
starts it) from 10 client threads with keep-alive connections; the server's CPU per tile is
read from /proc (gunicorn's master and workers). ``--profile N`` runs N tiles one after the
other in this process under cProfile and prints where their time goes.
Manifest: 500 canvases built and serialised, from the database (the whole request) and from the
builder alone.
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


def serve_tiles(urls: list[str], port: int) -> None:
    """The tiles over HTTP from gunicorn as ``thuvien serve`` runs it, 10 readers at once."""
    import http.client
    import os
    import subprocess
    import threading

    from proc_cpu import tree_cpu

    from thuvien.cli import gunicorn_command

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "THUVIEN_DEBUG": "0", "THUVIEN_BIND": f"127.0.0.1:{port}",
           "DJANGO_SETTINGS_MODULE": "thuvien.config.settings.base",
           "PYTHONPATH": str(root / "src")}  # this checkout's code, not the installed one
    command = gunicorn_command(env, ["--log-level", "warning"])
    server = subprocess.Popen(command, env=env, cwd=str(root), stdout=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", urls[0])
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    break
                raise SystemExit(f"the server answered {response.status} for {urls[0]}")
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        warm = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in range(10)]
        for k, url in enumerate(urls[:40]):  # every worker opens its pyramids once
            c = warm[k % len(warm)]
            c.request("GET", url)
            c.getresponse().read()
        for c in warm:
            c.close()
        times: list[float] = []
        errors: list[int] = []
        lock = threading.Lock()

        def reader(k: int) -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for url in urls[k::10]:
                t = time.perf_counter()
                c.request("GET", url)
                response = c.getresponse()
                response.read()
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times.append(ms)
                    if response.status != 200:
                        errors.append(response.status)
            c.close()

        readers = [threading.Thread(target=reader, args=(k,)) for k in range(10)]
        cpu0, client0, t0 = tree_cpu(server.pid), time.process_time(), time.perf_counter()
        for th in readers:
            th.start()
        for th in readers:
            th.join()
        wall = time.perf_counter() - t0
        server_cpu, client_cpu = tree_cpu(server.pid) - cpu0, time.process_time() - client0
        print(f"tiles over HTTP (gunicorn {' '.join(command[command.index('--workers'):][:4])}):"
              f" {len(times)} x 512 px, 10 concurrent readers, errors {len(errors)}")
        print(f"  p50 {pct(times, 0.5):.1f} ms  p95 {pct(times, 0.95):.1f} ms wall  "
              f"({len(times) / wall:.0f} tiles/s); server CPU {server_cpu / len(times) * 1000:.1f}"
              f" ms/tile, client CPU {client_cpu / len(times) * 1000:.2f} ms/tile; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        server.terminate()
        server.wait(30)


def profile_tiles(urls: list[str], n: int) -> None:
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    for url in urls[:20]:
        client.get(url)
    profiler = cProfile.Profile()
    cpu = time.process_time()
    profiler.enable()
    for url in urls[:n]:
        assert client.get(url).status_code == 200
    profiler.disable()
    cpu = time.process_time() - cpu
    print(f"profile: {n} tiles one after another, {cpu / n * 1000:.2f} ms CPU a tile "
          "(under cProfile)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("requests", nargs="?", type=int, default=400)
    parser.add_argument("--server", type=int, default=0, help="port: tiles through gunicorn")
    parser.add_argument("--profile", type=int, default=0, help="profile this many tiles")
    parser.add_argument("--plain", action="store_true",
                        help="plain <object>-<page> URLs (code from before versioned ones)")
    args = parser.parse_args()
    requests = args.requests
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
    versions = {seq: "" for seq in range(1, 5)}
    if not args.plain:
        from thuvien.digital.models import image_version

        with scopes_disabled():
            versions = {
                seq: "-" + image_version(sha, file_page) for seq, file_page, sha in
                Page.all_objects.filter(obj_id=obj_id).values_list("seq", "file_page",
                                                                   "file__sha256")
            }
    rng = random.Random(1)
    urls = []
    for _ in range(requests):
        seq = rng.randint(1, 4)
        scale = rng.choice([1, 2, 4])
        side = 512 * scale
        x = rng.randrange(0, 2480 - side) if side < 2480 else 0
        y = rng.randrange(0, 3508 - side)
        urls.append(f"/iiif/3/image/{obj_id}-{seq}{versions[seq]}/{x},{y},{side},{side}"
                    "/512,/0/default.jpg")
    if args.profile:
        profile_tiles(urls, args.profile)
        return
    if args.server:
        serve_tiles(urls, args.server)
        return
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
