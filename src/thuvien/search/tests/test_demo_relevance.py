"""A generated demo catalogue is a relevance test bed: its targets occur once, each with the
query a reader would type (with or without tone marks), and the search must rank it first
among a thousand look-alike titles ("Lịch sử Đảng bộ xã Tiên Lữ", "Kỹ thuật trồng nhãn")."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict

from thuvien.core.demo import DemoContext
from thuvien.core.scoping import scopes_disabled
from thuvien.demo.catalog import demo_catalog, demo_targets
from thuvien.search.indexing import reindex_all
from thuvien.search.selectors import search_catalogue


def test_every_demo_target_is_found_first_by_its_query(world, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    ctx = DemoContext(records=1500, verbosity=0)
    ctx.networks = [world.hung_yen, world.bac_ninh]
    ctx.libraries = world.libraries
    with scopes_disabled():
        demo_catalog(ctx)
    reindex_all(workers=1)
    targets = demo_targets(1500 * 85 // 100)
    assert len(targets) >= 20
    misses = []
    for target in targets:
        page = search_catalogue(params=QueryDict(urlencode({"q": target.query})), facets=False)
        first = page.rows[0].record.title if page.rows else None
        if first is None or not first.startswith(target.title):
            misses.append((target.query, target.title, first, page.total))
    assert not misses, misses
