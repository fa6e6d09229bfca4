from django.contrib.auth.management import create_permissions
from django.db import migrations

# Clerks read what ministries answered and accept or reject it.
RESPONSE_PERMISSIONS = ["view_contactresponse", "change_contactresponse"]


def response_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="commitments", codename__in=RESPONSE_PERMISSIONS
    )


def let_clerks_review(apps, schema_editor):
    app_config = apps.get_app_config("commitments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.add(*response_permissions(apps))


def stop_clerks_reviewing(apps, schema_editor):
    clerks = apps.get_model("auth", "Group").objects.get(name="Clerks")
    clerks.permissions.remove(*response_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("commitments", "0004_contact_loop")]

    operations = [migrations.RunPython(let_clerks_review, stop_clerks_reviewing)]
