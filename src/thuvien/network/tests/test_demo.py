"""The demo step builds a realistic merged network and can run twice."""

from __future__ import annotations

import datetime as dt

import pytest

from thuvien.core.demo import DemoContext, demo_steps
from thuvien.network import selectors
from thuvien.network.models import ClosedDay, Library, LibraryGroup, Network


@pytest.mark.django_db
def test_demo_step_is_realistic_and_idempotent():
    step = dict((name, fn) for _order, name, fn in demo_steps())["network"]
    ctx = DemoContext(verbosity=0)
    step(ctx)
    hy = Network.objects.get(code="hung-yen")
    tb = Network.objects.get(code="thai-binh")
    assert tb.merged_into == hy and not tb.is_active
    assert Network.objects.get(code="bac-giang").merged_into.code == "bac-ninh"
    hy_libs = Library.objects.filter(network=hy)
    assert hy_libs.filter(library_type="provincial").count() == 2
    assert hy_libs.filter(library_type="commune").count() >= 10
    assert hy_libs.filter(library_type="school").count() == 5
    assert hy_libs.filter(library_type="specialised").count() == 1
    assert hy_libs.filter(library_type="armed_forces").count() == 1
    assert all(lib.locations.exists() and lib.opening_hours.exists() for lib in hy_libs)
    assert ClosedDay.objects.filter(network=hy, date=dt.date(2027, 9, 2)).exists()
    assert LibraryGroup.objects.get(network=hy, code="truong-hoc").libraries.count() == 5
    assert LibraryGroup.objects.get(network=hy, code="former-thai-binh").libraries.count() == 8
    # Before the merger the Thái Bình libraries counted in Thái Bình.
    assert selectors.libraries_at(network=tb, date=dt.date(2024, 12, 31)).count() == 8
    assert [n.code for n in ctx.networks] == ["hung-yen", "bac-ninh"]
    assert ctx.libraries[0].code == "HY-TINH"
    counts = (Network.objects.count(), Library.objects.count(), ClosedDay.objects.count())

    again = DemoContext(verbosity=0)
    step(again)
    assert (Network.objects.count(), Library.objects.count(), ClosedDay.objects.count()) == counts
    assert len(again.libraries) == len(ctx.libraries)


@pytest.mark.django_db
def test_demo_featured_collections_find_demo_records(settings, tmp_path):
    """Each demo collection's search (scoped to its library or network) finds demo records."""
    from django.http import QueryDict
    from django_scopes import scopes_disabled

    from thuvien.network.models import FeaturedCollection
    from thuvien.search.selectors import search_catalogue

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    steps = dict((name, fn) for _order, name, fn in demo_steps())
    ctx = DemoContext(records=1000, verbosity=0)
    with scopes_disabled():
        for name in ("network", "catalog", "search"):
            steps[name](ctx)
    collections = list(FeaturedCollection.objects.select_related("network", "library"))
    titles = {c.title_vi for c in collections}
    assert {"Tài liệu địa chí Hưng Yên", "Sách thiếu nhi", "Văn học Việt Nam"} <= titles
    assert any(c.library_id for c in collections) and any(not c.library_id for c in collections)
    for collection in collections:
        page = search_catalogue(params=QueryDict(collection.search_query))
        assert page.total > 0, collection.title_vi
    steps["network"](DemoContext(verbosity=0))  # idempotent
    assert FeaturedCollection.objects.count() == len(collections)
