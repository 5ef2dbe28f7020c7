"""How long the staff catalogue search takes to page through a million records.

A fresh SQLite database (or PostgreSQL with THUVIEN_DATABASE_URL) gets the 2,000 real UVA
records through the importer, then copies of them (SQL, with spread ``updated_at``) up to
``--records``. Then the browse list (no words) is timed on its first page, a deep page (a cursor
90% down the list) and the page before it, each with its real count, as the view runs them.

    .venv/bin/python benchmarks/catalog_staff_search.py --records 1000000
"""

from __future__ import annotations

import argparse
import statistics
import time

from catalog_common import ROOT, network_and_library, setup_django

UVA = ROOT / ".." / "shared" / "data" / "marc" / "solrmarc-tests" / "uva_001_2000.mrc"


def grow(network_id: int, target: int) -> int:
    from django.db import connection, transaction

    from thuvien.catalog.models import Record

    table = Record._meta.db_table
    columns = [
        f.column for f in Record._meta.concrete_fields if f.column not in ("id", "updated_at")
    ]
    cols = ", ".join(columns)
    count = Record.objects.count()
    if count >= target:  # a kept data dir (BENCH_DATA_DIR): already grown
        return count
    with connection.cursor() as cursor:
        while count < target:
            take = min(count, target - count)
            with transaction.atomic():
                cursor.execute(
                    f"INSERT INTO {table} ({cols}, updated_at) SELECT {cols}, updated_at "  # noqa: S608
                    f"FROM {table} ORDER BY id LIMIT %s",
                    [take],
                )
            count += take
    # spread the modification times over ten years, as a real catalogue's are
    with connection.cursor() as cursor, transaction.atomic():
        if connection.vendor == "sqlite":
            cursor.execute(
                f"UPDATE {table} SET updated_at = "  # noqa: S608
                "strftime('%Y-%m-%d %H:%M:%f', '2016-01-01', '+' || (id * 317) || ' seconds')"
            )
        else:
            cursor.execute(
                f"UPDATE {table} SET updated_at = "  # noqa: S608
                "timestamp with time zone '2016-01-01' + id * 317 * interval '1 second'"
            )
    return count


def timed(fn, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    data = setup_django("staff-search")
    network, _library = network_and_library()
    from thuvien.catalog.models import Record
    from thuvien.catalog.selectors import record_keyset_page
    from thuvien.catalog.services import import_run

    import_run(paths=[UVA], network=network, match_rules="")
    started = time.perf_counter()
    total = grow(network.pk, args.records)
    print(f"data dir {data}: {total} records in {time.perf_counter() - started:.0f} s")
    base = Record.objects.filter(network=network, is_deleted=False)

    def page(**cursor):
        return record_keyset_page(records=base, by_updated=True, size=25, **cursor)

    ms, first = timed(page)
    print(f"first page + count: {ms:.1f} ms (count {first.count})")
    deep = base.order_by("-updated_at", "-id")[int(total * 0.9) : int(total * 0.9) + 1].get()
    cursor = f"{deep.updated_at.isoformat()}~{deep.pk}"
    ms, after = timed(lambda: page(after=cursor))
    print(f"page after 90% of the list + count: {ms:.1f} ms ({len(after.records)} records)")
    ms, before = timed(lambda: page(before=cursor))
    print(f"page before it + count: {ms:.1f} ms ({len(before.records)} records)")
    ms, _ = timed(lambda: base.count())
    print(f"count alone: {ms:.1f} ms")


if __name__ == "__main__":
    main()
