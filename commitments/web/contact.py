"""The page behind a ministry contact's signed link: see the ministry's open commitments and
answer for them. GET and HEAD only show; each answer is a POST that is recorded once."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from commitments.models import ContactResponse
from commitments.models.commitments import implausible_dates
from commitments.normalise import NormalisedForm
from commitments.services import answers as responses
from commitments.services import links


class AnswerForm(NormalisedForm, forms.Form):
    submission = forms.UUIDField(widget=forms.HiddenInput)
    commitment = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Your answer"), choices=ContactResponse.Kind.choices)
    document_reference = forms.CharField(
        label=_("Fulfilling document (Kamerstuk)"),
        required=False,
        max_length=60,
        help_text=_("For example: 28 638, nr. 213"),
    )
    document_date = forms.DateField(label=_("Date of that document"), required=False)
    document_url = forms.URLField(label=_("Link to it"), required=False, assume_scheme="https")
    proposed_date = forms.DateField(label=_("New or expected date"), required=False)
    reason = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=responses.REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ContactResponse.Kind.FULFILLED and not cleaned.get("document_reference"):
            self.add_error("document_reference", _("Name the document that fulfils it."))
        dated = kind in (ContactResponse.Kind.NEW_DATE, ContactResponse.Kind.FORECAST)
        if dated and not cleaned.get("proposed_date"):
            self.add_error("proposed_date", _("Give the date."))
        if kind == ContactResponse.Kind.NEW_DATE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why a new date is needed."))
        # A proposed date is a deadline, a document's date a fulfilment: the model's rule.
        problems = implausible_dates(
            due_date=cleaned.get("proposed_date"), fulfilled_on=cleaned.get("document_date")
        )
        for field, name in (("due_date", "proposed_date"), ("fulfilled_on", "document_date")):
            if field in problems:
                self.add_error(name, problems[field])
        return cleaned


def _record_answer(request, *, contact, commitments, form: AnswerForm) -> None:
    """Record a valid answer and tell the contact so; only the ministry's own open commitments
    can be answered for: another number is not found, whatever the form says."""
    data = form.cleaned_data
    commitment = commitments.filter(number=data["commitment"]).first()
    if commitment is None:
        raise Http404
    try:
        recorded = responses.record(
            contact=contact,
            commitment=commitment,
            submission=data["submission"],
            kind=data["kind"],
            document_reference=data["document_reference"],
            document_date=data["document_date"],
            document_url=data["document_url"],
            proposed_date=data["proposed_date"],
            reason=data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(
        request,
        _("Thank you: your answer on %(number)s is recorded for the clerks.")
        % {"number": commitment.number}
        if recorded
        else _("This answer was recorded already."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contact_response(request, token):
    try:
        contact = links.contact_for(token)
    except links.LinkRefused as refusal:
        return render(
            request, "commitments/link_refused.html", {"reason": str(refusal)}, status=403
        )

    commitments = responses.open_commitments_of(contact)
    invalid = {}
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            _record_answer(request, contact=contact, commitments=commitments, form=form)
            return redirect("contact-response", token=token)
        invalid = {form.data.get("commitment"): form}

    latest_answers = {
        response.commitment_id: response
        for response in ContactResponse.objects.filter(
            contact__ministry=contact.ministry_id, commitment__in=commitments
        ).order_by("created_at")
    }
    rows = [
        (
            commitment,
            invalid.get(commitment.number)
            or AnswerForm(initial={"submission": uuid.uuid4(), "commitment": commitment.number}),
            latest_answers.get(commitment.pk),
        )
        for commitment in commitments
    ]
    return render(
        request,
        "commitments/contact_response.html",
        {"contact": contact, "rows": rows},
    )
