from django.contrib.auth.management import create_permissions
from django.db import migrations

# API tokens move from DRF's authtoken, which keeps each key in plain text and never lets it
# expire, to django-rest-knox, which keeps only a hash and an expiry. An old key cannot become a
# knox token (knox stores the digest of a token it generated itself), and keeping old keys working
# would keep them readable in the database; so every old token is revoked and its key deleted,
# and each clerk makes a new one in the admin. The Clerks group's rights move with the tokens.
TOKEN_RIGHTS = ["view", "add", "delete"]


def rights(apps, app_label, model):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label,
        codename__in=[f"{right}_{model}" for right in TOKEN_RIGHTS],
    )


def move_to_knox(apps, schema_editor):
    app_config = apps.get_app_config("knox")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.remove(*rights(apps, "authtoken", "tokenproxy"))
    clerks.permissions.add(*rights(apps, "knox", "authtoken"))
    apps.get_model("authtoken", "Token").objects.all().delete()


def move_back(apps, schema_editor):
    # The old keys are gone for good; only the group's rights come back.
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.remove(*rights(apps, "knox", "authtoken"))
    clerks.permissions.add(*rights(apps, "authtoken", "tokenproxy"))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0010_contact_link_version"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(move_to_knox, move_back)]
