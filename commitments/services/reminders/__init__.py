"""Reminders: queue them in the outbox, bundle them into one digest per contact per day, deliver.

The outbox is the source of truth. Queuing is a handful of INSERT ... SELECT statements whose
unique key (contact, commitment, kind, due date, scheduled day) turns a repeated or concurrent run
into a no-op. Delivery claims a digest with a conditional UPDATE (pending -> sending) so that two
senders never both send it; a digest whose sender vanished mid-send stays 'sending' and shows as
in doubt after its lease, for a clerk to decide, rather than being sent a second time.
"""

import dataclasses
import datetime
import logging
import smtplib
import time
from collections import Counter

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import Commitment, Contact, Digest, Reminder
from commitments.services import links
from commitments.services.overdue import OPEN_STATUSES_SQL, elapsed_ms, flag_overdue

logger = logging.getLogger(__name__)

COMMITMENTS = Commitment._meta.db_table
CONTACTS = Reminder._meta.get_field("contact").related_model._meta.db_table
REMINDERS = Reminder._meta.db_table


def days_before(column: str, days: int) -> str:
    if connection.vendor == "sqlite":
        return f"date({column}, '-{int(days)} day')"
    return f"({column} - {int(days)})"


# Who hears about a commitment: the active contacts of its ministry. The senior contact joins once
# the commitment has been overdue for the escalation period, or at once when the ministry has no
# other active contact.
RECIPIENTS_SQL = f"""
    ct.ministry_id = c.ministry_id AND ct.is_active = %(true)s AND (
        ct.is_senior = %(false)s
        OR c.overdue_since <= %(escalate_from)s
        OR NOT EXISTS (
            SELECT 1 FROM {CONTACTS} AS other
            WHERE other.ministry_id = c.ministry_id
              AND other.is_active = %(true)s AND other.is_senior = %(false)s
        )
    )
"""

# The rappel goes to every active contact of the ministry, the senior one included.
ALL_CONTACTS_SQL = "ct.ministry_id = c.ministry_id AND ct.is_active = %(true)s"

QUEUE_SQL = f"""
    INSERT INTO {REMINDERS}
        (contact_id, commitment_id, kind, due_date, scheduled_for, state, created_on)
    SELECT ct.id, c.id, %(kind)s, c.due_date, {{scheduled_for}}, %(pending)s, %(today)s
    FROM {COMMITMENTS} AS c JOIN {CONTACTS} AS ct ON {{recipients}}
    WHERE c.status IN {OPEN_STATUSES_SQL} AND NOT c.withdrawn_from_source
      AND c.due_date IS NOT NULL AND {{condition}}
    ON CONFLICT (contact_id, commitment_id, kind, due_date, scheduled_for) DO NOTHING
"""


def _queue(
    *,
    kind: str,
    scheduled_for: str,
    condition: str,
    params: dict,
    recipients: str = RECIPIENTS_SQL,
) -> int:
    sql = QUEUE_SQL.format(scheduled_for=scheduled_for, condition=condition, recipients=recipients)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "kind": kind})
        return cursor.rowcount


