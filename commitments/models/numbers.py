"""Commitment numbers: the numbers a commitment had before, and the counters of our own series
(services/numbering.py hands the numbers out)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from commitments.models.commitments import Commitment


class FormerNumber(models.Model):
    """A number a commitment had before, so that its old public address still leads to it."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="former_numbers", verbose_name=_("commitment")
    )

    class Meta:
        verbose_name = _("former number")
        verbose_name_plural = _("former numbers")

    def __str__(self):
        return f"{self.number} → {self.commitment_id}"


class NumberCounter(models.Model):
    """The last sequence number of our own series handed out per month."""

    period = models.CharField(max_length=6, unique=True)
    last_value = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")

    def __str__(self):
        return f"{self.period}: {self.last_value}"
