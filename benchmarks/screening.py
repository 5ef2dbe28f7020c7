"""Time to screen one upload with ClamAV: a 5 MB JPEG, a 20 MB PDF and a 2.3 MB MARC file.

Plain Python, not a test: ``.venv/bin/python benchmarks/screening.py [--runs N]``. Starts a
private clamd (Debian's, with the tests' local signature database; the figures with
the full ClamAV database are larger, see docs/security.md) and reports per file: wall time,
CPU of this process (type by content, hashing, Pillow/pikepdf checks, streaming) and CPU of
clamd during the scan, median of N runs.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARC = ROOT.parent / "shared" / "data" / "marc" / "solrmarc-tests" / "uva_001_2000.mrc"


def _clamd_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _jpeg(path: Path, megabytes: float) -> Path:
    from PIL import Image

    side = 1200
    while True:  # noise barely compresses: grow the picture until the file is big enough
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
            path, "JPEG", quality=92
        )
        if path.stat().st_size >= megabytes * 1024 * 1024:
            return path
        side = int(side * 1.2)


def _pdf(path: Path, megabytes: float) -> Path:
    import pikepdf
    from PIL import Image

    pdf = pikepdf.new()
    while True:
        page = pdf.add_blank_page(page_size=(595, 842))
        buffer = io.BytesIO()
        Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(buffer, "JPEG")
        image = pikepdf.Stream(pdf, buffer.getvalue())
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width = image.Height = 1000
        image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
        image.Filter = pikepdf.Name.DCTDecode
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pikepdf.Stream(pdf, b"q 595 0 0 842 0 0 cm /Im0 Do Q")
        pdf.save(path)
        if path.stat().st_size >= megabytes * 1024 * 1024:
            return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    work = Path(tempfile.mkdtemp(prefix="thuvien-screening-bench-"))
    os.environ.setdefault("THUVIEN_DATA_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    os.environ.setdefault("THUVIEN_DEBUG", "0")
    import django

    django.setup()
    from django.conf import settings

    from thuvien.screening import screen_upload
    from thuvien.testing.clamav import clamd_start

    daemon = clamd_start(work / "clamd")
    settings.THUVIEN_CLAMD_SOCKET = daemon.socket_path
    settings.THUVIEN_CLAMAV_REQUIRED = True
    files = [
        ("JPEG 5 MB", _jpeg(work / "anh.jpg", 5), frozenset({"image"})),
        ("PDF 20 MB", _pdf(work / "tai-lieu.pdf", 20), frozenset({"pdf"})),
        ("MARC 2.3 MB", MARC, frozenset({"marc", "xml", "json"})),
    ]
    try:
        print(f"{'file':<12} {'size MB':>8} {'wall ms':>9} {'cpu ms':>8} {'clamd cpu ms':>13}")
        for label, path, kinds in files:
            walls, cpus, clam = [], [], []
            for _ in range(args.runs + 1):  # the first run warms the caches; not counted
                clamd_before = _clamd_cpu(daemon.process.pid)
                cpu0, wall0 = time.process_time(), time.perf_counter()
                result = screen_upload(
                    path, purpose="benchmark", declared_name=path.name, allowed_kinds=kinds
                )
                walls.append(time.perf_counter() - wall0)
                cpus.append(time.process_time() - cpu0)
                clam.append(_clamd_cpu(daemon.process.pid) - clamd_before)
                assert result.antivirus == "clean", result
            walls, cpus, clam = walls[1:], cpus[1:], clam[1:]
            size = path.stat().st_size / 1024 / 1024
            print(
                f"{label:<12} {size:>8.1f} {statistics.median(walls) * 1000:>9.0f} "
                f"{statistics.median(cpus) * 1000:>8.0f} {statistics.median(clam) * 1000:>13.0f}"
            )
    finally:
        daemon.stop()


if __name__ == "__main__":
    main()