def queue_reminders(*, today: datetime.date) -> int:
    """Put every reminder that falls due today into the outbox; return how many were new.

    One statement per kind (and per 'upcoming' threshold), whatever the number of commitments.
    """
    config = settings.REMINDERS
    params = {
        "today": today,
        "pending": Reminder.State.PENDING,
        "true": True,
        "false": False,
        "escalate_from": today - datetime.timedelta(days=config["ESCALATE_AFTER_DAYS"]),
        "nag_since": today - datetime.timedelta(days=config["NAG_EVERY_DAYS"]),
    }
    queued = 0

    # 'Upcoming' at each threshold (14 and 1 days before by default): a commitment gets the
    # reminder of the nearest threshold it has reached, so a missed run never sends both at once.
    thresholds = sorted(config["UPCOMING_DAYS"], reverse=True)
    for days, nearer in zip(thresholds, [*thresholds[1:], 0], strict=True):
        queued += _queue(
            kind=Reminder.Kind.UPCOMING,
            scheduled_for=days_before("c.due_date", days),
            condition="c.due_date > %(window_start)s AND c.due_date <= %(window_end)s",
            params={
                **params,
                "window_start": today + datetime.timedelta(days=nearer),
                "window_end": today + datetime.timedelta(days=days),
            },
        )
    queued += _queue(
        kind=Reminder.Kind.DUE,
        scheduled_for="c.due_date",
        condition="c.due_date = %(today)s",
        params=params,
    )
    # 'Overdue' once, when a commitment has recently become overdue (its due date lies within
    # the nag period; written on the due date so the open-rows index serves it). A commitment
    # overdue for longer gets the nag instead, also when it was already overdue when it came in.
    queued += _queue(
        kind=Reminder.Kind.OVERDUE,
        scheduled_for="c.overdue_since",
        condition="c.overdue_since IS NOT NULL AND c.due_date >= %(recently_due)s",
        params={**params, "recently_due": params["nag_since"] - datetime.timedelta(days=1)},
    )
    # The nag repeats while a commitment stays overdue, counted from the last overdue reminder
    # or nag this contact got about it (the overdue reminder just queued included).
    queued += _queue(
        kind=Reminder.Kind.NAG,
        scheduled_for="%(today)s",
        condition=f"""
            c.overdue_since <= %(nag_since)s AND NOT EXISTS (
                SELECT 1 FROM {REMINDERS} AS earlier
                WHERE earlier.contact_id = ct.id AND earlier.commitment_id = c.id
                  AND earlier.due_date = c.due_date
                  AND earlier.kind IN ('{Reminder.Kind.OVERDUE}', '{Reminder.Kind.NAG}')
                  AND earlier.created_on > %(nag_since)s
            )
        """,
        params=params,
    )
    return queued


# Which reminders go into which kind of digest.
DIGEST_CONTENTS = {
    Digest.Kind.REMINDERS: [
        Reminder.Kind.UPCOMING,
        Reminder.Kind.DUE,
        Reminder.Kind.OVERDUE,
        Reminder.Kind.NAG,
    ],
    Digest.Kind.RAPPEL: [Reminder.Kind.RAPPEL],
}


def bundle_digests(*, today: datetime.date) -> int:
    """Attach every unbundled pending reminder to its contact's digest of today, of its kind.

    A contact whose digest of today has already gone out keeps the new reminders for tomorrow's:
    one email a day, never more. Returns the number of reminders bundled.
    """
    bundled = 0
    for digest_kind, reminder_kinds in DIGEST_CONTENTS.items():
        # Pending reminders without a digest, and the rare one bundled onto a digest just as it
        # was being sent, which that digest did not include.
        unbundled = Reminder.objects.filter(
            state=Reminder.State.PENDING, kind__in=reminder_kinds
        ).filter(
            Q(digest__isnull=True)
            | Q(digest__state__in=[Digest.State.SENT, Digest.State.CANCELLED, Digest.State.FAILED])
        )
        contact_ids = unbundled.order_by().values_list("contact_id", flat=True).distinct()
        Digest.objects.bulk_create(
            [Digest(contact_id=pk, kind=digest_kind, day=today) for pk in contact_ids],
            ignore_conflicts=True,
        )
        todays_open_digest = Digest.objects.filter(
            contact_id=OuterRef("contact_id"),
            kind=digest_kind,
            day=today,
            state=Digest.State.PENDING,
        ).values("pk")[:1]
        bundled += unbundled.filter(
            contact__digests__day=today,
            contact__digests__kind=digest_kind,
            contact__digests__state=Digest.State.PENDING,
        ).update(digest=Subquery(todays_open_digest))
    return bundled


def rappel_days(year: int) -> list[datetime.date]:
    return sorted(
        datetime.date(year, *map(int, month_day.split("-")))
        for month_day in settings.REMINDERS["RAPPEL_DAYS"]
    )


def next_rappel_day(after: datetime.date) -> datetime.date:
    """The first rappel cut-off after `after`: the rappel lists what falls due before it."""
    return next(
        day for day in [*rappel_days(after.year), *rappel_days(after.year + 1)] if day > after
    )


