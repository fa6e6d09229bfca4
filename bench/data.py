"""Realistic data at any size, generated inside PostgreSQL in seconds rather than hours.

Twelve ministries, as in a Dutch cabinet, and one more per 50,000 commitments (a deployment
that serves several parliaments), each with a coordinator and a senior contact; letter-length
texts; a mix of statuses and due dates like the Tweede Kamer's register: about a fifth without a
date, most of the rest in the past.
"""

from django.db import connection

TABLES = [
    "commitments_reminder",
    "commitments_digest",
    "commitments_historicalcommitment",
    "commitments_historicalcommitment_made_to",
    "commitments_historicalcommitment_made_to_parties",
    "commitments_commitment_made_to",
    "commitments_commitment_made_to_parties",
    "commitments_commitment",
    "commitments_contact",
    "commitments_official",
    "commitments_ministry",
    "commitments_numbercounter",
]

# What commitments are about, so that a search finds some and not all of them.
TOPICS = [
    "stikstof",
    "woningbouw",
    "jeugdzorg",
    "asielopvang",
    "netcongestie",
    "toeslagen",
    "pensioenen",
    "defensiematerieel",
    "cybersecurity",
    "onderwijsachterstanden",
    "huisartsenzorg",
    "grensbewaking",
    "kinderopvang",
    "zorgverzekering",
    "vrachtverkeer",
    "waterveiligheid",
    "mijnbouw",
    "windenergie",
    "glasvezel",
    "arbeidsmigratie",
    "studiefinanciering",
    "gevangeniswezen",
    "politiecapaciteit",
    "landbouwsubsidies",
    "luchtvaart",
    "spoorwegen",
    "belastingdienst",
    "ontwikkelingshulp",
    "sanctiebeleid",
    "erfgoed",
    "omroepbestel",
    "mestbeleid",
    "drinkwater",
    "verkeersveiligheid",
    "schuldhulpverlening",
    "mantelzorg",
    "laaggeletterdheid",
    "zeehavens",
    "datacenters",
    "biodiversiteit",
]

TEXT = (
    "In de brief van de minister is aan uw Kamer gemeld dat het onderzoek zich in een "
    "afrondende fase bevindt en dat het rapport naar verwachting voor het einde van het jaar "
    "zal worden opgeleverd. Uw Kamer zal hierover worden geïnformeerd, waarbij ook wordt "
    "ingegaan op de aanbevelingen en de vervolgstappen die het kabinet daaraan verbindt. "
)


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def create_ministries(cursor, *, count: int, coordinators: int = 1) -> None:
    """`count` ministries, each with a minister, `coordinators` contacts and a senior one."""
    cursor.execute(
        """
        INSERT INTO commitments_ministry (name, abbreviation)
        SELECT 'Ministerie ' || g, 'M' || g FROM generate_series(1, %s) AS g
        """,
        [count],
    )
    cursor.execute(
        """
        INSERT INTO commitments_official (name, function, ministry_id)
        SELECT 'Bewindspersoon ' || id, 'Minister van ' || name, id
        FROM commitments_ministry
        """
    )
    cursor.execute(
        """
        INSERT INTO commitments_contact (ministry_id, name, email, is_senior, is_active)
        SELECT m.id, 'Coördinator ' || m.id || '-' || g,
               'coordinator' || m.id || '-' || g || '@example.org', false, true
        FROM commitments_ministry AS m CROSS JOIN generate_series(1, %s) AS g
        UNION ALL
        SELECT id, 'Directeur ' || id, 'director' || id || '@example.org', true, true
        FROM commitments_ministry
        """,
        [coordinators],
    )


def generate(*, commitments: int) -> None:
    ministries = 12 + commitments // 50_000
    with connection.cursor() as cursor:
        create_ministries(cursor, count=ministries)
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename IN ('commitments_commitment', 'commitments_commitmentsearch')
            AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """
        )
        # Building each index once after the rows are in is many times faster than keeping it
        # up to date row by row (the full-text index above all); for the same reason the search
        # documents are written in one statement rather than by the trigger, row by row.
        secondary_indexes = cursor.fetchall()
        for name, _definition in secondary_indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            "ALTER TABLE commitments_commitment DISABLE TRIGGER commitment_refresh_search"
        )
        cursor.execute(
            """
            INSERT INTO commitments_commitment (
                number, text, summary, status, made_on, due_date, due_precision,
                deadline_phrase, original_due_date, fulfilled_on, official_id, ministry_id,
                created_at, updated_at, withdrawn_from_source
            )
            SELECT
                'TL' || to_char(made_on, 'YYYYMM') || '-' || lpad(g::text, 7, '0'),
                'In de brief over ' || topic || ' staat het volgende. ' || %(text)s || g,
                'Toezegging ' || g || ': de Kamer informeren over ' || topic,
                status, made_on, due_date,
                CASE WHEN due_date IS NULL THEN 'none' ELSE 'month' END,
                CASE WHEN due_date IS NULL THEN 'op korte termijn' ELSE 'voor de zomer' END,
                due_date,
                CASE WHEN status = 'fulfilled' THEN made_on + 60 END,
                ministry_id, ministry_id, now(), now(), false
            FROM (
                SELECT
                    g, made_on,
                    CASE
                        WHEN r_due < 0.2 THEN NULL
                        ELSE made_on + 14 + (r_due * 10000)::int %% 500
                    END AS due_date,
                    CASE
                        WHEN r_status < 0.45 THEN 'fulfilled'
                        WHEN r_status < 0.50 THEN 'lapsed'
                        WHEN r_status < 0.55 THEN 'partially_fulfilled'
                        ELSE 'open'
                    END AS status,
                    1 + (g %% %(ministries)s) AS ministry_id,
                    (%(topics)s::text[])[1 + (g * 7) %% %(topic_count)s] AS topic
                FROM (
                    SELECT g, random() AS r_due, random() AS r_status,
                           current_date - (random() * 2400)::int AS made_on
                    FROM generate_series(1, %(commitments)s) AS g
                ) AS drawn
            ) AS rows
            """,
            {
                "text": TEXT,
                "ministries": ministries,
                "commitments": commitments,
                "topics": TOPICS,
                "topic_count": len(TOPICS),
            },
        )
        cursor.execute(
            "ALTER TABLE commitments_commitment ENABLE TRIGGER commitment_refresh_search"
        )
        cursor.execute(
            """
            INSERT INTO commitments_commitmentsearch (commitment_id, document)
            SELECT id, to_tsvector('dutch', COALESCE(summary, '') || ' ' || COALESCE(text, ''))
            FROM commitments_commitment
            """
        )
        for _name, definition in secondary_indexes:
            cursor.execute(definition)
        cursor.execute("ANALYZE")
