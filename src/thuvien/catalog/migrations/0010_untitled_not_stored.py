"""Records imported without a title carried the words "[Không nhan đề]" as their title, as if
catalogued, so English pages showed them in Vietnamese. They now store an empty title (pages
show the placeholder in their own language, ``catalog.titles``). Only records whose MARC does
not hold those words are changed (a cataloguer who wrote them in 245 keeps them); their keys
lose the placeholder as a fresh extraction would, and the search index is told (outbox)."""

import json

from django.db import migrations

PLACEHOLDER = "[Không nhan đề]"
EMPTY_SORT = "\x01"  # the sort string of an empty title (catalog.marc.extract.fast_sort_string)


def _without_title(key: str) -> str:
    # match_key and work_key are "title|author|year"
    return "|" + key.split("|", 1)[1] if "|" in key else key


def forwards(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    OutboxEntry = apps.get_model("core", "OutboxEntry")
    changed = []
    rows = Record.objects.filter(title=PLACEHOLDER).only("pk", "marc", "match_key", "work_key")
    for record in rows.iterator(chunk_size=500):
        if PLACEHOLDER in json.dumps(record.marc, ensure_ascii=False):
            continue  # catalogued with these words: data, kept
        record.title = ""
        record.title_sort = EMPTY_SORT
        record.match_key = _without_title(record.match_key)
        record.work_key = _without_title(record.work_key)
        record.save(update_fields=["title", "title_sort", "match_key", "work_key"])
        changed.append(record.pk)
    OutboxEntry.objects.bulk_create(
        [OutboxEntry(topic="catalog.record", object_id=pk) for pk in changed], batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_record_set_leaves"),
        ("core", "0002_outbox_failed_index"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
