"""Commitments registered here leave the Tweede Kamer's number series: their TZ numbers become
numbers of our own series (settings.COMMITMENT_NUMBER_PREFIX, TL by default), and each old
number is kept as a FormerNumber so that its public address still leads to the commitment.
Commitments taken over from the Chamber (with a tk_id) keep their TZ numbers.

Two statements, whatever the number of rows; `_` matches one character in LIKE on SQLite and
PostgreSQL alike, so the pattern is TZ, six characters, a hyphen, and the sequence.
"""

from django.conf import settings
from django.db import migrations, models

OURS = "tk_id IS NULL AND number LIKE 'TZ______-%%'"


def rename(apps, schema_editor):
    prefix = settings.COMMITMENT_NUMBER_PREFIX
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO commitments_formernumber (number, commitment_id) "
            f"SELECT number, id FROM commitments_commitment WHERE {OURS}"
        )
        cursor.execute(
            f"UPDATE commitments_commitment SET number = %s || substr(number, 3) WHERE {OURS}",
            [prefix],
        )


def restore(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE commitments_commitment SET number = (SELECT f.number FROM "
            "commitments_formernumber f WHERE f.commitment_id = commitments_commitment.id "
            "AND f.number LIKE 'TZ%%') WHERE id IN (SELECT commitment_id FROM "
            "commitments_formernumber WHERE number LIKE 'TZ%%')"
        )
        cursor.execute("DELETE FROM commitments_formernumber WHERE number LIKE 'TZ%%'")


HELP = (
    "Given on registration from our own series (TLyyyymm-nnn, the month the promise was made); "
    "a chamber's commitment keeps the chamber's number."
)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0014_ministry_aliases")]

    operations = [
        migrations.RunPython(rename, restore),
        migrations.AlterField(
            model_name="commitment",
            name="number",
            field=models.CharField(
                blank=True,
                error_messages={"unique": "A commitment with this number exists already."},
                help_text=HELP,
                max_length=20,
                unique=True,
                verbose_name="number",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommitment",
            name="number",
            field=models.CharField(
                blank=True,
                error_messages={"unique": "A commitment with this number exists already."},
                help_text=HELP,
                max_length=20,
                verbose_name="number",
            ),
        ),
    ]
