"""A replaced master points to the one that took its place; a page can be a recording
(audio/video canvas with a duration). Staff editing and media, issue 14."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("digital", "0002_oai_tombstones"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="media",
            field=models.CharField(blank=True, default="", max_length=8),
        ),
        migrations.AddField(
            model_name="page",
            name="duration",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="digitalfile",
            name="replaced_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="digital.digitalfile",
            ),
        ),
    ]
