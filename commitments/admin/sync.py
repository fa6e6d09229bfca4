"""Where the Tweede Kamer importer has got to."""

from django.contrib import admin

from commitments.admin.mixins import ReadOnlyMixin
from commitments.models import TkSync


@admin.register(TkSync)
class TkSyncAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Where each Tweede Kamer source was last synced to; the importer moves it, not a clerk."""

    def get_list_display(self, request):
        return [field.name for field in TkSync._meta.fields]
