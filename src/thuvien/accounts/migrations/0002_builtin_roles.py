"""Create the built-in roles (network admin, oversight officer, library admin, ...)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from thuvien.accounts.capabilities import BUILTIN_ROLES

    Role = apps.get_model("accounts", "Role")
    for code, (name_vi, name_en, caps, network_wide) in BUILTIN_ROLES.items():
        Role.objects.update_or_create(
            code=code,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "capabilities": sorted(caps),
                "network_wide": network_wide,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
