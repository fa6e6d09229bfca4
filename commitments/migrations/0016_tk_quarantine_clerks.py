"""Clerks read the Tweede Kamer records that the import quarantined (commitments/admin/sync.py):
the permission to view them, nothing more; the import alone writes and resolves them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

QUARANTINE_PERMISSIONS = ["view_tkquarantine"]


def quarantine_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="commitments", codename__in=QUARANTINE_PERMISSIONS
    )


def let_clerks_read_the_quarantine(apps, schema_editor):
    # Permissions are normally made after all migrations have run (as in 0002).
    app_config = apps.get_app_config("commitments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for clerks in apps.get_model("auth", "Group").objects.filter(name="Clerks"):
        clerks.permissions.add(*quarantine_permissions(apps))


def stop_clerks_reading_the_quarantine(apps, schema_editor):
    for clerks in apps.get_model("auth", "Group").objects.filter(name="Clerks"):
        clerks.permissions.remove(*quarantine_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0015_local_number_series"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(let_clerks_read_the_quarantine, stop_clerks_reading_the_quarantine)
    ]
