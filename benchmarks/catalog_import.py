"""Import throughput and memory: UTF-8 ISO 2709 into a fresh database, outbox rows included.

    .venv/bin/python benchmarks/catalog_import.py [--records 100000] [--file F] [--drain]

Writes N generated Vietnamese records (catalog.demo) to a file, imports them with
``import_run`` (matching on ISBN, 035, 001; one outbox row per record for the search index),
prints records/second and the peak resident memory during the import. ``--drain`` then feeds
the outbox to the search handler, when one is registered, and times that separately.
"""

from __future__ import annotations

import argparse
import time

from catalog_common import PeakRss, network_and_library, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--file", help="reuse this ISO 2709 file instead of generating one")
    parser.add_argument("--drain", action="store_true")
    parser.add_argument("--library", action="store_true", help="import items too (none in file)")
    args = parser.parse_args()
    data = setup_django("bench-import")
    from thuvien.catalog.demo import write_demo_iso2709
    from thuvien.catalog.services import import_run
    from thuvien.core.models import OutboxEntry
    from thuvien.core.scoping import scopes_disabled

    path = args.file
    if not path:
        path = str(data / f"demo-{args.records}.mrc")
        started = time.perf_counter()
        size = write_demo_iso2709(path, args.records)
        print(f"file: {args.records} records, {size / 1e6:.0f} MB in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    network, library = network_and_library()
    with scopes_disabled(), PeakRss() as rss:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_run(paths=[path], network=network,
                            library=library if args.library else None)  # fmt: skip
        elapsed = import_seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    print(f"import: {report.read} read, {report.created} created, {len(report.errors)} errors "
          f"in {elapsed:.1f} s = {report.read / elapsed:,.0f} records/s")  # fmt: skip
    print(f"        {cpu:.1f} CPU seconds = {report.read / cpu:,.0f} records per CPU-second "
          "(an idle machine's figure; the wall clock shares 2 cores)")  # fmt: skip
    print(f"memory: RSS {rss.start:.0f} MB before, peak {rss.peak:.0f} MB during the import")
    print(f"outbox rows waiting for the index: {OutboxEntry.objects.count():,}")
    if args.drain:
        from thuvien.core.outbox import _HANDLERS, outbox_drain

        if "catalog.record" not in _HANDLERS:
            print("drain: no handler registered for catalog.record (search app not ready)")
            return
        started = time.perf_counter()
        done = outbox_drain()
        elapsed = time.perf_counter() - started
        print(f"drain: {done:,} outbox rows indexed in {elapsed:.1f} s = {done / elapsed:,.0f}/s")
        print(f"import + index: {report.read / (elapsed + import_seconds):,.0f} records/s")


if __name__ == "__main__":
    main()
