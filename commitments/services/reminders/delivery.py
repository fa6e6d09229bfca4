"""Delivery: claim a digest, send it over SMTP, record the outcome; retries, batches, settling.

A sender claims a digest with a conditional UPDATE (pending -> sending) so that two senders never
both send it; a digest whose sender vanished mid-send stays 'sending' and shows as in doubt after
its lease (Digest.objects.in_doubt()), for a clerk to settle, rather than being sent a second time.
"""

import datetime
import logging
import smtplib
import time
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from commitments.models import Digest, Reminder
from commitments.services.overdue import elapsed_ms
from commitments.services.reminders.messages import build_digest_message

logger = logging.getLogger(__name__)


class Outcome:
    SENT = "sent"
    NOT_CLAIMED = "not_claimed"
    NOTHING_LEFT = "nothing_left"
    RETRY = "retry"
    FAILED = "failed"
    # The sender stopped between claiming and recording (see deliver_digest): only logged, the
    # digest itself stays 'sending' and shows as in doubt once its lease has run out.
    IN_DOUBT = "in_doubt"


PERMANENT_SMTP_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


def _is_permanent(error: Exception) -> bool:
    """5xx answers to the sender, the recipients or the message will not improve by retrying."""
    if isinstance(error, PERMANENT_SMTP_ERRORS):
        return True
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt after `attempts` failed ones: RETRY_BASE_SECONDS, doubled
    with each further attempt, at most RETRY_MAX_SECONDS."""
    config = settings.REMINDERS
    seconds = config["RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, config["RETRY_MAX_SECONDS"]))


def deliverable_digest_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Ids of the digests that are due at `now` (by default the current time), the longest
    waiting first: what a sender should try now."""
    return list(Digest.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True))


def _sending(digest_id: int):
    # Every outcome is recorded only on a digest that is still ours to record: claimed, 'sending'.
    return Digest.objects.filter(pk=digest_id, state=Digest.State.SENDING)


def _claim(*, digest_id: int) -> bool:
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.REMINDERS["LEASE_SECONDS"])
    claimed = (
        Digest.objects.due(now)
        .filter(pk=digest_id)
        .update(
            state=Digest.State.SENDING, lease_expires_at=now + lease, attempts=F("attempts") + 1
        )
    )
    return bool(claimed)


def _still_applying(*, digest_id: int, today: datetime.date) -> tuple[list[Reminder], list[int]]:
    """The digest's pending reminders that still apply, and the ids of those that no longer do."""
    pending = list(
        Reminder.objects.filter(digest_id=digest_id, state=Reminder.State.PENDING)
        .select_related("commitment", "contact__ministry", "digest")
        .order_by("pk")
    )
    reminders = [reminder for reminder in pending if reminder.still_applies(today=today)]
    stale = [reminder.pk for reminder in pending if reminder not in reminders]
    return reminders, stale


@transaction.atomic
def _record_nothing_left(*, digest_id: int, stale: list[int]) -> None:
    Reminder.objects.filter(pk__in=stale).update(state=Reminder.State.CANCELLED)
    _sending(digest_id).update(state=Digest.State.CANCELLED, lease_expires_at=None)


@transaction.atomic
def _record_sent(*, digest_id: int, reminders: list[Reminder], stale: list[int]) -> None:
    sent_at = timezone.now()
    _sending(digest_id).update(state=Digest.State.SENT, sent_at=sent_at, lease_expires_at=None)
    Reminder.objects.filter(pk__in=[reminder.pk for reminder in reminders]).update(
        state=Reminder.State.SENT, sent_at=sent_at
    )
    if stale:
        Reminder.objects.filter(pk__in=stale).update(state=Reminder.State.CANCELLED)


def _record_failure(*, digest: Digest, error: Exception) -> str:
    """Back to pending after a backoff, or failed for good: returns Outcome.RETRY or FAILED."""
    message = f"{type(error).__name__}: {error}"
    attempts = digest.attempts
    if _is_permanent(error) or attempts >= settings.REMINDERS["MAX_ATTEMPTS"]:
        with transaction.atomic():
            _sending(digest.pk).update(
                state=Digest.State.FAILED, last_error=message, lease_expires_at=None
            )
            digest.reminders.filter(state=Reminder.State.PENDING).update(
                state=Reminder.State.FAILED
            )
        return Outcome.FAILED
    _sending(digest.pk).update(
        state=Digest.State.PENDING,
        next_attempt_at=timezone.now() + backoff(attempts),
        last_error=message,
        lease_expires_at=None,
    )
    return Outcome.RETRY


def _send_claimed(
    *, reminders: list[Reminder], stale: list[int], today: datetime.date, smtp, started: float
) -> str:
    """Send the claimed digest that carries `reminders` and record its outcome."""
    digest = reminders[0].digest
    # Until an outcome is recorded the digest is 'sending': whatever stops this function in
    # between (a time limit, a lost database) leaves it in doubt, and the log says so.
    outcome, error = Outcome.IN_DOUBT, None
    try:
        message = build_digest_message(
            digest=digest, contact=reminders[0].contact, reminders=reminders, today=today
        )
        message.connection = smtp
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as failure:
            if smtp is not None:
                # The connection may be broken; the next digest opens a fresh one.
                smtp.close()
            error = failure
            outcome = _record_failure(digest=digest, error=failure)
            return outcome
        _record_sent(digest_id=digest.pk, reminders=reminders, stale=stale)
        outcome = Outcome.SENT
        return outcome
    finally:
        log_send(
            digest_id=digest.pk,
            outcome=outcome,
            started=started,
            contact_id=digest.contact_id,
            reminders=len(reminders),
            attempt=digest.attempts,
            error=error,
        )


