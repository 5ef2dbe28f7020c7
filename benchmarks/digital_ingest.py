"""Ingest of A4 300 dpi page images with derivatives (screening, pyramid, 3 thumbnails).

    .venv/bin/python benchmarks/digital_ingest.py [PAGES] [PROCESSES]

Prints pages per minute (wall) and CPU seconds per page. One ingest per process; with two
processes each ingests its own booklet, as two digitisation stations do.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from digital_common import a4_page, network_and_library, setup_django  # noqa: E402


def _run(folder: str) -> tuple[int, float]:
    import django

    django.setup()
    from django.db import connection
    from django_scopes import scopes_disabled

    from thuvien.digital.services import digital_ingest

    connection.close()
    _net, library = network_and_library()
    cpu0 = time.process_time()
    with scopes_disabled():
        report = digital_ingest(paths=[Path(folder)], library=library)
    return report.pages, time.process_time() - cpu0


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    procs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    setup_django("digital-ingest")
    network_and_library()
    work = Path(tempfile.mkdtemp(prefix="thuvien-bench-scans-"))
    folders = []
    for p in range(procs):
        folder = work / f"book{p}"
        folder.mkdir()
        for n in range(pages // procs):
            a4_page(folder / f"{n:04d}.png", seed=p * 10_000 + n)
        folders.append(str(folder))
    size = sum(f.stat().st_size for f in work.rglob("*.png")) / 1e6
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        results = pool.map(_run, folders)
    wall = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"pages: {done} A4 300 dpi PNG ({size:.0f} MB), processes: {procs}")
    print(f"wall: {wall:.1f} s  ->  {done / wall * 60:.1f} pages/min")
    print(f"CPU per page: {cpu / done:.2f} s (python side), children user+sys "
          f"{(children.ru_utime + children.ru_stime) / done:.2f} s/page")


if __name__ == "__main__":
    main()
