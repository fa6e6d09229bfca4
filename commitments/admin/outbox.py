"""The outbox: the digests the sender delivers and the reminders they carry, the digests in doubt
for a clerk to settle, and the rappel report (who has answered since)."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.admin.mixins import AdminPageMixin, ReadOnlyMixin, WrittenBySystemMixin
from commitments.models import Digest, Reminder
from commitments.selectors import outbox
from commitments.services import reminders


class InDoubtFilter(admin.SimpleListFilter):
    title = _("in doubt")
    parameter_name = "in_doubt"

    def lookups(self, request, model_admin):
        return [("yes", _("In doubt"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.in_doubt()
        return queryset


class ReminderInline(ReadOnlyMixin, admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    fields = ["commitment", "kind", "due_date", "scheduled_for", "state", "sent_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        # Each row shows its commitment and, in the reminder's name, the contact.
        return super().get_queryset(request).select_related("commitment", "contact")


@admin.register(Digest)
class DigestAdmin(AdminPageMixin, WrittenBySystemMixin, admin.ModelAdmin):
    """The outbox as clerks see it: one line per email, with what happened to it."""

    list_display = [
        "day",
        "contact",
        "state",
        "in_doubt_marker",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["state", InDoubtFilter, "day", "contact__ministry"]
    list_select_related = ["contact", "contact__ministry"]
    search_fields = ["contact__email", "contact__name"]
    date_hierarchy = "day"
    show_full_result_count = False
    inlines = [ReminderInline]
    readonly_fields = [
        "contact",
        "day",
        "state",
        "attempts",
        "next_attempt_at",
        "lease_expires_at",
        "sent_at",
        "last_error",
        "created_at",
    ]
    actions = ["mark_delivered", "send_again"]
    change_list_template = "admin/commitments/digest/change_list.html"

    def get_urls(self):
        return [
            path(
                "rappel/<str:cutoff>/",
                self.admin_site.admin_view(self.rappel_overview),
                name="commitments_digest_rappel",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        # The list links to the report of the latest rappel.
        context = {**(extra_context or {}), "rappel": outbox.latest_rappel_day()}
        return super().changelist_view(request, context)

    def rappel_overview(self, request, cutoff):
        """Per ministry, each item of a rappel and whether the ministry has answered for it
        since; printable."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            day = datetime.date.fromisoformat(cutoff)
        except ValueError as error:
            raise Http404 from error
        return self.admin_page(
            request,
            "admin/commitments/digest/rappel_overview.html",
            title=_("Rappel of %(day)s") % {"day": day.isoformat()},
            ministries=outbox.rappel_by_ministry(day),
        )

    @admin.display(description=_("in doubt"), boolean=True)
    def in_doubt_marker(self, digest):
        return digest.in_doubt

    @admin.action(description=_("Settle: it was delivered"), permissions=["change"])
    def mark_delivered(self, request, queryset):
        count = reminders.settle_digests(digest_ids=queryset.values("pk"), delivered=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d digest marked delivered.", "%(count)d digests marked delivered.", count
            )
            % {"count": count},
        )

    @admin.action(description=_("Settle: send it again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = reminders.settle_digests(digest_ids=queryset.values("pk"), delivered=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d digest will be sent again.",
                "%(count)d digests will be sent again.",
                count,
            )
            % {"count": count},
        )


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "commitment",
        "contact",
        "kind",
        "due_date",
        "scheduled_for",
        "state",
        "sent_at",
    ]
    list_filter = ["state", "kind", "contact__ministry"]
    list_select_related = ["commitment", "contact"]
    search_fields = ["commitment__number", "contact__email"]
    date_hierarchy = "scheduled_for"
    show_full_result_count = False
    readonly_fields = [
        "contact",
        "commitment",
        "kind",
        "due_date",
        "scheduled_for",
        "state",
        "digest",
        "created_on",
        "sent_at",
    ]
