from __future__ import annotations

import io

import pymarc

from thuvien.catalog.demo import demo_catalog, demo_marc_stream, write_demo_iso2709
from thuvien.catalog.marc.isbn import normalize_isbn
from thuvien.catalog.models import Record
from thuvien.core.demo import DemoContext
from thuvien.core.scoping import scopes_disabled
from thuvien.holdings.models import Item


def test_demo_records_are_real_marc(tmp_path):
    path = tmp_path / "demo.mrc"
    write_demo_iso2709(path, 300)
    reader = pymarc.MARCReader(io.BytesIO(path.read_bytes()), to_unicode=True, force_utf8=True)
    records = list(reader)
    assert len(records) == 300 and all(r is not None for r in records)
    isbns = [f["a"] for r in records for f in r.get_fields("020")]
    assert isbns and all(normalize_isbn(i) == i and i.startswith("978604") for i in isbns)
    titles = {r.title for r in records}
    assert any("Việt" in t or "Hưng Yên" in t or "Kiều" in t for t in titles)
    langs = {f.data[35:38] for r in records for f in r.get_fields("008")}
    assert {"vie", "eng"} <= langs
    assert list(demo_marc_stream(5, start=10)) == list(demo_marc_stream(5, start=10))


def test_demo_step_is_idempotent(world):
    ctx = DemoContext(records=120, verbosity=0)
    ctx.networks = [world.hung_yen, world.bac_ninh]
    ctx.libraries = world.libraries
    with scopes_disabled():
        demo_catalog(ctx)
        assert Record.objects.count() == 120
        hy_items = Item.objects.filter(library__network=world.hung_yen)
        assert hy_items.values("library").distinct().count() == 4  # every library gets copies
        assert not Item.objects.filter(
            library__network=world.bac_ninh, record__network=world.hung_yen
        ).exists()
        count = Item.objects.count()
        demo_catalog(ctx)
        assert Record.objects.count() == 120 and Item.objects.count() == count
    record = Record.objects.filter(network=world.hung_yen).first()
    assert record.title and record.match_key and record.work_key and record.title_sort


def test_demo_step_with_one_network_and_forked_generators(world, monkeypatch):
    from thuvien.catalog import demo

    monkeypatch.setattr(demo, "BATCH", 7)  # several batches, prepared by two processes
    ctx = DemoContext(records=30, verbosity=0)
    ctx.networks, ctx.libraries = [world.bac_ninh], [world.bn_provincial]
    with scopes_disabled():
        demo_catalog(ctx, parallel=True)
        records = Record.objects.filter(network=world.bac_ninh).order_by("id")
        assert records.count() == 30
        assert [r.control_number[-2:] for r in records[:3]] == ["01", "02", "03"]  # in order
        assert Item.objects.filter(library=world.bn_provincial).count() >= 30
