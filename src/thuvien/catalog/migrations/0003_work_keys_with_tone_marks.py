"""Work keys of records without an ISBN keep their tone marks (``extract.make_work_key``).

The folded key made "Má" and "Mà", "Dương" and "Đường" one work, so the result list hid
different books behind one entry. Only keys made by the old rule are rekeyed. Each record whose key changes is queued in the outbox, so the
search index regroups it as the worker drains (or at the next ``thuvien reindex``).
"""

from django.db import migrations
from django.db.models import F

BATCH = 2000


def rekey(apps, schema_editor):
    from thuvien.catalog.marc.extract import make_work_key

    record_model = apps.get_model("catalog", "Record")
    outbox_model = apps.get_model("core", "OutboxEntry")
    table = schema_editor.connection.ops.quote_name(record_model._meta.db_table)
    # Only keys the old rule made (the folded match key, used when there was no ISBN): a key
    # set otherwise (another system's work id, a cataloguer's grouping) is left as it is.
    rows = record_model.objects.filter(work_key=F("match_key")).order_by("id")
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
                changed.append((key, pk))
        with schema_editor.connection.cursor() as cursor:
            sql = f"UPDATE {table} SET work_key = %s WHERE id = %s"  # noqa: S608 - from meta
            cursor.executemany(sql, changed)
        outbox_model.objects.bulk_create(
            [outbox_model(topic="catalog.record", object_id=pk) for _key, pk in changed]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_identifiers_authorities"),
        ("core", "0002_outbox_failed_index"),
    ]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
