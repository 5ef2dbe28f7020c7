"""Give the new capability to override a circulation rule to the built-in administrator roles
that already exist (new installations get it from ``BUILTIN_ROLES`` in 0002)."""

from django.db import migrations

CAP = "can_override_circulation"


def add(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code__in=("network_admin", "library_admin")):
        if CAP not in role.capabilities:
            role.capabilities = sorted([*role.capabilities, CAP])
            role.save(update_fields=["capabilities"])


def remove(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.all():
        if CAP in role.capabilities:
            role.capabilities = [c for c in role.capabilities if c != CAP]
            role.save(update_fields=["capabilities"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_user_working_library")]
    operations = [migrations.RunPython(add, remove)]