def deliver_digest(*, digest_id: int, smtp=None) -> str:
    """Send one digest, at most once: safe to call twice at the same time. Returns its Outcome.

    `smtp` is an open email backend connection to reuse; without it one is opened for this
    digest. Commits twice: the claim before sending, the outcome after.
    """
    started = time.monotonic()
    if not _claim(digest_id=digest_id):
        # Another sender has it, or had it: routine when two runs hand out the same digest.
        log_send(digest_id=digest_id, outcome=Outcome.NOT_CLAIMED, started=started)
        return Outcome.NOT_CLAIMED

    today = timezone.localdate()
    reminders, stale = _still_applying(digest_id=digest_id, today=today)
    if not reminders:
        _record_nothing_left(digest_id=digest_id, stale=stale)
        log_send(digest_id=digest_id, outcome=Outcome.NOTHING_LEFT, started=started)
        return Outcome.NOTHING_LEFT
    return _send_claimed(reminders=reminders, stale=stale, today=today, smtp=smtp, started=started)


SEND_LOG_LEVELS = {
    Outcome.NOT_CLAIMED: logging.DEBUG,
    Outcome.RETRY: logging.WARNING,
    Outcome.FAILED: logging.ERROR,
    Outcome.IN_DOUBT: logging.ERROR,
}


def log_send(
    *,
    digest_id: int,
    outcome: str,
    started: float,
    contact_id: int | None = None,
    reminders: int = 0,
    attempt: int | None = None,
    error: Exception | None = None,
) -> None:
    """One record per delivery attempt. The error is named by its class and SMTP code only: the
    server's text may quote the recipient's address (the admin shows it in full to clerks)."""
    logger.log(
        SEND_LOG_LEVELS.get(outcome, logging.INFO),
        "digest %d: %s (%d reminders, attempt %s)",
        digest_id,
        outcome,
        reminders,
        attempt,
        extra={
            "event": "digest_send",
            "digest_id": digest_id,
            "contact_id": contact_id,
            "reminders": reminders,
            "outcome": outcome,
            "attempt": attempt,
            "duration_ms": elapsed_ms(started),
            "error": type(error).__name__ if error else None,
            "smtp_code": getattr(error, "smtp_code", None),
        },
    )


BATCH_OUTCOMES = [
    Outcome.SENT,
    Outcome.RETRY,
    Outcome.FAILED,
    Outcome.NOTHING_LEFT,
    Outcome.NOT_CLAIMED,
]


def deliver_digests(*, digest_ids) -> dict[int, str]:
    """Deliver several digests over one SMTP connection; return each one's Outcome by id."""
    started = time.monotonic()
    digest_ids = list(digest_ids)
    outcomes: dict[int, str] = {}
    smtp = get_connection()
    try:
        smtp.open()
    except (smtplib.SMTPException, OSError):
        # Each digest then tries on its own and records why it failed.
        smtp = None
    try:
        for digest_id in digest_ids:
            outcomes[digest_id] = deliver_digest(digest_id=digest_id, smtp=smtp)
        return outcomes
    finally:
        if smtp is not None:
            smtp.close()
        counts = Counter(outcomes.values())
        logger.info(
            "batch of %d digests: %d sent",
            len(digest_ids),
            counts[Outcome.SENT],
            extra={
                "event": "digest_batch",
                "digests": len(digest_ids),
                # Fewer outcomes than digests: the batch stopped at an error.
                "done": len(outcomes),
                "duration_ms": elapsed_ms(started),
                **{outcome: counts[outcome] for outcome in BATCH_OUTCOMES},
            },
        )


def deliver_pending(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Deliver every digest that is due, in this process (the path without Celery); returns how
    many digests had each Outcome."""
    outcomes = deliver_digests(digest_ids=deliverable_digest_ids(now=now)).values()
    return {outcome: list(outcomes).count(outcome) for outcome in set(outcomes)}


@transaction.atomic
def settle_digests(*, digest_ids, delivered: bool) -> int:
    """A clerk's decision on digests in doubt or failed: they arrived, or they are to be sent again.

    Only digests that are in doubt or failed can be settled, so a digest that is being sent right
    now, or was sent, is never touched. Returns how many were settled.
    """
    settleable = (
        Digest.objects.filter(state=Digest.State.FAILED) | Digest.objects.in_doubt()
    ).filter(pk__in=digest_ids)
    ids = list(settleable.select_for_update().values_list("pk", flat=True))
    reminders = Reminder.objects.filter(
        digest_id__in=ids, state__in=[Reminder.State.PENDING, Reminder.State.FAILED]
    )
    now = timezone.now()
    if delivered:
        reminders.update(state=Reminder.State.SENT, sent_at=now)
        Digest.objects.filter(pk__in=ids).update(
            state=Digest.State.SENT, sent_at=now, lease_expires_at=None
        )
    else:
        reminders.update(state=Reminder.State.PENDING)
        Digest.objects.filter(pk__in=ids).update(
            state=Digest.State.PENDING, next_attempt_at=now, lease_expires_at=None, attempts=0
        )
    return len(ids)
