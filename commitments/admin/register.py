"""The register: ministries and their officials and contacts, committees, parties and their
members, and the recesses the deadlines count with."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from commitments.models import Committee, Contact, Member, Ministry, Official, Party, Recess


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "ministry"]
    list_filter = ["ministry"]
    list_select_related = ["ministry"]
    search_fields = ["name", "function"]
    autocomplete_fields = ["ministry"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "ministry", "is_senior", "is_active", "reminder_history"]
    list_filter = ["ministry", "is_senior", "is_active"]
    list_select_related = ["ministry"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["ministry"]
    readonly_fields = ["reminder_history"]

    @admin.display(description=_("reminder history"))
    def reminder_history(self, contact):
        if contact.pk is None:
            return "-"
        digests = (
            reverse("admin:commitments_digest_changelist") + f"?contact__id__exact={contact.pk}"
        )
        items = (
            reverse("admin:commitments_reminder_changelist") + f"?contact__id__exact={contact.pk}"
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            digests,
            _("digests"),
            items,
            _("reminders"),
        )


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["name", "abbreviation"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "party"]
    list_filter = ["party"]
    list_select_related = ["party"]
    search_fields = ["name", "party__abbreviation"]
    autocomplete_fields = ["party"]

    def get_queryset(self, request):
        # A member is shown with their party, also in the autocomplete that picks addressees,
        # which reads this queryset rather than the changelist's list_select_related.
        return super().get_queryset(request).select_related("party")


@admin.register(Recess)
class RecessAdmin(admin.ModelAdmin):
    list_display = ["kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    date_hierarchy = "starts_on"
