"""The result page's plain-row reads (``search.page_sql``) agree with the ORM they replaced."""

from __future__ import annotations

import pytest

from thuvien.catalog.models import Record
from thuvien.network.models import Library, LibraryGroup
from thuvien.search.page_sql import group_names, library_directory, record_summaries

from .factories import make_record

pytestmark = pytest.mark.django_db


def test_record_summaries_hold_the_same_values_as_the_model(world):
    a = make_record(world.hung_yen, "Ca dao xứ Bắc", year=1990, authors=["Vũ Ngọc Phan", "Ai"])
    b = make_record(world.bac_ninh, "Không năm", publisher="NXB Trẻ", language="eng")
    rows = record_summaries([b.pk, a.pk, 999_999])
    assert set(rows) == {a.pk, b.pk}  # a missing record is left out, not an error
    for record in Record.objects.filter(pk__in=[a.pk, b.pk]):
        row = rows[record.pk]
        assert (row.pk, row.id, row.network_id) == (record.pk, record.pk, record.network_id)
        for name in ("title", "authors", "publisher", "year", "material_type", "language"):
            assert getattr(row, name) == getattr(record, name), name
    assert rows[a.pk].authors == ["Vũ Ngọc Phan", "Ai"] and rows[b.pk].year is None
    assert record_summaries([]) == {}


def test_library_directory_is_every_library_in_the_menu_order(world):
    world.commune_b.is_active = False
    world.commune_b.save(update_fields=["is_active"])
    directory = library_directory()
    expected = list(
        Library.objects.order_by("network_id", "name_vi").values_list(
            "pk", "network_id", "code", "name_vi", "name_en", "is_active"
        )
    )
    assert [
        (r.pk, r.network_id, r.code, r.name_vi, r.name_en, r.is_active) for r in directory.values()
    ] == expected
    assert directory[world.commune_b.pk].is_active is False


def test_group_names(world):
    group = LibraryGroup.objects.create(
        network=world.hung_yen, code="nam", name_vi="Cụm phía Nam", name_en="South"
    )
    assert group_names([group.pk, 999_999]) == [(group.pk, "Cụm phía Nam", "South")]
    assert group_names([]) == []


def test_library_menu_offers_active_libraries_of_the_shown_network(client, world):
    world.commune_b.is_active = False
    world.commune_b.save(update_fields=["is_active"])
    html = client.get("/search/", {"q": ""}).content.decode()
    assert f'value="{world.commune_a.code}"' in html
    assert f'value="{world.commune_b.code}"' not in html  # closed
    assert f'value="{world.bn_provincial.code}"' in html
    scoped = client.get("/search/", {"q": "", "network": world.bac_ninh.code}).content.decode()
    assert f'value="{world.bn_provincial.code}"' in scoped
    assert f'value="{world.commune_a.code}"' not in scoped
    chosen = client.get("/search/", {"q": "", "library": world.commune_a.code}).content.decode()
    assert f'<option value="{world.commune_a.code}" selected>' in chosen
