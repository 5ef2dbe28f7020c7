"""Records without a title sort after the titled ones in title order (their index documents'
``title_sort`` is ``search.documents.UNTITLED_SORT``, no longer the catalogue's "\\x01" that came
before "A"). The index is not a table: the records whose title has no letter to order by are put
on the outbox, and the worker rewrites their documents. ``thuvien reindex`` does the same for
every record."""

from django.db import migrations
from django.db.models import Q

BATCH = 2000


def queue_untitled(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    OutboxEntry = apps.get_model("core", "OutboxEntry")
    ids = (
        Record.objects.filter(Q(title="") | Q(title_sort__startswith="\x01"), is_deleted=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batch: list = []
    for pk in ids.iterator(chunk_size=BATCH):
        batch.append(OutboxEntry(topic="catalog.record", object_id=pk))
        if len(batch) == BATCH:
            OutboxEntry.objects.bulk_create(batch)
            batch = []
    OutboxEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_untitled_not_stored"),
        ("core", "0002_outbox_failed_index"),
    ]

    operations = [migrations.RunPython(queue_untitled, migrations.RunPython.noop)]
