"""Seed the other names of ministries (`MinistryAlias`): posts within a ministry ("Buitenlandse
Handel en Ontwikkelingssamenwerking" within Buitenlandse Zaken) and earlier names of renamed
ministries (LNV -> LVVN, V&J -> JenV), from commitments/tk/ministry_names.py, where each is sourced.

Only a database that already holds ministries is seeded: there the target ministries are found
(by name, without case, accents or "Ministerie van", or by abbreviation) or created, and a
ministry still under its earlier name, with no row under its current one, is renamed in place
(its commitments belong to the renamed department). An empty database (a new installation, the
test database) gets the same rows from the import on first use (commitments/tk/ministries.py),
so that a new installation's clerks are not handed ministries they never asked for.

Reversing removes the seeded names; a renamed ministry keeps its new name.
"""

import re
import unicodedata

from django.db import migrations

from commitments.tk.ministry_names import ALIASES, KNOWN, RENAMED

ABBREVIATION_LENGTH = 20


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


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0013_tk_register_real_shape"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
