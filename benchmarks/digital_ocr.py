"""OCR of A4 300 dpi Vietnamese pages with Tesseract 5 ``vie``, one page per process,
OMP_THREAD_LIMIT=1, as many processes as cores (the worker's way).

    .venv/bin/python benchmarks/digital_ocr.py [PAGES] [PROCESSES]
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from digital_common import a4_page  # noqa: E402


def _pyramid(args: tuple[str, int]) -> str:
    import pyvips

    folder, n = args
    png = a4_page(Path(folder) / f"{n}.png", seed=n)
    out = Path(folder) / f"{n}.tif"
    pyvips.Image.new_from_file(str(png)).tiffsave(str(out), tile=True, pyramid=True,
                                                  compression="jpeg", Q=88)
    return str(out)


def _ocr(path: str) -> tuple[float, int]:
    from thuvien.digital.ocr import ocr_image

    result = ocr_image(Path(path), language="vie")
    return result.confidence, len(result.words)


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    procs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    work = tempfile.mkdtemp(prefix="thuvien-bench-ocr-")
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(procs) as pool:
        paths = pool.map(_pyramid, [(work, n) for n in range(pages)])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with ctx.Pool(procs) as pool:
        results = pool.map(_ocr, paths, chunksize=1)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    conf = sum(r[0] for r in results) / len(results)
    print(f"pages: {pages} A4 300 dpi, processes: {procs}, mean confidence {conf:.1f}%")
    print(f"wall: {wall:.1f} s  ->  {pages / wall * 60:.1f} pages/min")
    print(f"CPU (tesseract + python, children): {cpu / pages:.2f} s/page")


if __name__ == "__main__":
    main()
