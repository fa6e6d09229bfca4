"""The letter import wizard, two pages added to the documents' admin: the letter's text in, then
the candidate commitments extraction found in it, for a clerk to tick, correct and accept."""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.admin.mixins import AdminPageMixin
from commitments.models import Commitment, Document, Ministry
from commitments.models.commitments import precision_of
from commitments.normalise import NormalisedForm
from commitments.services import letters


class LetterImportForm(NormalisedForm, forms.Form):
    text = forms.CharField(
        label=_("Paste the letter"), required=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    file = forms.FileField(
        label=_("or upload it"),
        required=False,
        help_text=_("A .txt, .html or .pdf file."),
    )
    letter_date = forms.DateField(
        label=_("Date of the letter"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Only needed when the letter does not state its date."),
    )

    def clean(self):
        cleaned = super().clean()
        pasted, upload = cleaned.get("text", "").strip(), cleaned.get("file")
        if bool(pasted) == bool(upload):
            raise ValidationError(_("Paste the letter or upload it, one of the two."))
        if upload:
            letters.check_size(size=upload.size)
            cleaned["letter_text"] = letters.text_of_upload(name=upload.name, content=upload.read())
        else:
            letters.check_length(pasted)
            cleaned["letter_text"] = cleaned["text"]
        return cleaned


class CandidateForm(NormalisedForm, forms.Form):
    accept = forms.BooleanField(label=_("Accept"), required=False)
    sentence = forms.CharField(widget=forms.HiddenInput)
    summary = forms.CharField(label=_("Summary"), max_length=300)
    ministry = forms.ModelChoiceField(label=_("Ministry"), queryset=Ministry.objects.all())
    official = forms.CharField(label=_("Official"), required=False, max_length=200)
    official_function = forms.CharField(label=_("Function"), required=False, max_length=200)
    deadline_phrase = forms.CharField(widget=forms.HiddenInput, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=AdminDateWidget)
    precision = forms.ChoiceField(label=_("Precision"), choices=Commitment.Precision.choices)

    def __init__(self, *args, ministry_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The review shows one form per candidate: the ministries are read once for all of them
        # instead of once per form. A posted choice is still checked against the table.
        if ministry_choices is not None:
            self.fields["ministry"].choices = ministry_choices

    def clean(self):
        cleaned = super().clean()
        cleaned["precision"] = precision_of(cleaned.get("due_date"), cleaned.get("precision"))
        return cleaned


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


def proposed_candidates(proposals, form_kwargs):
    """The review's forms as extraction proposes them, one per proposal, in its order; a
    candidate registered from this letter before is shown unticked."""
    return CandidateFormSet(
        form_kwargs=form_kwargs,
        initial=[
            {
                "accept": proposal.registered is None,
                "sentence": proposal.candidate.sentence,
                "summary": proposal.candidate.summary,
                "ministry": proposal.ministry,
                "official": proposal.candidate.official,
                "official_function": proposal.official_function,
                "deadline_phrase": proposal.candidate.deadline_phrase,
                "due_date": proposal.candidate.due_date,
                "precision": proposal.candidate.precision,
            }
            for proposal in proposals
        ],
    )


class LetterImportMixin(AdminPageMixin):
    """The wizard's two pages, for the documents' ModelAdmin."""

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_letter),
                name="commitments_document_import",
            ),
            path(
                "<int:document_id>/candidates/",
                self.admin_site.admin_view(self.review_candidates),
                name="commitments_document_candidates",
            ),
            *super().get_urls(),
        ]

    def _may_import(self, request):
        commitment_admin = self.admin_site._registry[Commitment]
        if not (self.has_add_permission(request) and commitment_admin.has_add_permission(request)):
            raise PermissionDenied

    def import_letter(self, request):
        """Step one: the letter's text, pasted or uploaded, saved as a document."""
        self._may_import(request)
        form = LetterImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                document, created = letters.save_letter(
                    text=form.cleaned_data["letter_text"],
                    letter_date=form.cleaned_data["letter_date"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if not created:
                    self.message_user(
                        request,
                        _("This letter was imported before: %(document)s.")
                        % {"document": document},
                        messages.WARNING,
                    )
                return redirect("admin:commitments_document_candidates", document.pk)
        return self.admin_page(
            request,
            "admin/commitments/document/import_letter.html",
            title=_("Import a letter"),
            form=form,
            media=self.media + form.media,
        )

    def review_candidates(self, request, document_id):
        """Step two: the candidates, to tick, correct and accept."""
        self._may_import(request)
        document = get_object_or_404(Document, pk=document_id)
        proposals = letters.propose(document=document)
        shared = {"ministry_choices": list(CandidateForm.base_fields["ministry"].choices)}
        posted = None
        if request.method == "POST":
            posted = self._posted_candidates(request, proposals, shared)
        accepted = (
            posted is not None
            and posted.is_valid()
            and self._accept_candidates(request, document, posted)
        )
        if accepted:
            return redirect("admin:commitments_document_change", document.pk)
        # A posted page the clerk must correct is shown again as posted, with its errors.
        formset = posted if posted is not None else proposed_candidates(proposals, shared)
        return self.admin_page(
            request,
            "admin/commitments/document/candidates.html",
            title=_("Commitments in this letter"),
            document=document,
            rows=list(zip(formset.forms, proposals, strict=True)),
            formset=formset,
            media=self.media + formset.media,
        )

    def _posted_candidates(self, request, proposals, form_kwargs):
        """The forms as posted, or None when they are not the candidates the page showed."""
        formset = CandidateFormSet(request.POST, form_kwargs=form_kwargs)
        sentences = [form["sentence"].value() for form in formset.forms]
        if letters.shown_as_posted(proposals, sentences):
            return formset
        # Each form must be the candidate shown in its place: a form posted for another
        # sentence, or a different number of forms, is no choice the clerk made here.
        self.message_user(
            request,
            _(
                "The candidates in this letter have changed since the page was shown: "
                "check them and accept again."
            ),
            messages.ERROR,
        )
        return None

    def _accept_candidates(self, request, document, formset):
        """Registers the ticked candidates as commitments; whether they were (if not, the clerk
        is told why and the page is shown again as posted)."""
        accepted = [form.cleaned_data for form in formset.forms if form.cleaned_data["accept"]]
        try:
            created = letters.accept(document=document, accepted=accepted, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return False
        self.message_user(
            request,
            ngettext(
                "%(count)d commitment registered from this letter.",
                "%(count)d commitments registered from this letter.",
                len(created),
            )
            % {"count": len(created)},
            messages.SUCCESS,
        )
        return True
