"""A record without a title stores none (the placeholder is shown, translated, at display
time); the migration empties the placeholder that imports stored, and only where the MARC does
not carry those words."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.mij import build
from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create
from thuvien.core.models import OutboxEntry

pytestmark = pytest.mark.django_db
forwards = importlib.import_module("thuvien.catalog.migrations.0010_untitled_not_stored").forwards


def _marc(title: str | None) -> dict:
    fields = [("100", "1", " ", [("a", "Trần Văn Khuyết")]), ("264", " ", "1", [("c", "1998")])]
    if title is not None:
        fields.insert(1, ("245", "1", "0", [("a", title)]))
    return build("00000nam a2200000 i 4500", fields)


def test_a_record_without_245_extracts_an_empty_title():
    values = extract(_marc(None)).values
    assert values["title"] == "" and values["title_sort"] == "\x01"  # an empty sort string
    assert values["match_key"] == "|tran van khuyet|1998"
    assert str(Record(title="")) == "[Không nhan đề]"
    with translation.override("en"):
        assert str(Record(title="")) == "[Untitled]"


def test_the_migration_empties_the_stored_placeholder_only(world):
    imported = record_create(network=world.hung_yen, marc=_marc("Placeholder test"))
    catalogued = record_create(network=world.hung_yen, marc=_marc("[Không nhan đề]"))
    untouched = record_create(network=world.hung_yen, marc=_marc("Truyện Kiều"))
    # what an import stored before: the MARC has no 245, the title column the placeholder
    Record.objects.filter(pk=imported.pk).update(
        marc=_marc(None),
        title="[Không nhan đề]",
        title_sort="khong nhan đe",
        match_key="khong nhan de|tran van khuyet|1998",
        work_key="khongf nhan ddeef|" + extract(_marc(None)).values["work_key"].split("|", 1)[1],
    )
    before = dict(Record.objects.values_list("id", "title"))
    OutboxEntry.objects.all().delete()
    forwards(apps, SimpleNamespace(connection=connection))
    imported.refresh_from_db()
    assert imported.title == ""
    assert imported.title_sort == extract(_marc(None)).values["title_sort"]
    assert imported.match_key == extract(_marc(None)).values["match_key"]
    assert imported.work_key == extract(_marc(None)).values["work_key"]
    assert Record.objects.get(pk=catalogued.pk).title == "[Không nhan đề]"  # catalogued so
    assert Record.objects.get(pk=untouched.pk).title == before[untouched.pk]
    assert list(OutboxEntry.objects.values_list("topic", "object_id")) == [
        ("catalog.record", imported.pk)
    ]