@transaction.atomic
def prepare_rappel(*, cutoff: datetime.date) -> int:
    """Queue the rappel of `cutoff`: for every active contact, each open commitment of its
    ministry that is overdue or falls due before the next cut-off. Returns how many were new."""
    started = time.monotonic()
    queued = _queue(
        kind=Reminder.Kind.RAPPEL,
        scheduled_for="%(today)s",
        condition="c.due_date < %(next_cutoff)s",
        recipients=ALL_CONTACTS_SQL,
        params={
            "today": cutoff,
            "pending": Reminder.State.PENDING,
            "true": True,
            "next_cutoff": next_rappel_day(cutoff),
        },
    )
    bundled = bundle_digests(today=cutoff)
    logger.info(
        "rappel of %s prepared: %d queued",
        cutoff,
        queued,
        extra={
            "event": "rappel_run",
            "cutoff": cutoff.isoformat(),
            "queued": queued,
            "bundled": bundled,
            "duration_ms": elapsed_ms(started),
        },
    )
    return queued


@dataclasses.dataclass(frozen=True)
class ReminderRun:
    flagged: int
    queued: int
    bundled: int


@transaction.atomic
def prepare_reminders(*, today: datetime.date | None = None) -> ReminderRun:
    """The daily run: flag what is overdue, queue what is due, bundle it per contact."""
    started = time.monotonic()
    today = today or timezone.localdate()
    sweep = flag_overdue(today=today)
    queued = queue_reminders(today=today)
    bundled = bundle_digests(today=today)
    logger.info(
        "reminders prepared on %s: %d queued, %d bundled",
        today,
        queued,
        bundled,
        extra={
            "event": "reminder_run",
            "today": today.isoformat(),
            "flagged": sweep.flagged,
            "queued": queued,
            "bundled": bundled,
            "duration_ms": elapsed_ms(started),
        },
    )
    return ReminderRun(flagged=sweep.flagged, queued=queued, bundled=bundled)


