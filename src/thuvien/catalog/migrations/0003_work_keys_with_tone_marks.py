"""Work keys of records without an ISBN keep their tone marks (``extract.make_work_key``).

The folded key made "Má" and "Mà", "Dương" and "Đường" one work, so the result list hid
different books behind one entry. Each record whose key changes is queued in the outbox, so the
search index regroups it as the worker drains (or at the next ``thuvien reindex``).
"""

from django.db import migrations

BATCH = 2000


def rekey(apps, schema_editor):
    from thuvien.catalog.marc.extract import make_work_key

    record_model = apps.get_model("catalog", "Record")
    outbox_model = apps.get_model("core", "OutboxEntry")
    rows = record_model.objects.exclude(work_key__startswith="isbn:").order_by("id")
    last = 0
    while True:
        page = list(
            rows.filter(id__gt=last).values_list("id", "title", "authors", "year", "work_key")[
                :BATCH
            ]
        )
        if not page:
            break
        last = page[-1][0]
        changed = []
        for pk, title, authors, year, old in page:
            key = make_work_key(title or "", (authors or [""])[0] or "", year)[:255]
            if key != old:
                changed.append(record_model(pk=pk, work_key=key))
        record_model.objects.bulk_update(changed, ["work_key"], batch_size=500)
        outbox_model.objects.bulk_create(
            [outbox_model(topic="catalog.record", object_id=r.pk) for r in changed]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_identifiers_authorities"),
        ("core", "0002_outbox_failed_index"),
    ]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
