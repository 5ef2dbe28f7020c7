"""Ingest of A4 300 dpi page images with derivatives (screening, pyramid, 3 thumbnails), then
OCR of some of the ingested pages the worker's way, and the size of the tiles made.

    nice -n 10 .venv/bin/python benchmarks/digital_ingest.py [PAGES] [PROCESSES] [--ocr N]

Prints pages per minute (wall) and CPU seconds per page. One ingest per process; with two
processes each ingests its own book, as two digitisation stations do (1000 2: two books of 500
pages). ``--ocr N``: Tesseract ``vie`` on the first N pages' pyramids, one page per process
with OMP_THREAD_LIMIT=1, PROCESSES at a time (what ``ocr_page_task`` does on the workers).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from digital_common import a4_page, network_and_library, setup_django  # noqa: E402


def _page(path: str, seed: int) -> None:
    a4_page(Path(path), seed=seed)


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


def _ocr(path: str) -> tuple[float, int, float]:
    from thuvien.digital.ocr import ocr_image

    cpu0 = time.process_time()
    result = ocr_image(Path(path), language="vie")
    return result.confidence, len(result.words), time.process_time() - cpu0


def _ocr_figures(data_dir: Path, count: int, procs: int) -> None:
    pyramids = sorted((data_dir / "digital").rglob("p*.tif"))[:count]
    if not pyramids:
        return
    ctx = multiprocessing.get_context("fork")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with ctx.Pool(procs, maxtasksperchild=1) as pool:
        results = pool.map(_ocr, [str(p) for p in pyramids], chunksize=1)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    conf = sum(r[0] for r in results) / len(results)
    print(f"OCR: {len(results)} pages, {procs} processes, mean confidence {conf:.1f}%")
    print(f"  wall {wall:.1f} s -> {len(results) / wall * 60:.1f} pages/min; "
          f"CPU (tesseract, children) {cpu / len(results):.2f} s/page")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ocr_pages = 0
    if "--ocr" in sys.argv:
        ocr_pages = int(sys.argv[sys.argv.index("--ocr") + 1])
        args.remove(str(ocr_pages))
    pages = int(args[0]) if args else 20
    procs = int(args[1]) if len(args) > 1 else 2
    os.environ["OMP_THREAD_LIMIT"] = "1"
    data_dir = setup_django("digital-ingest")
    network_and_library()
    work = Path(tempfile.mkdtemp(prefix="thuvien-bench-scans-"))
    folders = []
    jobs = []
    for p in range(procs):
        folder = work / f"book{p}"
        folder.mkdir()
        jobs += [(str(folder / f"{n:04d}.png"), p * 10_000 + n) for n in range(pages // procs)]
        folders.append(str(folder))
    t_gen = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        pool.starmap(_page, jobs, chunksize=8)
    print(f"made {len(jobs)} scans in {time.perf_counter() - t_gen:.0f} s (not counted)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = sum(f.stat().st_size for f in work.rglob("*.png")) / 1e6
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        results = pool.map(_run, folders)
    wall = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (children.ru_utime + children.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"pages: {done} A4 300 dpi PNG ({size:.0f} MB), processes: {procs}")
    print(f"wall: {wall:.1f} s  ->  {done / wall * 60:.1f} pages/min")
    print(f"CPU per page: {cpu / done:.2f} s (process_time in the ingesting process), "
          f"children user+sys {child_cpu / done:.2f} s/page")
    tiles = list((data_dir / "digital").rglob("p*.tif"))
    thumbs = list((data_dir / "digital").rglob("p*-t*.jpg"))
    print(f"derivatives: {len(tiles)} pyramids ({sum(t.stat().st_size for t in tiles) / 1e6:.0f}"
          f" MB, 256 px JPEG tiles), {len(thumbs)} thumbnails")
    if ocr_pages:
        _ocr_figures(data_dir, ocr_pages, procs)


if __name__ == "__main__":
    main()
