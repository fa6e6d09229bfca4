"""How far the import of the Tweede Kamer's register has got, and what it could not take in."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TkSync(models.Model):
    """How far the import of one Tweede Kamer source (a URL or a file) has got.

    `last_api_changed_at` is the latest `ApiGewijzigdOp` among the records that landed or were
    quarantined, moved in the same transaction as each page; an incremental run asks for records
    from a little before it (the overlap). `resume_url` is the page a first, full run stopped
    before, so the next run goes on from there; `full_sync_done_at` says the full run ended.
    """

    source_url = models.CharField(_("source"), max_length=500, unique=True)
    last_changed_at = models.DateTimeField(_("changed up to (GewijzigdOp)"), null=True, blank=True)
    last_api_changed_at = models.DateTimeField(
        _("reached the API up to (ApiGewijzigdOp)"), null=True, blank=True
    )
    resume_url = models.CharField(_("resume from"), max_length=2000, blank=True)
    full_sync_done_at = models.DateTimeField(_("first full run ended"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Tweede Kamer sync point")
        verbose_name_plural = _("Tweede Kamer sync points")

    def __str__(self):
        return f"{self.source_url}: {self.last_api_changed_at or self.last_changed_at}"


class TkQuarantine(models.Model):
    """A record of the Tweede Kamer's register that the import could not take in: the record as
    the source served it, the field at fault and why. The rest of its page lands; a later
    version of the record that can be taken in resolves it."""

    source_url = models.CharField(_("source"), max_length=500)
    tk_id = models.UUIDField(_("Tweede Kamer Id"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    reason = models.TextField(_("reason"))
    record = models.JSONField(_("record as served"))
    api_changed_at = models.DateTimeField(_("reached the API at"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("quarantined Tweede Kamer record")
        verbose_name_plural = _("quarantined Tweede Kamer records")
        constraints = [
            models.UniqueConstraint(
                fields=["source_url", "tk_id"],
                condition=Q(tk_id__isnull=False),
                name="tkquarantine_one_per_record",
            )
        ]

    def __str__(self):
        return f"{self.number or self.tk_id}: {self.reason}"


class TkPendingLink(models.Model):
    """A link the register gives between two of its commitments (`IsHerhalingVan`,
    `IsWijzigingVan`, `IsAanvullingOp`) whose target has not been taken in yet; the import sets
    the commitment's field when the target lands."""

    class Kind(models.TextChoices):
        REPEATS = "repeats", _("repeats")
        AMENDS = "amends", _("amends")
        SUPPLEMENTS = "supplements", _("supplements")

    commitment = models.ForeignKey(
        "commitments.Commitment", models.CASCADE, related_name="pending_links"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_tk_id = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "kind"], name="tkpendinglink_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.commitment_id} {self.kind} {self.target_tk_id}"
