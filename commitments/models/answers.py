"""What ministry contacts answered through their signed link, waiting for a clerk."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commitments.models.commitments import Commitment
from commitments.models.register import Contact


class ContactResponse(models.Model):
    """What a ministry contact answered through the signed link, waiting for a clerk.

    Nothing here changes a commitment by itself: a clerk accepts (and then the commitment is
    updated) or rejects (and the contact is told why).
    """

    class Kind(models.TextChoices):
        FULFILLED = "fulfilled", _("Reported fulfilled")
        NEW_DATE = "new_date", _("New date proposed")
        FORECAST = "forecast", _("Forecast")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    # The one-time key of the form the contact submitted: the same form posted twice is one answer.
    submission = models.UUIDField(_("submission"), unique=True, editable=False)
    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="responses", verbose_name=_("contact")
    )
    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="responses", verbose_name=_("commitment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    document_reference = models.CharField(
        _("fulfilling document (Kamerstuk)"), max_length=60, blank=True
    )
    document_date = models.DateField(_("date of the fulfilling document"), null=True, blank=True)
    document_url = models.URLField(_("link to the fulfilling document"), blank=True)
    proposed_date = models.DateField(_("proposed or expected date"), null=True, blank=True)
    reason = models.TextField(_("reason or explanation"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response from a ministry")
        verbose_name_plural = _("responses from ministries")
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(state="pending"), name="response_pending_idx"
            ),
        ]

    def __str__(self):
        return f"{self.commitment.number}: {self.get_kind_display()} ({self.contact})"
