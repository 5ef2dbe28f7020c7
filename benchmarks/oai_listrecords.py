"""OAI-PMH ListRecords throughput and the cost of a page deep in a harvest.

    .venv/bin/python benchmarks/oai_listrecords.py [--records 50000] [--page 500]
        [--prefix marc21] [--delete 1000] [--no-store] [--set library:BENCH-TINH] [--hide 1900]

Loads N demo records (demo.catalog step, with items) into a fresh database, deletes some
(tombstones), then harvests the whole repository with ListRecords through Django's full request
path (middleware, view, lxml serialisation) in this process, following resumption tokens:
records/s served in full pages and CPU ms per page. Then times the first page and the last page
of the harvest again, each 7 times (median), to show that the cursor makes a deep page cost what
the first does. Before the harvest the records' stored XML (``catalog.HarvestXml``) is brought
up to date as the worker would (its CPU per record is printed); with ``--no-store`` it is
emptied instead, so that every page writes its records from the MARC. ``--set`` harvests one
set (``network:bench``, ``library:BENCH-TINH``: the demo's network and its one library).
``--hide N`` gives N records a copy in a second library and hides their copies in BENCH-TINH
through the staff's service (``item_visibility_set``): each stays public and shows as deleted in
``library:BENCH-TINH`` (a ``RecordSetLeave`` that the listing checks against the hidden copy).
Set BENCH_DATA_DIR to reuse a loaded database.
"""

from __future__ import annotations

import argparse
import statistics
import time

from catalog_common import network_and_library, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--prefix", default="marc21")
    parser.add_argument("--delete", type=int, default=1000)
    parser.add_argument("--no-store", action="store_true", help="serve without stored XML")
    parser.add_argument("--set", default="", help="harvest this set (default: everything)")
    parser.add_argument("--hide", type=int, default=0, help="records hidden in BENCH-TINH")
    args = parser.parse_args()
    setup_django("bench-oai")
    from django.conf import settings
    from django.test import Client
    from lxml import etree

    from thuvien.catalog.models import Record, RecordTombstone
    from thuvien.catalog.services import record_delete
    from thuvien.core.demo import DemoContext
    from thuvien.core.scoping import scopes_disabled
    from thuvien.demo.catalog import demo_catalog

    settings.OAI_PAGE_SIZE = args.page
    network, library = network_and_library()
    if not Record.objects.exists():
        ctx = DemoContext(records=args.records, verbosity=0)
        ctx.networks, ctx.libraries = [network], [library]
        started = time.perf_counter()
        with scopes_disabled():
            demo_catalog(ctx)
        print(f"demo load: {Record.objects.count():,} records in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    if not RecordTombstone.objects.exists():
        # withdraw the copies of every 20th record, then delete it (a tombstone each)
        ids = list(Record.objects.values_list("pk", flat=True)[::20][: args.delete])
        with scopes_disabled():
            Record.items.rel.related_model.objects.filter(record_id__in=ids).update(
                status="withdrawn"
            )
        for pk in ids:
            record_delete(record=Record.objects.get(pk=pk))
    if args.hide:
        _hide(library, args.hide)
    from thuvien.catalog.models import HarvestXml
    from thuvien.catalog.services import harvest_xml_refresh

    if args.no_store:
        HarvestXml.objects.all().delete()
    else:
        cpu = time.process_time()
        written = harvest_xml_refresh()
        cpu = time.process_time() - cpu
        if written:
            print(f"stored XML: {written:,} records written, "
                  f"{cpu * 1e6 / written:.0f} µs CPU a record (both formats)")  # fmt: skip
    total_db = Record.objects.count()
    print(f"repository: {total_db:,} records, {RecordTombstone.objects.count():,} deleted")

    client = Client()
    ns = {"o": "http://www.openarchives.org/OAI/2.0/"}

    def page(params: dict[str, str]) -> tuple[float, float, int, str | None, int]:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get("/oai", params)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        root = etree.fromstring(response.content)
        count = len(root.findall(".//o:metadata", ns))  # live records with their metadata
        token = root.findtext(".//o:resumptionToken", namespaces=ns)
        return wall, cpu, count, token or None, len(root.findall(".//o:header", ns))

    first = {"verb": "ListRecords", "metadataPrefix": args.prefix}
    if args.set:
        first["set"] = args.set
    params, walls, cpus, served, full_live, deep = first, [], [], 0, [], None
    while True:
        wall, cpu, count, token, headers = page(params)
        served += headers
        if count == args.page:  # a full page of live records (deleted ones are cheap)
            walls.append(wall)
            cpus.append(cpu)
            full_live.append(params)
        if token is None:
            break
        params = {"verb": "ListRecords", "resumptionToken": token}
    deep = full_live[-1]  # the deepest full page of live records
    full, full_count = walls, args.page * len(walls)
    print(f"harvest {args.prefix} {args.set or '(all)'}: {served:,} records "
          f"(database {total_db:,}), "
          f"{len(walls)} full pages of {args.page} live records")  # fmt: skip
    print(f"full pages: {full_count / sum(full):,.0f} records/s wall, "
          f"{full_count / sum(cpus):,.0f} records per CPU-second; "
          f"CPU per page median {statistics.median(cpus) * 1000:.0f} ms, "
          f"wall per page median {statistics.median(full) * 1000:.0f} ms")  # fmt: skip
    for label, params in (("first page", first), (f"page {len(full_live)}", deep)):
        runs = [page(params) for _ in range(7)]
        print(f"{label}: wall median {statistics.median(r[0] for r in runs) * 1000:.0f} ms, "
              f"CPU median {statistics.median(r[1] for r in runs) * 1000:.0f} ms "
              f"({runs[0][2]} records)")  # fmt: skip


def _hide(library, count: int) -> None:
    """``count`` live records held by ``library`` get a copy in a second library; their copies
    in ``library`` are hidden from the public (once: a rerun finds them hidden)."""
    from thuvien.catalog.models import RecordSetLeave
    from thuvien.core.scoping import scopes_disabled
    from thuvien.holdings.models import Item
    from thuvien.holdings.services import item_create, item_visibility_set
    from thuvien.network.models import Library

    if RecordSetLeave.objects.exists():
        return
    other, _ = Library.objects.get_or_create(
        code="BENCH-XA", defaults={"network": library.network, "name_vi": "Thư viện xã đo"}
    )
    with scopes_disabled():
        held = Item.objects.filter(library=library, record__is_deleted=False).exclude(
            status="withdrawn"
        )
        ids = sorted(set(held.values_list("record_id", flat=True)))[::9][:count]
        started = time.process_time()
        for n, pk in enumerate(ids):
            copies = list(held.filter(record_id=pk).select_related("record"))
            item_create(record=copies[0].record, library=other, barcode=f"BXA{n:07d}")
            for copy in copies:
                item_visibility_set(item=copy, visibility="hidden", actor=None)
        cpu = (time.process_time() - started) * 1000 / max(len(ids), 1)
    print(f"hidden: {len(ids):,} records' copies in {library.code}, "
          f"{RecordSetLeave.objects.count():,} leaves, {cpu:.0f} ms CPU a record")  # fmt: skip

if __name__ == "__main__":
    main()
