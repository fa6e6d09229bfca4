"""The fault suite's view from inside the product: run in the stack's environment, prints JSON.

Run as: python -m tests.fault.outbox generate MINISTRIES CONTACTS BACKGROUND
        python -m tests.fault.outbox report

`generate` fills the stack's own database (never the one the other tests use: DATABASE_URL points
at the suite's private cluster) so that thousands of reminders fall due today. `report` reads the
outbox afterwards the way the product does, its notion of a digest in doubt included.
"""

import json
import os
import sys

import django

# Days from today to the due dates of each ministry's commitments that call for a reminder today:
# a nag with escalation to the senior contact, a nag, an overdue reminder, due today, and the two
# 'upcoming' thresholds. The sweep has not flagged any of them yet; the reminder run will.
REMINDING_OFFSETS = [-100, -40, -3, 0, 1, 14]


def generate(*, ministries: int, contacts: int, background: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from bench import data

    data.reset()
    today = timezone.localdate()
    with connection.cursor() as cursor:
        data.create_ministries(cursor, count=ministries, coordinators=contacts)
        # The commitments that remind, then a background that does not (fulfilled, due later
        # than the upcoming window, or vague), so the queries work on a register of some size.
        cursor.execute(
            """
            INSERT INTO commitments_commitment (
                number, text, summary, status, made_on, due_date, due_precision,
                deadline_phrase, original_due_date, fulfilled_on, official_id, ministry_id,
                created_at, updated_at, withdrawn_from_source
            )
            SELECT
                'TL' || to_char(made_on, 'YYYYMM') || '-' || lpad(
                    (row_number() OVER (ORDER BY ministry_id, due_date))::text, 7, '0'
                ),
                %(text)s, 'Toezegging over de voortgang van onderwerp ' || ministry_id,
                status, made_on, due_date,
                CASE WHEN due_date IS NULL THEN 'none' ELSE 'day' END,
                CASE WHEN due_date IS NULL THEN 'op korte termijn' ELSE '' END,
                due_date,
                CASE WHEN status = 'fulfilled' THEN made_on + 30 END,
                ministry_id, ministry_id, now(), now(), false
            FROM (
                SELECT m.id AS ministry_id, 'open' AS status, %(today)s - 200 AS made_on,
                       %(today)s + offset_days AS due_date
                FROM commitments_ministry AS m CROSS JOIN unnest(%(offsets)s) AS offset_days
                UNION ALL
                SELECT 1 + g %% %(ministries)s,
                       CASE g %% 3 WHEN 0 THEN 'fulfilled' ELSE 'open' END,
                       %(today)s - 300,
                       CASE g %% 3
                           WHEN 0 THEN %(today)s - 250 + g %% 200
                           WHEN 1 THEN %(today)s + 30 + g %% 300
                       END
                FROM generate_series(1, %(background)s) AS g
            ) AS rows
            """,
            {
                "text": data.TEXT,
                "today": today,
                "offsets": REMINDING_OFFSETS,
                "ministries": ministries,
                "background": background,
            },
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM commitments_commitment")
        (commitments,) = cursor.fetchone()
    overdue = sum(1 for days in REMINDING_OFFSETS if days < 0) * ministries
    return {
        "contacts": ministries * (contacts + 1),
        "commitments": commitments,
        "overdue": overdue,
    }


def report() -> dict:
    from django.db.models import Count

    from commitments.models import Commitment, Digest, Reminder
    from commitments.services import overdue

    in_doubt = {
        digest.pk: digest
        for digest in Digest.objects.in_doubt().annotate(reminder_count=Count("reminders"))
    }
    flags = (
        Commitment.history.filter(history_change_reason=overdue.FLAG_REASON)
        .values("id")
        .annotate(times=Count("history_id"))
    )
    return {
        "reminders": [
            {"id": pk, "digest": digest, "number": number, "state": state}
            for pk, digest, number, state in Reminder.objects.values_list(
                "pk", "digest_id", "commitment__number", "state"
            )
        ],
        "digests": dict(Digest.objects.values_list("state").annotate(count=Count("pk")).order_by()),
        "in_doubt": [
            {
                "id": digest.pk,
                "reminders": digest.reminder_count,
                "attempts": digest.attempts,
                "last_error": digest.last_error,
                "lease_expires_at": digest.lease_expires_at.isoformat(),
            }
            for digest in in_doubt.values()
        ],
        "flagged": {str(row["id"]): row["times"] for row in flags},
        "overdue_now": Commitment.objects.filter(overdue_since__isnull=False).count(),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    command, *args = sys.argv[1:]
    if command == "generate":
        ministries, contacts, background = map(int, args)
        result = generate(ministries=ministries, contacts=contacts, background=background)
    else:
        result = report()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
