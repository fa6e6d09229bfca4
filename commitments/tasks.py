"""Celery tasks: thin wrappers that take ids, call a service and log what happened.

Every task is safe to run twice at the same time: the services claim their work in the database.
"""

import logging

from celery import shared_task
from django.db import transaction

from commitments import overdue, reminders
from commitments.models import Digest

logger = logging.getLogger(__name__)


@shared_task
def flag_overdue():
    result = overdue.flag_overdue()
    return {"flagged": result.flagged, "cleared": result.cleared}


@shared_task
def send_reminders():
    """The daily run: prepare today's digests, then hand each to a sender."""
    run = reminders.prepare_reminders()
    enqueue_deliveries()
    return {"flagged": run.flagged, "queued": run.queued, "bundled": run.bundled}


@shared_task
def deliver_pending():
    """Hand every digest that is due (new, or waiting for a retry) to a sender."""
    return enqueue_deliveries()


@shared_task
def deliver_digest(digest_id: int):
    outcome = reminders.deliver_digest(digest_id=digest_id)
    if outcome == reminders.Outcome.RETRY:
        # The digest records when to try again; this message is a shortcut to that moment,
        # and the periodic deliver_pending run is the safety net if the broker loses it.
        digest = Digest.objects.get(pk=digest_id)
        deliver_digest.apply_async(args=[digest_id], eta=digest.next_attempt_at)
    return outcome


def enqueue_deliveries() -> int:
    digest_ids = reminders.deliverable_digest_ids()
    for digest_id in digest_ids:
        transaction.on_commit(lambda digest_id=digest_id: deliver_digest.delay(digest_id))
    return len(digest_ids)
