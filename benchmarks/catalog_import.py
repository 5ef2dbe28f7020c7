"""Import throughput and memory: UTF-8 ISO 2709 into a fresh database, outbox rows included.

    .venv/bin/python benchmarks/catalog_import.py [--records 100000] [--file F] [--drain]
                                                  [--overlap]

Writes N generated Vietnamese records (demo.catalog) to a file, imports them with
``import_run`` (matching on ISBN, 035, 001; one outbox row per record for the search index),
prints records/second and the peak resident memory during the import. ``--drain`` then feeds
the outbox to the search handler, when one is registered, and times that separately.

``--overlap`` is the shape of production instead: the real queue worker (``thuvien worker``)
runs beside the import, kicked by its commits, and indexes while the import goes on; the
figure is the wall time from the start of the import until the outbox is empty, with the CPU
of every process (the worker's builder processes included).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

from catalog_common import PeakRss, network_and_library, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--file", help="reuse this ISO 2709 file instead of generating one")
    parser.add_argument("--drain", action="store_true")
    parser.add_argument("--library", action="store_true", help="import items too (none in file)")
    parser.add_argument("--overlap", action="store_true",
                        help="index while importing, with the real queue worker")  # fmt: skip
    args = parser.parse_args()
    data = setup_django("bench-import")
    from thuvien.catalog.services import import_run
    from thuvien.core.models import OutboxEntry
    from thuvien.core.scoping import scopes_disabled
    from thuvien.demo.catalog import write_demo_iso2709

    path = args.file
    if not path:
        path = str(data / f"demo-{args.records}.mrc")
        started = time.perf_counter()
        size = write_demo_iso2709(path, args.records)
        print(f"file: {args.records} records, {size / 1e6:.0f} MB in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    # calibration: how fast plain pymarc parses right now (about 19,000 records/s when idle)
    import itertools

    import pymarc

    with open(path, "rb") as handle:
        reader = pymarc.MARCReader(handle, to_unicode=True, force_utf8=True)
        started = time.process_time()
        count = sum(1 for _ in itertools.islice(reader, 20_000))
        pymarc_rate = count / (time.process_time() - started)
    print(f"calibration: pymarc alone parses {pymarc_rate:,.0f} records per CPU-second now")
    network, library = network_and_library()
    worker = _start_worker() if args.overlap else None
    worker_cpu = _process_cpu(worker.pid) if worker else 0.0  # its start-up is not counted
    with scopes_disabled(), PeakRss() as rss:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, cpu = time.perf_counter(), time.process_time()
        report = import_run(paths=[path], network=network,
                            library=library if args.library else None)  # fmt: skip
        elapsed = import_seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        child_cpu = (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime)
    print(f"import: {report.read} read, {report.created} created, {len(report.errors)} errors "
          f"in {elapsed:.1f} s = {report.read / elapsed:,.0f} records/s")  # fmt: skip
    # two cores: the writer cannot go faster than its own CPU time, and all processes together
    # cannot use more than two cores
    bound = max(cpu, (cpu + child_cpu) / 2)
    print(f"        CPU: {cpu:.1f} s writing (this process), {child_cpu:.1f} s reading/parsing "
          f"(reader processes); on two idle cores that bounds the import at "
          f"{report.read / bound:,.0f} records/s; scaled to an idle machine (pymarc at 19,000/s) "
          f"{report.read / bound * 19_000 / pymarc_rate:,.0f} records/s")  # fmt: skip
    print(f"memory: RSS {rss.start:.0f} MB before, peak {rss.peak:.0f} MB during the import; "
          f"reader process peak {after.ru_maxrss / 1024:.0f} MB")  # fmt: skip
    print(f"outbox rows waiting for the index: {OutboxEntry.objects.count():,}")
    if worker is not None:
        _overlap_report(worker, report.read, started, cpu + child_cpu, worker_cpu)
        return
    if args.drain:
        from thuvien.core.outbox import _HANDLERS, outbox_drain

        if "catalog.record" not in _HANDLERS:
            print("drain: no handler registered for catalog.record (search app not ready)")
            return
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, drain_cpu = time.perf_counter(), time.process_time()
        done = outbox_drain()
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        builders_cpu = (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime)
        drain_cpu = time.process_time() - drain_cpu + builders_cpu
        print(f"drain: {done:,} outbox rows indexed in {elapsed:.1f} s = {done / elapsed:,.0f}/s"
              f" ({drain_cpu:.1f} s CPU, tantivy's threads and {builders_cpu:.1f} s of builder"
              f" processes included)")  # fmt: skip
        print(f"import + index: {report.read / (elapsed + import_seconds):,.0f} records/s")
        total = cpu + child_cpu + drain_cpu
        # the figure of merit on two cores: CPU of every process per record (5,000/s on two
        # idle cores needs at most 0.4 ms)
        print(f"CPU per record, all processes, import + index: {total / report.read * 1e3:.3f} ms"
              f" (import {(cpu + child_cpu) / report.read * 1e3:.3f}, index"
              f" {drain_cpu / report.read * 1e3:.3f}); load {os.getloadavg()[0]:.1f}")  # fmt: skip


def _start_worker() -> subprocess.Popen:
    """``thuvien worker`` on this benchmark's data directory (the environment is inherited)."""
    worker = subprocess.Popen([sys.executable, "-m", "thuvien.cli", "worker"])
    time.sleep(3)  # let it start consuming before the first commit kicks it
    return worker


def _process_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and of its children that it waited for (the builder pools)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _overlap_report(
    worker: subprocess.Popen, read: int, started: float, import_cpu: float, worker_cpu: float
) -> None:
    """Wait until the worker has emptied the outbox; print the overlapped figures."""
    from thuvien.core.models import OutboxEntry

    while OutboxEntry.objects.exists():
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    worker_cpu = _process_cpu(worker.pid) - worker_cpu
    worker.terminate()
    worker.wait(timeout=60)
    print(f"overlapped: import + index by the worker in {elapsed:.1f} s = "
          f"{read / elapsed:,.0f} records/s (start of the import to an empty outbox)")  # fmt: skip
    total = import_cpu + worker_cpu
    print(f"CPU per record, all processes: {total / read * 1e3:.3f} ms (import "
          f"{import_cpu / read * 1e3:.3f}, worker {worker_cpu / read * 1e3:.3f});"
          f" load {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
