"""How far the import of the Tweede Kamer's register has got."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TkSync(models.Model):
    """How far the import of one Tweede Kamer source (a URL or a file) has got: the latest
    GewijzigdOp among the pages that landed. It moves in the same transaction as each page."""

    source_url = models.CharField(_("source"), max_length=500, unique=True)
    last_changed_at = models.DateTimeField(_("changed up to (GewijzigdOp)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Tweede Kamer sync point")
        verbose_name_plural = _("Tweede Kamer sync points")

    def __str__(self):
        return f"{self.source_url}: {self.last_changed_at}"
