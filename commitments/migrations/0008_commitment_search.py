import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# The search document of a commitment, kept up to date by the database itself: whatever writes
# a commitment (the admin, the API, the Tweede Kamer import, raw SQL) keeps its search current.
# The trigger fires only when the summary or the text is written, so the overdue sweep, which
# writes neither, never re-indexes a text. 'dutch' is settings.SEARCH_CONFIG, with which the
# searches parse their queries; change both together.
CREATE_SEARCH = """
CREATE INDEX IF NOT EXISTS commitment_search_document_idx
    ON commitments_commitmentsearch USING gin (document);

CREATE OR REPLACE FUNCTION commitments_refresh_search() RETURNS trigger AS $$
BEGIN
    INSERT INTO commitments_commitmentsearch (commitment_id, document)
    VALUES (
        NEW.id,
        to_tsvector('dutch'::regconfig, COALESCE(NEW.summary, '') || ' ' || COALESCE(NEW.text, ''))
    )
    ON CONFLICT (commitment_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER commitment_refresh_search
    AFTER INSERT OR UPDATE OF summary, text ON commitments_commitment
    FOR EACH ROW EXECUTE FUNCTION commitments_refresh_search();

INSERT INTO commitments_commitmentsearch (commitment_id, document)
SELECT id, to_tsvector('dutch'::regconfig, COALESCE(summary, '') || ' ' || COALESCE(text, ''))
FROM commitments_commitment
ON CONFLICT (commitment_id) DO NOTHING;
"""

DROP_SEARCH = """
DROP TRIGGER IF EXISTS commitment_refresh_search ON commitments_commitment;
DROP FUNCTION IF EXISTS commitments_refresh_search();
"""


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SEARCH)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SEARCH)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_indexes_for_sorting"),
    ]

    operations = [
        migrations.CreateModel(
            name="CommitmentSearch",
            fields=[
                (
                    "commitment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="commitments.commitment",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"verbose_name": "search document"},
        ),
        migrations.RunPython(create_search, drop_search),
    ]
