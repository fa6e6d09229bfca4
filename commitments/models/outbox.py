"""The reminder outbox: reminders queued per contact and commitment, and the digests that carry
them."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models.commitments import Commitment
from commitments.models.register import Contact


class DigestQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None):
        """Pending digests whose (next) attempt is due at `now` (the current time by default)."""
        return self.filter(
            state=self.model.State.PENDING, next_attempt_at__lte=now or timezone.now()
        )

    def in_doubt(self, now: datetime.datetime | None = None):
        """Digests claimed for sending whose lease had run out by `now` (the current time by
        default): the sender stopped mid-send and may or may not have sent. Digest.in_doubt
        applies the same rule to one digest in memory."""
        return self.filter(
            state=self.model.State.SENDING, lease_expires_at__lt=now or timezone.now()
        )


class Digest(models.Model):
    """One reminder email to one contact on one day: the unit the sender claims and delivers.

    States move pending -> sending -> sent (or back to pending for a retry, or to failed). A
    digest still 'sending' after its lease has expired may or may not have reached the contact:
    it is shown as in doubt and left for a clerk to decide, never sent again by itself.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        REMINDERS = "reminders", _("Daily reminders")
        RAPPEL = "rappel", _("Rappel")

    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="digests", verbose_name=_("contact")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REMINDERS)
    day = models.DateField(_("day"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DigestQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "contact"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "kind", "day"], name="digest_one_per_contact_per_day"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="digest_pending_idx",
            ),
            # The health check and the admin's in-doubt filter look only at digests being sent.
            models.Index(
                fields=["lease_expires_at"],
                condition=Q(state="sending"),
                name="digest_sending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.contact} {self.day:%Y-%m-%d}"

    @property
    def in_doubt(self) -> bool:
        """Whether Digest.objects.in_doubt() would list this digest now, read from the fields in
        hand so that a list of digests can show it without a query per row."""
        return (
            self.state == self.State.SENDING
            and self.lease_expires_at is not None
            and self.lease_expires_at < timezone.now()
        )


class Reminder(models.Model):
    """The outbox: one row per (contact, commitment, kind, due date, scheduled day).

    The unique constraint is what makes a reminder impossible to queue twice, however often and
    however concurrently the reminder run is started.
    """

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", _("Due soon")
        DUE = "due", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        NAG = "nag", _("Still overdue")
        RAPPEL = "rappel", _("Rappel")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="reminders", verbose_name=_("contact")
    )
    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="reminders", verbose_name=_("commitment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("due date"))
    scheduled_for = models.DateField(_("scheduled for"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    digest = models.ForeignKey(
        Digest,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("digest"),
    )
    created_on = models.DateField(_("queued on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_on", "contact"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "commitment", "kind", "due_date", "scheduled_for"],
                name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["contact"],
                condition=Q(state="pending", digest__isnull=True),
                name="reminder_unbundled_idx",
            ),
            models.Index(fields=["commitment", "contact"], name="reminder_commitment_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.commitment.number} -> {self.contact}"

    def still_applies(self, *, today: datetime.date) -> bool:
        """Whether this reminder should still go out: the commitment is open, has the same
        due date, is still overdue (for overdue reminders) or not yet due (for upcoming ones),
        and the contact is still active."""
        commitment = self.commitment
        if (
            commitment.status not in Commitment.OPEN_STATUSES
            or commitment.withdrawn_from_source
            or commitment.due_date != self.due_date
            or not self.contact.is_active
        ):
            return False
        if self.kind in (self.Kind.OVERDUE, self.Kind.NAG):
            return commitment.overdue_since is not None
        if self.kind == self.Kind.UPCOMING:
            return commitment.due_date > today
        return True
