"""The forms of the commitments' admin: the change form, the form of a commitment inline on
its document, and the forms the status actions ask for."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Document
from commitments.models.commitments import ADDRESSEES, RELATED_RECORDS, implausible_dates
from commitments.normalise import NormalisedForm


class CommitmentAdminForm(NormalisedForm, forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the audit trail beside the change."),
    )

    class Meta:
        model = Commitment
        fields = [
            "summary",
            "text",
            "status",
            "made_on",
            "deadline_phrase",
            "due_date",
            "due_precision",
            "fulfilled_on",
            *RELATED_RECORDS,
            *ADDRESSEES,
        ]


class ActionForm(NormalisedForm, forms.Form):
    """The form a status action asks for before it changes anything."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class FulfilForm(ActionForm):
    document = forms.ModelChoiceField(
        label=_("Fulfilled by"),
        queryset=Document.objects.all(),
        widget=AutocompleteSelect(Commitment._meta.get_field("fulfilled_by"), admin.site),
    )
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), widget=AdminDateWidget)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_fulfilled_on(self):
        return plausible(self.cleaned_data["fulfilled_on"], field="fulfilled_on")


class ExtendForm(ActionForm):
    new_due_date = forms.DateField(label=_("New due date"), widget=AdminDateWidget)

    def clean_new_due_date(self):
        # Against today: the action may be applied to many commitments, each checked again
        # against its own promise when it is saved.
        return plausible(self.cleaned_data["new_due_date"], field="due_date")


def plausible(value, *, field: str):
    """`value` when it is a plausible date for the commitment's `field`; a ValidationError
    with the model's message otherwise."""
    problem = implausible_dates(**{field: value}).get(field)
    if problem:
        raise forms.ValidationError(problem)
    return value


class InlineCommitmentForm(NormalisedForm, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["summary", "ministry", "made_on", "due_date", "deadline_phrase", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the date comes from the document (DocumentAdmin.save_formset).
        self.fields["made_on"].required = False
