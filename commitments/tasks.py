"""Celery tasks: thin wrappers that take ids, call a service and log what happened.

Every task is safe to run twice at the same time: the services claim their work in the database.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

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
def send_rappel():
    """The twice-yearly rappel, on a cut-off day (beat runs it on each configured day)."""
    queued = reminders.prepare_rappel(cutoff=timezone.localdate())
    enqueue_deliveries()
    return {"queued": queued}


@shared_task
def deliver_pending():
    """Hand every digest that is due (new, or waiting for a retry) to a sender."""
    return enqueue_deliveries()


@shared_task
def deliver_digests(digest_ids: list[int]):
    """Send a batch of digests over one SMTP connection."""
    outcomes = reminders.deliver_digests(digest_ids=digest_ids)
    retry_ids = [pk for pk, outcome in outcomes.items() if outcome == reminders.Outcome.RETRY]
    if retry_ids:
        # Each digest records when to try again; this message is a shortcut to that moment,
        # and the periodic deliver_pending run is the safety net if the broker loses it.
        first_retry = Digest.objects.filter(pk__in=retry_ids).order_by("next_attempt_at").first()
        deliver_digests.apply_async(args=[retry_ids], eta=first_retry.next_attempt_at)
    return outcomes


def enqueue_deliveries() -> int:
    """Hand every digest that is due to the workers, in batches, once the transaction commits."""
    digest_ids = reminders.deliverable_digest_ids()
    size = settings.REMINDERS["DELIVERY_BATCH_SIZE"]
    for start in range(0, len(digest_ids), size):
        batch = digest_ids[start : start + size]
        transaction.on_commit(lambda batch=batch: deliver_digests.delay(batch))
    return len(digest_ids)