def deliverable_digest_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Pending digests whose (next) attempt is due: what a sender should try now."""
    now = now or timezone.now()
    return list(
        Digest.objects.filter(state=Digest.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )


# --- Delivery -------------------------------------------------------------------------------


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
    config = settings.REMINDERS
    seconds = config["RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, config["RETRY_MAX_SECONDS"]))


def commitment_url(commitment: Commitment) -> str:
    path = reverse("commitment-detail", kwargs={"number": commitment.number})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


KIND_ORDER = [
    Reminder.Kind.RAPPEL,
    Reminder.Kind.NAG,
    Reminder.Kind.OVERDUE,
    Reminder.Kind.DUE,
    Reminder.Kind.UPCOMING,
]
TEMPLATES = {Digest.Kind.REMINDERS: "emails/digest", Digest.Kind.RAPPEL: "emails/rappel"}


def build_digest_message(
    *, digest: Digest, contact: Contact, reminders: list[Reminder], today: datetime.date
) -> EmailMultiAlternatives:
    items = sorted(
        (
            {
                "kind": reminder.kind,
                "kind_label": reminder.get_kind_display(),
                "commitment": reminder.commitment,
                "days_overdue": (
                    (today - reminder.commitment.due_date).days
                    if reminder.commitment.overdue_since
                    else None
                ),
                "url": commitment_url(reminder.commitment),
            }
            for reminder in reminders
        ),
        key=lambda item: (KIND_ORDER.index(item["kind"]), item["commitment"].due_date),
    )
    context = {
        "contact": contact,
        "day": digest.day,
        "items": items,
        "answer_url": links.url_for(contact),
        "link_days": settings.REMINDERS["LINK_DAYS"],
        "next_cutoff": next_rappel_day(digest.day),
    }
    template = TEMPLATES[digest.kind]
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[contact.email],
        # Lets the contact's mail system, and a person, recognise a repeated delivery.
        headers={"X-Tracker-Digest": str(digest.pk)},
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver_digest(*, digest_id: int, smtp=None) -> str:
    """Send one digest, at most once: safe to call twice at the same time.

    `smtp` is an open email backend connection to reuse; without it one is opened for this
    digest. Commits twice: the claim before sending, the outcome after.
    """
    started = time.monotonic()
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.REMINDERS["LEASE_SECONDS"])
    claimed = Digest.objects.filter(
        pk=digest_id, state=Digest.State.PENDING, next_attempt_at__lte=now
    ).update(state=Digest.State.SENDING, lease_expires_at=now + lease, attempts=F("attempts") + 1)
    if not claimed:
        # Another sender has it, or had it: routine when two runs hand out the same digest.
        log_send(digest_id=digest_id, outcome=Outcome.NOT_CLAIMED, started=started)
        return Outcome.NOT_CLAIMED

    today = timezone.localdate()
    pending = list(
        Reminder.objects.filter(digest_id=digest_id, state=Reminder.State.PENDING)
        .select_related("commitment", "contact__ministry", "digest")
        .order_by("pk")
    )
    reminders = [reminder for reminder in pending if reminder.still_applies(today=today)]
    stale = [reminder.pk for reminder in pending if reminder not in reminders]
    sending = Digest.objects.filter(pk=digest_id, state=Digest.State.SENDING)

    if not reminders:
        with transaction.atomic():
            Reminder.objects.filter(pk__in=stale).update(state=Reminder.State.CANCELLED)
            sending.update(state=Digest.State.CANCELLED, lease_expires_at=None)
        log_send(digest_id=digest_id, outcome=Outcome.NOTHING_LEFT, started=started)
        return Outcome.NOTHING_LEFT

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

        with transaction.atomic():
            sent_at = timezone.now()
            sending.update(state=Digest.State.SENT, sent_at=sent_at, lease_expires_at=None)
            Reminder.objects.filter(pk__in=[reminder.pk for reminder in reminders]).update(
                state=Reminder.State.SENT, sent_at=sent_at
            )
            if stale:
                Reminder.objects.filter(pk__in=stale).update(state=Reminder.State.CANCELLED)
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


def _record_failure(*, digest: Digest, error: Exception) -> str:
    sending = Digest.objects.filter(pk=digest.pk, state=Digest.State.SENDING)
    message = f"{type(error).__name__}: {error}"
    attempts = digest.attempts
    if _is_permanent(error) or attempts >= settings.REMINDERS["MAX_ATTEMPTS"]:
        with transaction.atomic():
            sending.update(state=Digest.State.FAILED, last_error=message, lease_expires_at=None)
            digest.reminders.filter(state=Reminder.State.PENDING).update(
                state=Reminder.State.FAILED
            )
        return Outcome.FAILED
    sending.update(
        state=Digest.State.PENDING,
        next_attempt_at=timezone.now() + backoff(attempts),
        last_error=message,
        lease_expires_at=None,
    )
    return Outcome.RETRY


BATCH_OUTCOMES = [
    Outcome.SENT,
    Outcome.RETRY,
    Outcome.FAILED,
    Outcome.NOTHING_LEFT,
    Outcome.NOT_CLAIMED,
]


def deliver_digests(*, digest_ids) -> dict[int, str]:
    """Deliver several digests over one SMTP connection; return each one's outcome."""
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
    """Deliver every digest that is due, in this process: the path without Celery."""
    outcomes = deliver_digests(digest_ids=deliverable_digest_ids(now=now)).values()
    return {outcome: list(outcomes).count(outcome) for outcome in set(outcomes)}


def in_doubt_digests():
    """Digests claimed for sending whose lease ran out: the sender may or may not have sent."""
    return Digest.objects.filter(state=Digest.State.SENDING, lease_expires_at__lt=timezone.now())


@transaction.atomic
def settle_digests(*, digest_ids, delivered: bool) -> int:
    """A clerk's decision on digests in doubt or failed: they arrived, or they are to be sent again.

    Only digests that are in doubt or failed can be settled, so a digest that is being sent right
    now, or was sent, is never touched.
    """
    settleable = Digest.objects.filter(pk__in=digest_ids).filter(
        Q(state=Digest.State.FAILED)
        | Q(state=Digest.State.SENDING, lease_expires_at__lt=timezone.now())
    )
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
