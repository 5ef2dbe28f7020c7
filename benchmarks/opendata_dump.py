"""Open-data dump speed: records/s and CPU per format of the union-catalogue dump.

    .venv/bin/python benchmarks/opendata_dump.py [--records 5000]

Loads N demo records (demo.catalog step, with items) into a fresh database, reads them once
through the builder's selector (keyset pages of ``catalog.selectors_harvest``), then writes each
format alone, gzip-compressed as the real dump is, timing CPU (process_time) and wall time:
MARCXML, MARC-in-JSON lines, CSV (with the field extraction), schema.org JSON-LD, BIBFRAME 2
(marc2bibframe2 under lxml). Last, the whole ``opendata_build`` (every dataset, checksums,
storage). Set BENCH_DATA_DIR to reuse a loaded database.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import tempfile
import time

from catalog_common import network_and_library, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()
    setup_django("bench-opendata")
    from thuvien.catalog.marc.extract import extract
    from thuvien.catalog.marc.writer import to_marcxml
    from thuvien.catalog.models import Record
    from thuvien.core.demo import DemoContext
    from thuvien.core.scoping import scopes_disabled
    from thuvien.demo.catalog import demo_catalog
    from thuvien.opendata import build

    network, library = network_and_library()
    if not Record.objects.exists():
        ctx = DemoContext(records=args.records, verbosity=0)
        ctx.networks, ctx.libraries = [network], [library]
        with scopes_disabled():
            demo_catalog(ctx)
    with scopes_disabled():
        cpu, wall = time.process_time(), time.perf_counter()
        entries = list(build.catalogue_entries(hidden_codes=set()))
        n = len(entries)
        report("read (selector)", n, cpu, wall)

        def gz() -> io.TextIOWrapper:
            return io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(), mode="wb"), "utf-8")

        cpu, wall = time.process_time(), time.perf_counter()
        out = gz()
        for e in entries:
            out.write(to_marcxml(build._with_001(e)))
        report("MARCXML", n, cpu, wall)
        cpu, wall = time.process_time(), time.perf_counter()
        out = gz()
        for e in entries:
            out.write(json.dumps(build._with_001(e), ensure_ascii=False) + "\n")
        report("MARC-in-JSON", n, cpu, wall)
        cpu, wall = time.process_time(), time.perf_counter()
        table = csv.writer(gz())
        for e in entries:
            v = extract(e.marc).values
            table.writerow([e.record_id, v["title"], " | ".join(v["authors"]), v["year"]])
        report("CSV (with extraction)", n, cpu, wall)
        cpu, wall = time.process_time(), time.perf_counter()
        out = gz()
        for e in entries:
            out.write(json.dumps(build._schema_node(e, extract(e.marc).values), ensure_ascii=False))
        report("schema.org JSON-LD", n, cpu, wall)
        cpu, wall = time.process_time(), time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            dist = build.Distribution("bf", "bf.rdf.gz", "application/rdf+xml", "RDF_XML", "bf")
            bf = build._Bibframe(build._Gz(folder, dist))
            for e in entries:
                bf.add(e)
            bf.close()
            bf.out.close()
        report("BIBFRAME 2 (marc2bibframe2)", n, cpu, wall)
    cpu, wall = time.process_time(), time.perf_counter()
    build.opendata_build()
    report("whole build (all datasets)", n, cpu, wall)


def report(label: str, n: int, cpu0: float, wall0: float) -> None:
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"{label:<30} {n:>7} records  {n / wall:>9.0f} rec/s wall  "
          f"{cpu * 1e6 / max(n, 1):>8.0f} µs CPU/record  ({wall:.2f} s)")  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("THUVIEN_PUBLIC_URL", "https://thuvien.example.vn")
    main()
