from django.contrib.auth.management import create_permissions
from django.db import migrations

# What a clerk may do. Commitments and documents are never deleted (a commitment lapses instead),
# contacts are deactivated rather than deleted so that reminder history keeps its addressee, and
# the parliamentary calendar may be corrected freely.
CLERK_PERMISSIONS = {
    "commitment": ["view", "add", "change"],
    "historicalcommitment": ["view"],
    "document": ["view", "add", "change"],
    "historicaldocument": ["view"],
    "ministry": ["view", "add", "change"],
    "official": ["view", "add", "change"],
    "contact": ["view", "add", "change"],
    "committee": ["view", "add", "change"],
    "party": ["view", "add", "change"],
    "member": ["view", "add", "change"],
    "recess": ["view", "add", "change", "delete"],
    # The outbox is written by the reminder run; clerks read it and settle digests in doubt.
    "digest": ["view", "change"],
    "reminder": ["view"],
}


def create_clerks_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now so that
    # the group can be given them on a fresh database.
    app_config = apps.get_app_config("commitments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Clerks")
    codenames = [
        f"{action}_{model}" for model, actions in CLERK_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="commitments", codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_clerks_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Clerks").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_clerks_group, remove_clerks_group)]
