"""The register: ministries and their officials and contacts, committees, parties and their
members, and the recesses the deadlines count with."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.admin.commitment_forms import ActionForm
from commitments.admin.mixins import ActionFormMixin
from commitments.models import (
    Committee,
    Contact,
    Member,
    Ministry,
    MinistryAlias,
    Official,
    Party,
    Recess,
)
from commitments.normalise import NormalisedModelForm
from commitments.services import links
from commitments.tk.ministries import normalise


class MinistryAliasForm(NormalisedModelForm):
    """An alias is compared as the import compares names: without case, accents, "&" or
    "Ministerie van"; two aliases that compare equal would leave the import to pick one."""

    def clean_name(self):
        name = self.cleaned_data["name"]
        others = MinistryAlias.objects.exclude(pk=self.instance.pk).only("name")
        if any(normalise(other.name) == normalise(name) for other in others):
            raise forms.ValidationError(
                _("Another name of a ministry reads the same without capitals and accents.")
            )
        return name


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    form = NormalisedModelForm
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(MinistryAlias)
class MinistryAliasAdmin(admin.ModelAdmin):
    """The other names under which the Tweede Kamer's register names our ministries: posts
    within a ministry and earlier names. The import reads them (commitments/tk/ministries.py)
    and adds the sourced ones it meets (commitments/tk/ministry_names.py), so a sourced one a
    clerk deletes comes back: point it at another ministry instead. That changes where the
    import puts that name's commitments from then on, not the commitments it already took in."""

    form = MinistryAliasForm
    list_display = ["name", "ministry"]
    list_filter = ["ministry"]
    list_select_related = ["ministry"]
    search_fields = ["name", "ministry__name"]
    autocomplete_fields = ["ministry"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    form = NormalisedModelForm
    list_display = ["name", "function", "ministry"]
    list_filter = ["ministry"]
    list_select_related = ["ministry"]
    search_fields = ["name", "function"]
    autocomplete_fields = ["ministry"]


@admin.register(Contact)
class ContactAdmin(ActionFormMixin, admin.ModelAdmin):
    form = NormalisedModelForm
    list_display = [
        "name",
        "email",
        "ministry",
        "is_senior",
        "is_active",
        "links_revoked_at",
        "reminder_history",
    ]
    list_filter = ["ministry", "is_senior", "is_active"]
    list_select_related = ["ministry"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["ministry"]
    readonly_fields = ["link_version", "links_revoked_at", "reminder_history"]
    actions = ["revoke_links"]

    @admin.action(description=_("Revoke answer links"), permissions=["change"])
    def revoke_links(self, request, queryset):
        """Ask for the clerk's reason, then end every link sent to the selected contacts; the
        reason goes to each contact's admin history."""
        form = self.action_form_as_posted(request, ActionForm)
        if not form.is_valid():
            return self.admin_page(
                request,
                "admin/commitments/contact/revoke_links.html",
                title=_("Revoke answer links"),
                form=form,
                contacts=queryset.select_related("ministry"),
                action=request.POST.get("action"),
                selected=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                media=self.media + form.media,
            )
        reason = form.cleaned_data["reason"]
        contacts = list(queryset)
        for contact in contacts:
            links.revoke(contact=contact, clerk=request.user, reason=reason)
            self.log_change(
                request, contact, _("Answer links revoked: %(reason)s") % {"reason": reason}
            )
        self.message_user(
            request,
            ngettext(
                "The links of %(count)d contact are revoked.",
                "The links of %(count)d contacts are revoked.",
                len(contacts),
            )
            % {"count": len(contacts)},
        )
        return None

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
    form = NormalisedModelForm
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    form = NormalisedModelForm
    list_display = ["abbreviation", "name"]
    search_fields = ["name", "abbreviation"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    form = NormalisedModelForm
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
    form = NormalisedModelForm
    list_display = ["kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    date_hierarchy = "starts_on"
