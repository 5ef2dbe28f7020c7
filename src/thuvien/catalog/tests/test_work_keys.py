"""Work keys keep tone marks: records differing only in marks are listed as different works,
and the migration rekeys records stored with the old folded keys."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F

from thuvien.catalog.marc.mij import build
from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.core.models import OutboxEntry
from thuvien.core.outbox import outbox_drain
from thuvien.holdings.services import item_create
from thuvien.search.selectors import search_catalogue

pytestmark = pytest.mark.django_db
rekey = importlib.import_module("thuvien.catalog.migrations.0003_work_keys_with_tone_marks").rekey


@pytest.fixture(autouse=True)
def own_index(settings, tmp_path):
    """An empty index: other catalog tests' records (on PostgreSQL ids are never reused)
    must not be counted here."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"


SPELLINGS = ["Ma", "Mà", "Má", "Mả", "Mã", "Mạ", "Dương", "Đường"]


def _marc(title: str, author: str) -> dict:
    return build("00000nam a2200000 i 4500", [
        ("100", "1", " ", [("a", author)]),
        ("245", "1", "0", [("a", title)]),
        ("264", " ", "1", [("c", "2020")]),
    ])  # fmt: skip


def test_titles_that_differ_in_tone_marks_are_listed_apart(world):
    for n, word in enumerate(SPELLINGS):
        record = record_create(network=world.hung_yen, marc=_marc(f"{word} sortkw", f"{word} Văn"))
        item_create(record=record, library=world.provincial, barcode=f"WK{n}")
    twin = record_create(network=world.hung_yen, marc=_marc("Mà sortkw.", "MÀ VĂN"))
    item_create(record=twin, library=world.commune_a, barcode="WK-TWIN")
    outbox_drain()
    page = search_catalogue(params={"q": "sortkw"})
    assert page.total == 9
    assert len(page.rows) == 8  # the one real twin is grouped, nothing else
    grouped = [row for row in page.rows if row.hit.cluster_size > 1]
    assert [row.hit.cluster_size for row in grouped] == [2]
    assert grouped[0].record.title.startswith("Mà sortkw")


def test_the_migration_rekeys_folded_keys_and_queues_the_records(world):
    kept = record_create(network=world.hung_yen, marc=_marc("Má rekeykw", "Má Văn"))
    other = record_create(network=world.hung_yen, marc=_marc("Mà rekeykw", "Mà Văn"))
    with_isbn = record_create(network=world.hung_yen, marc=build("00000nam a2200000 i 4500", [
        ("020", " ", " ", [("a", "9786040000002")]),
        ("245", "1", "0", [("a", "Có ISBN")]),
    ]))  # fmt: skip
    custom = record_create(network=world.hung_yen, marc=_marc("Dương rekeykw", "Dương Văn"))
    Record.objects.filter(pk=custom.pk).update(work_key="work:from-another-system")
    new_keys = dict(Record.objects.values_list("id", "work_key"))
    # stored by the old rule: the folded match key
    Record.objects.filter(pk__in=[kept.pk, other.pk]).update(work_key=F("match_key"))
    assert Record.objects.get(pk=kept.pk).work_key == "ma rekeykw|ma van|2020"
    OutboxEntry.objects.all().delete()
    rekey(apps, SimpleNamespace(connection=connection))
    assert dict(Record.objects.values_list("id", "work_key")) == new_keys
    assert new_keys[kept.pk] != new_keys[other.pk]
    assert new_keys[with_isbn.pk].startswith("isbn:")
    assert new_keys[custom.pk] == "work:from-another-system"  # not made by the old rule: kept
    queued = sorted(OutboxEntry.objects.values_list("topic", "object_id"))
    assert queued == sorted([("catalog.record", kept.pk), ("catalog.record", other.pk)])
