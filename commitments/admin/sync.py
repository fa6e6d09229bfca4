"""Where the Tweede Kamer importer has got to, and the records it could not take in."""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from commitments.admin.mixins import ReadOnlyMixin
from commitments.models import TkQuarantine, TkSync


@admin.register(TkSync)
class TkSyncAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Where each Tweede Kamer source was last synced to; the importer moves it, not a clerk."""

    def get_list_display(self, request):
        return [field.name for field in TkSync._meta.fields]


class ResolvedFilter(admin.SimpleListFilter):
    title = _("resolved")
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("no", _("Waiting")), ("yes", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(TkQuarantine)
class TkQuarantineAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The register's records the import could not take in: which, the field at fault and why,
    when first and last seen, and whether a later version landed. Read-only: the import writes
    them and resolves them; what a clerk does about one (add a ministry alias, renumber the
    commitment holding the number) is done elsewhere, and the next sync tries it again.

    Who may read: the Clerks group (permission `view_tkquarantine`, migration 0016) and
    superusers; ReadOnlyMixin holds back adding, changing and deleting from everyone."""

    list_display = ["number", "tk_id", "field", "reason", "first_seen_at", "last_seen_at"]
    list_display += ["resolved_at"]
    list_filter = [ResolvedFilter, "field"]
    search_fields = ["number", "=tk_id", "reason"]
    date_hierarchy = "first_seen_at"
    fields = [
        "number",
        "tk_id",
        "source_url",
        "field",
        "reason",
        "api_changed_at",
        "first_seen_at",
        "last_seen_at",
        "resolved_at",
        "record_as_served",
    ]
    readonly_fields = fields

    @admin.display(description=_("record as served"))
    def record_as_served(self, obj):
        text = json.dumps(obj.record, ensure_ascii=False, indent=2, sort_keys=True)
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', text)
