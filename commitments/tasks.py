"""Celery tasks: thin wrappers that take ids, call a service and log what happened.

Every task is safe to run twice at the same time: the services claim their work in the database.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from commitments.models import Digest
from commitments.ops import locks
from commitments.services import overdue, reminders
from commitments.tk import sync as tk

logger = logging.getLogger(__name__)

# While PostgreSQL restarts, these tasks fail to connect; they try again shortly instead of
# waiting for beat's next run. Each claims its work in the database, so a retry is harmless.
RETRY_WHILE_DATABASE_IS_DOWN = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


@shared_task(**RETRY_WHILE_DATABASE_IS_DOWN)
def flag_overdue():
    result = overdue.flag_overdue()
    return {"flagged": result.flagged, "cleared": result.cleared}


@shared_task(**RETRY_WHILE_DATABASE_IS_DOWN)
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


@shared_task(**RETRY_WHILE_DATABASE_IS_DOWN)
def deliver_pending():
    """Hand every digest that is due (new, or waiting for a retry) to a sender."""
    return enqueue_deliveries()


@shared_task(**RETRY_WHILE_DATABASE_IS_DOWN)
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


# A first sync of the whole register takes longer than the default limit; a sync cut short loses
# only the page in hand, and the next run resumes from the page it did not finish.
@shared_task(bind=True, max_retries=3, time_limit=3600, soft_time_limit=3540)
def sync_tk_toezeggingen(self):
    """Nightly: bring in what the Tweede Kamer's register changed since the last sync; the first
    nights, the full run, each going on where the one before stopped (commitments.tk.sync).

    A network failure is tried again later (from the sync point the landed pages moved); a
    problem with the data is logged and waits for a person, since trying again cannot fix it.
    """
    if not settings.TK_ODATA_URL:
        return {"skipped": "TK_ODATA_URL is not set"}
    # A second beat's sync would come to the same result (each page waits for the other's), but
    # only after fetching the whole register again: it stands aside instead.
    with locks.held_alone("sync_tk_toezeggingen") as alone:
        if not alone:
            logger.info(
                "The Tweede Kamer sync is already running elsewhere; this run is skipped",
                extra={"event": "task_skipped", "task": "sync_tk_toezeggingen"},
            )
            return {"skipped": "another sync is running"}
        try:
            result = tk.import_toezeggingen(source=settings.TK_ODATA_URL, since=True)
        except tk.ImportStopped as stopped:
            if stopped.retryable:
                raise self.retry(exc=stopped, countdown=15 * 60) from stopped
            logger.error("The Tweede Kamer sync stopped: %s", stopped)
            raise
    return {
        "pages": result.pages,
        "created": result.created,
        "updated": result.updated,
        "withdrawn": result.withdrawn,
        "unchanged": result.unchanged,
        "quarantined": result.quarantined,
        "full_run": result.full,
        "sync_point": result.sync_point.isoformat() if result.sync_point else None,
    }


def enqueue_deliveries() -> int:
    """Hand every digest that is due to the workers, in batches, once the transaction commits."""
    digest_ids = reminders.deliverable_digest_ids()
    size = settings.REMINDERS["DELIVERY_BATCH_SIZE"]
    for start in range(0, len(digest_ids), size):
        batch = digest_ids[start : start + size]
        transaction.on_commit(lambda batch=batch: deliver_digests.delay(batch))
    return len(digest_ids)
