"""Shared set-up of the catalogue benchmarks: a fresh database in a temporary data directory.

Not a test: run the ``catalog_*.py`` scripts, which print their figures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(label: str) -> Path:
    """Point thuvien at a fresh data dir (SQLite unless THUVIEN_DATABASE_URL is set), migrate."""
    sys.path.insert(0, str(ROOT / "src"))
    data = Path(os.environ.get("BENCH_DATA_DIR") or tempfile.mkdtemp(prefix=f"thuvien-{label}-"))
    os.environ.setdefault("THUVIEN_DATA_DIR", str(data))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    os.environ.setdefault("THUVIEN_DEBUG", "0")  # DEBUG keeps every query in memory
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data


def network_and_library():
    from thuvien.network.models import Library, Location, Network

    network, _ = Network.objects.get_or_create(code="bench", defaults={"name_vi": "Mạng đo"})
    library, _ = Library.objects.get_or_create(
        code="BENCH-TINH", defaults={"network": network, "name_vi": "Thư viện đo"}
    )
    Location.objects.get_or_create(library=library, code="kho", defaults={"name_vi": "Kho"})
    return network, library


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """Samples the resident set size every 50 ms while the block runs."""

    def __enter__(self) -> PeakRss:
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())
