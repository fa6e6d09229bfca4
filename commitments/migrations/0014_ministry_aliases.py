"""Seed the other names of ministries (`MinistryAlias`): posts within a ministry ("Buitenlandse
Handel en Ontwikkelingssamenwerking" within Buitenlandse Zaken) and earlier names of renamed
ministries (LNV -> LVVN, V&J -> JenV), from commitments/tk/ministry_names.py, where each is sourced.

Only a database that already holds ministries is seeded: there the target ministries are found
(by name, without case, accents or "Ministerie van", or by abbreviation) or created, and a
ministry still under its earlier name, with no row under its current one, is renamed in place
(its commitments belong to the renamed department). An empty database (a new installation, the
test database) gets the same rows from the import on first use (commitments/tk/ministries.py),
so that a new installation's clerks are not handed ministries they never asked for.

Clerks may view, add, change and delete these names (commitments/admin/register.py).

Reversing removes the seeded names and the clerks' permissions; a renamed ministry keeps its new
name.
"""

import re
import unicodedata

from django.contrib.auth.management import create_permissions
from django.db import migrations

from commitments.tk.ministry_names import ALIASES, KNOWN, RENAMED

ABBREVIATION_LENGTH = 20
ALIAS_PERMISSIONS = [f"{action}_ministryalias" for action in ("view", "add", "change", "delete")]


def key(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower().replace("&", " en ")).strip()
    return re.sub(r"^(het )?ministerie (van|voor) ", "", words)


def seed(apps, schema_editor):
    Ministry = apps.get_model("commitments", "Ministry")
    MinistryAlias = apps.get_model("commitments", "MinistryAlias")
    ministries = list(Ministry.objects.all())
    if not ministries:
        return
    by_key = {key(ministry.name): ministry for ministry in ministries}
    abbreviations = {ministry.abbreviation.lower(): ministry for ministry in ministries}
    for old, new in RENAMED.items():
        ministry = by_key.get(key(old))
        if ministry is None or key(new) in by_key:
            continue
        ministry.name = new
        if KNOWN[new].lower() not in abbreviations:
            ministry.abbreviation = KNOWN[new]
            abbreviations[KNOWN[new].lower()] = ministry
        ministry.save(update_fields=["name", "abbreviation"])
        by_key[key(new)] = ministry
    for alias, target in ALIASES.items():
        ministry = by_key.get(key(target)) or abbreviations.get(KNOWN[target].lower())
        if ministry is None:
            ministry = Ministry.objects.create(
                name=target, abbreviation=unique(KNOWN[target], abbreviations)
            )
            by_key[key(target)] = abbreviations[ministry.abbreviation.lower()] = ministry
        MinistryAlias.objects.get_or_create(name=alias, defaults={"ministry": ministry})


def unique(abbreviation, taken):
    candidate, suffix = abbreviation, 2
    while candidate.lower() in taken:
        tail = str(suffix)
        candidate = abbreviation[: ABBREVIATION_LENGTH - len(tail)] + tail
        suffix += 1
    return candidate


def unseed(apps, schema_editor):
    apps.get_model("commitments", "MinistryAlias").objects.filter(name__in=list(ALIASES)).delete()


def alias_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="commitments", codename__in=ALIAS_PERMISSIONS
    )


def let_clerks_edit_aliases(apps, schema_editor):
    # Permissions are normally made after all migrations have run (as in 0002).
    app_config = apps.get_app_config("commitments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for clerks in apps.get_model("auth", "Group").objects.filter(name="Clerks"):
        clerks.permissions.add(*alias_permissions(apps))


def stop_clerks_editing_aliases(apps, schema_editor):
    for clerks in apps.get_model("auth", "Group").objects.filter(name="Clerks"):
        clerks.permissions.remove(*alias_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0013_tk_register_real_shape"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(let_clerks_edit_aliases, stop_clerks_editing_aliases),
    ]
