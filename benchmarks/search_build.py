"""Build the search benchmark: a database of N records with items, then time ``reindex``.

    .venv/bin/python benchmarks/search_build.py --records 1000000

Everything lives under THUVIEN_DATA_DIR (default /tmp/thuvien-bench): the SQLite database and
the index. The catalogue's demo generator (step 20) was a stub when this was written, so the
records come from ``search_corpus`` (real-looking Vietnamese titles, names, subjects; one in ten
English from the Library of Congress sample) and are written with bulk inserts; the index is
then rebuilt from the database by the same ``reindex_all`` that ``thuvien reindex`` runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("THUVIEN_DATA_DIR", "/tmp/thuvien-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
sys.path.insert(0, str(HERE))


def setup() -> None:
    import django

    django.setup()


def libraries(n: int) -> list:
    from thuvien.network.models import Library, LibraryGroup, LibraryType, Network

    net, _ = Network.objects.get_or_create(
        code="bench", defaults={"name_vi": "Mạng lưới thử tải", "province": "Hưng Yên"}
    )
    libs = []
    for i in range(n):
        kind = (
            LibraryType.PROVINCIAL
            if i == 0
            else (LibraryType.SCHOOL if i % 7 == 0 else LibraryType.COMMUNE)
        )
        lib, _ = Library.objects.get_or_create(
            code=f"BENCH-{i:02d}",
            defaults={
                "network": net,
                "name_vi": "Thư viện tỉnh thử tải" if i == 0 else f"Thư viện xã thử tải {i}",
                "library_type": kind,
                "parent": libs[0] if libs else None,
            },
        )
        libs.append(lib)
    group, _ = LibraryGroup.objects.get_or_create(network=net, name_vi="Cụm phía Nam")
    group.libraries.set(libs[1:10])
    return libs


def fill(n: int, libs: list) -> None:
    from django.db import transaction
    from search_corpus import rows

    from thuvien.catalog.models import Record
    from thuvien.core.scoping import scopes_disabled
    from thuvien.core.text import vi_sort_string
    from thuvien.holdings.models import Item

    have = Record.objects.count()
    if have >= n:
        print(f"database already holds {have} records")
        return
    Record.objects.all().delete() if have else None
    started = time.perf_counter()
    batch_r: list = []
    batch_i: list = []
    today = date(2026, 11, 1)
    net = libs[0].network
    with scopes_disabled():
        for row in rows(n, libraries=len(libs)):
            items = row.pop("items")
            rid = row["id"]
            marc = {
                "leader": "00000nam a2200000 a 4500",
                "fields": [{"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": row["title"]}]}}],
            }
            batch_r.append(
                Record(
                    network=net,
                    marc=marc,
                    title_sort=vi_sort_string(row["title"][:80], width=120),
                    **row,
                )
            )
            for k, (lib, status, callno) in enumerate(items):
                batch_i.append(
                    Item(
                        library=libs[lib],
                        record_id=rid,
                        barcode=f"B{rid:08d}{k}",
                        status=status,
                        call_number=callno,
                        acquired_on=today - timedelta(days=(n - rid) // 500),
                    )
                )
            if len(batch_r) >= 5000:
                with transaction.atomic():
                    Record.objects.bulk_create(batch_r, batch_size=1000)
                    Item.objects.bulk_create(batch_i, batch_size=2000)
                batch_r, batch_i = [], []
                if rid % 100_000 == 0:
                    print(f"  {rid} records ({time.perf_counter() - started:.0f} s)", flush=True)
        with transaction.atomic():
            Record.objects.bulk_create(batch_r, batch_size=1000)
            Item.objects.bulk_create(batch_i, batch_size=2000)
    print(f"database filled in {time.perf_counter() - started:.0f} s")


def replicate(n: int) -> None:
    """Fill up to ``n`` records by copying the records (and their copies) already generated,
    inside the database (INSERT ... SELECT): minutes instead of an hour for a million on a
    busy machine, for benchmarks that measure volume (backup, restore), not variety."""
    from django.db import connection, transaction

    from thuvien.catalog.models import Record
    from thuvien.holdings.models import Item

    base = Record.objects.count()
    if base == 0 or base >= n:
        return
    top = Record.objects.order_by("-pk").values_list("pk", flat=True).first()
    started = time.perf_counter()
    q = connection.ops.quote_name
    rec_cols = [f.column for f in Record._meta.concrete_fields if not f.primary_key]
    item_cols = [
        f.column
        for f in Item._meta.concrete_fields
        if f.column not in ("id", "record_id", "barcode")
    ]
    copy = 1
    while Record.objects.count() < n:
        off = copy * top
        want = n - Record.objects.count()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {q(Record._meta.db_table)} (id, {', '.join(map(q, rec_cols))}) "
                f"SELECT id + %s, {', '.join(map(q, rec_cols))} "
                f"FROM {q(Record._meta.db_table)} WHERE id <= %s ORDER BY id LIMIT %s",
                [off, top, want],
            )
            cur.execute(
                f"INSERT INTO {q(Item._meta.db_table)} (record_id, barcode, "
                f"{', '.join(map(q, item_cols))}) "
                f"SELECT record_id + %s, barcode || %s, {', '.join(map(q, item_cols))} "
                f"FROM {q(Item._meta.db_table)} WHERE record_id IN "
                f"(SELECT id - %s FROM {q(Record._meta.db_table)} WHERE id > %s)",
                [off, f"-{copy}", off, off],
            )
        copy += 1
        print(
            f"  {Record.objects.count()} records ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for model in (Record, Item):
                table = model._meta.db_table
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {q(table)}))"
                )
    print(f"replicated to {n} records in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--libraries", type=int, default=30)
    parser.add_argument("--skip-reindex", action="store_true")
    parser.add_argument("--workers", type=int, default=0, help="builders (0 = auto, 1 = serial)")
    parser.add_argument(
        "--generate",
        type=int,
        default=0,
        help="generate only this many records, then copy them inside the database up to "
        "--records (fast; for the backup and restore benchmark)",
    )
    args = parser.parse_args()
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    libs = libraries(args.libraries)
    if args.generate and args.generate < args.records:
        from thuvien.catalog.models import Record

        if Record.objects.count() < args.generate:
            fill(args.generate, libs)
        replicate(args.records)
    else:
        fill(args.records, libs)
    if args.skip_reindex:
        return
    import resource

    from thuvien.search.indexing import reindex_all

    def cpu(who: int) -> float:
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    own, kids = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    stats = reindex_all(
        workers=args.workers, progress=lambda k: print(f"  indexed {k}", flush=True)
    )
    own, kids = cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - kids
    n = stats["documents"]
    print(
        f"REINDEX {int(n)} records in {stats['seconds']:.1f} s "
        f"({n / stats['seconds']:.0f} records/s)"
    )
    # The figure to steer by on a shared machine: CPU of every process per record (1M in
    # 120 s on two idle cores needs at most 0.24 ms).
    print(
        f"CPU {(own + kids) / n * 1e3:.3f} ms a record (this process with tantivy's threads "
        f"{own / n * 1e3:.3f}, builder processes {kids / n * 1e3:.3f}); "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
