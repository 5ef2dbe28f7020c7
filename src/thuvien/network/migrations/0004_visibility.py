"""Who may see what (issue 19): a library's visibility, a location's restricted/hidden flag.

Existing libraries get the default of their type (armed-forces libraries start hidden: their
holdings are shown to their own staff only, e.g. the demo's HY-BCHQS)."""

from django.db import migrations, models


def apply_defaults(apps, schema_editor):
    Library = apps.get_model("network", "Library")
    Library.objects.filter(library_type="armed_forces").update(visibility="own_staff")


class Migration(migrations.Migration):
    dependencies = [("network", "0003_featured_description_en")]

    operations = [
        migrations.AddField(
            model_name="library",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("public", "Công khai"),
                    ("network_readers", "Bạn đọc đã đăng nhập của mạng lưới"),
                    ("network_staff", "Chỉ cán bộ thư viện trong mạng lưới"),
                    ("own_staff", "Chỉ cán bộ của thư viện"),
                ],
                default="public",
                db_default="public",
                max_length=20,
                verbose_name="phạm vi hiển thị",
            ),
        ),
        migrations.AddField(
            model_name="library",
            name="share_for_copy_cataloguing",
            field=models.BooleanField(
                db_default=True, default=True, verbose_name="cho phép biên mục sao chép"
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("normal", "Bình thường"),
                    ("restricted", "Đọc hạn chế"),
                    ("hidden", "Không hiển thị"),
                ],
                default="normal",
                db_default="normal",
                max_length=20,
                verbose_name="hiển thị",
            ),
        ),
        migrations.RunPython(apply_defaults, migrations.RunPython.noop),
    ]
