"""What ministries answered through their signed links, for a clerk to accept or reject."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.admin.mixins import ActionFormMixin, WrittenBySystemMixin
from commitments.models import ContactResponse
from commitments.services import answers as responses


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the contact"), widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(ContactResponse)
class ContactResponseAdmin(ActionFormMixin, WrittenBySystemMixin, admin.ModelAdmin):
    """What ministries answered through their links; nothing changes until a clerk accepts."""

    list_display = ["created_at", "commitment", "kind", "proposed_date", "contact", "state"]
    list_filter = ["state", "kind", "contact__ministry"]
    list_select_related = ["commitment", "contact"]
    search_fields = ["commitment__number", "contact__email"]
    date_hierarchy = "created_at"
    actions = ["accept", "reject"]
    readonly_fields = [
        "contact",
        "commitment",
        "kind",
        "document_reference",
        "document_date",
        "document_url",
        "proposed_date",
        "reason",
        "state",
        "decided_by",
        "decided_at",
        "rejection_reason",
        "created_at",
    ]

    @admin.action(description=_("Accept: apply to the commitment"), permissions=["change"])
    def accept(self, request, queryset):
        accepted = 0
        for response in queryset.filter(state=ContactResponse.State.PENDING):
            try:
                responses.accept(response=response, clerk=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{response}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                accepted += 1
        self.message_user(
            request,
            ngettext("%(count)d answer accepted.", "%(count)d answers accepted.", accepted)
            % {"count": accepted},
        )

    @admin.action(description=_("Reject, with a reason for the contact"), permissions=["change"])
    def reject(self, request, queryset):
        form = self.action_form_as_posted(request, RejectForm)
        if not form.is_valid():
            commitments = [r.commitment for r in queryset.select_related("commitment__ministry")]
            return self.action_form_page(
                request, form=form, title=_("Reject answers"), commitments=commitments
            )
        for response in queryset.filter(state=ContactResponse.State.PENDING):
            responses.reject(
                response=response, clerk=request.user, reason=form.cleaned_data["reason"]
            )
        self.message_user(request, _("The contacts are told why."))
        return None
