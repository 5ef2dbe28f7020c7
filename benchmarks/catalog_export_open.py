"""Export throughput and the time to open a record (the editor's selector).

    .venv/bin/python benchmarks/catalog_export_open.py [--records 100000]

Loads N demo records (demo.catalog step, with items) into a fresh database, exports them in
each format with ``export_run`` and times ``record_open`` (record_get + pymarc + display form +
items + holdings summary) on 300 random records: median and 95th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time

from catalog_common import network_and_library, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    setup_django("bench-export")
    from thuvien.catalog.models import Record
    from thuvien.catalog.selectors import record_open
    from thuvien.catalog.services import export_run
    from thuvien.core.demo import DemoContext
    from thuvien.core.scoping import scopes_disabled
    from thuvien.demo.catalog import demo_catalog

    network, library = network_and_library()
    ctx = DemoContext(records=args.records, verbosity=0)
    ctx.networks, ctx.libraries = [network], [library]
    started = time.perf_counter()
    with scopes_disabled():
        demo_catalog(ctx)
    print(f"demo load: {args.records:,} records in {time.perf_counter() - started:.1f} s "
          "(none added when BENCH_DATA_DIR already holds them)")  # fmt: skip
    for fmt in ("iso2709", "marcxml", "json"):
        out = io.BytesIO() if args.records <= 200_000 else open("/dev/null", "wb")  # noqa: SIM115
        started, cpu = time.perf_counter(), time.process_time()
        count, _ = export_run(out=out, network=network, fmt=fmt)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"export {fmt}: {count:,} records in {elapsed:.1f} s = {count / elapsed:,.0f}/s "
              f"({count / cpu:,.0f} per CPU-second)")  # fmt: skip
    ids = list(Record.objects.values_list("id", flat=True))
    times = []
    for pk in random.Random(1).sample(ids, min(300, len(ids))):
        started = time.perf_counter()
        record_open(network=network, pk=pk, library=library)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"record_open: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
