"""How long the server takes to open a record in the cataloguing editor.

A fresh database (SQLite by default; PostgreSQL with THUVIEN_DATABASE_URL) is loaded with
real records (Library of Congress and University of Virginia files from ../shared/data, imported
through the catalogue's importer, then copied with varied titles to ``--records``), and a
cataloguer opens random records through Django's test client: the full MARC editor, the simple
form and the record page. Prints p50/p95/max in milliseconds per page.

    .venv/bin/python benchmarks/catalog_editor.py --records 3000 --requests 300
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "marc"
FILES = [
    DATA / "mrrc-testbed" / "bibliographic__sample.mrc",
    DATA / "solrmarc-tests" / "uva_001_2000.mrc",
]


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("THUVIEN_DATA_DIR", tempfile.mkdtemp(prefix="thuvien-bench-editor-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def load(records: int):
    from django_scopes import scopes_disabled

    from thuvien.accounts.models import Membership, Role, User
    from thuvien.catalog.models import Record
    from thuvien.catalog.services.importing import import_run
    from thuvien.network.models import Library, Network

    with scopes_disabled():
        network, _ = Network.objects.get_or_create(code="bench", defaults={"name_vi": "Mạng đo"})
        library, _ = Library.objects.get_or_create(
            code="BENCH-TINH", defaults={"network": network, "name_vi": "Thư viện đo"}
        )
        user, created = User.objects.get_or_create(username="bench_cataloguer")
        if created:
            Membership.objects.create(
                user=user,
                network=network,
                library=library,
                role=Role.objects.get(code="cataloguer"),
            )
        if Record.objects.filter(network=network).count() < records:
            import_run(paths=FILES, network=network, library=library)
            # Top up with copies of the real records until there are enough.
            base = list(Record.objects.filter(network=network).values_list("marc", flat=True))
            from thuvien.catalog.services import record_create

            n = Record.objects.filter(network=network).count()
            while n < records:
                record_create(network=network, marc=random.choice(base))
                n += 1
    return network, library, user


def measure(client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client

    from thuvien.catalog.models import Record

    t0 = time.perf_counter()
    network, _library, user = load(args.records)
    ids = list(Record.objects.filter(network=network).values_list("id", flat=True))
    loaded = time.perf_counter() - t0
    print(f"database: {connection.vendor}, records: {len(ids)} (loaded in {loaded:.1f} s)")
    client = Client()
    client.force_login(user)
    rng = random.Random(42)
    pages = {
        "MARC editor": "/staff/catalog/records/{}/marc/",
        "simple form": "/staff/catalog/records/{}/form/",
        "record page": "/staff/catalog/records/{}/",
    }
    runs = {
        name: [pattern.format(rng.choice(ids)) for _ in range(args.requests)]
        for name, pattern in pages.items()
    }
    words = ["history", "united states", "virginia", "education", "war", "law", "art", "music"]
    runs["search"] = [f"/staff/catalog/?q={rng.choice(words)}" for _ in range(args.requests)]
    for name, urls in runs.items():
        measure(client, urls[:10])  # warm up
        times = sorted(measure(client, urls))
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{name:12s} n={len(times)} p50={statistics.median(times):6.1f} ms "
            f"p95={p95:6.1f} ms max={times[-1]:6.1f} ms"
        )


if __name__ == "__main__":
    main()
