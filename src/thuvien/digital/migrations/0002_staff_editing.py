"""A replaced master points to the one that took its place (staff editing, issue 14)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("digital", "0001_initial"),
    ]

    operations = [
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
