"""Documents: the letters and other Kamerstukken commitments come from and are fulfilled by,
each with its commitments inline and the letter import wizard beside the list."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commitments.admin.commitments import CommitmentInline
from commitments.admin.letter_import import LetterImportMixin
from commitments.models import Document
from commitments.normalise import NormalisedModelForm
from commitments.services import commitments as services


@admin.register(Document)
class DocumentAdmin(LetterImportMixin, SimpleHistoryAdmin):
    form = NormalisedModelForm
    list_display = ["title", "kamerstuk", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "dossier_number", "document_number"]
    date_hierarchy = "date"
    inlines = [CommitmentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/commitments/document/change_list.html"

    @admin.display(description=_("Kamerstuk"))
    def kamerstuk(self, document):
        return document.kamerstuk

    def save_formset(self, request, form, formset, change):
        commitments = formset.save(commit=False)
        for commitment in formset.deleted_objects:
            commitment.delete()
        for commitment in commitments:
            # A commitment added inline takes its date from the letter unless the clerk gave
            # one, and its number from that date.
            if not commitment.made_on and form.instance.date:
                commitment.made_on = form.instance.date
            if commitment._state.adding:
                services.number_commitment(commitment)
            commitment.save()
        formset.save_m2m()
