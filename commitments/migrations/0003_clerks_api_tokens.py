from django.contrib.auth.management import create_permissions
from django.db import migrations

# A clerk keeps an API token for their own scripts: see it, make it, revoke it.
TOKEN_PERMISSIONS = ["view_tokenproxy", "add_tokenproxy", "delete_tokenproxy"]


def token_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="authtoken", codename__in=TOKEN_PERMISSIONS
    )


def give_clerks_tokens(apps, schema_editor):
    app_config = apps.get_app_config("authtoken")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.add(*token_permissions(apps))


def take_tokens_away(apps, schema_editor):
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.remove(*token_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0002_clerks_group"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(give_clerks_tokens, take_tokens_away)]
