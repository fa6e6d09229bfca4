import datetime
import itertools
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, Max, Min, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange

from commitments.models import (
    Commitment,
    Committee,
    Contact,
    ContactResponse,
    Digest,
    Document,
    Member,
    Ministry,
    Official,
    Party,
    Recess,
    Reminder,
    TkSync,
)
from commitments.ops.paginators import EstimatedCountPaginator
from commitments.services import answers as responses
from commitments.services import commitments as services
from commitments.services import letters, reminders
from commitments.web.filters import search_text

# What a clerk types when looking for a commitment by its number: TZ, TZ2024, TZ202411-03.
NUMBER_START = re.compile(r"TZ\d{0,6}(-\d*)?", re.IGNORECASE)


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


class InlineCommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["summary", "ministry", "made_on", "due_date", "deadline_phrase", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the date comes from the document (DocumentAdmin.save_formset).
        self.fields["made_on"].required = False


class CommitmentInline(admin.TabularInline):
    model = Commitment
    form = InlineCommitmentForm
    fk_name = "source"
    extra = 0
    show_change_link = True
    fields = ["number", "summary", "ministry", "made_on", "due_date", "deadline_phrase", "status"]
    readonly_fields = ["number"]
    autocomplete_fields = ["ministry"]


class LetterImportForm(forms.Form):
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
            cleaned["letter_text"] = letters.text_of_upload(name=upload.name, content=upload.read())
        else:
            cleaned["letter_text"] = cleaned["text"]
        return cleaned


class CandidateForm(forms.Form):
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
        if cleaned.get("due_date") is None:
            cleaned["precision"] = Commitment.Precision.NONE
        elif cleaned.get("precision") == Commitment.Precision.NONE:
            cleaned["precision"] = Commitment.Precision.DAY
        return cleaned


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
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
        # Commitments added inline take their date from the letter unless the clerk gave one.
        for inline_form in formset.forms:
            instance = inline_form.instance
            if not instance.made_on and form.instance.date:
                instance.made_on = form.instance.date
        super().save_formset(request, form, formset, change)

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
        return TemplateResponse(
            request,
            "admin/commitments/document/import_letter.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import a letter"),
                "opts": self.model._meta,
                "form": form,
                "media": self.media + form.media,
            },
        )

    def review_candidates(self, request, document_id):
        """Step two: the candidates, to tick, correct and accept."""
        self._may_import(request)
        document = get_object_or_404(Document, pk=document_id)
        proposals = letters.propose(document=document)
        shared = {"ministry_choices": list(CandidateForm.base_fields["ministry"].choices)}
        formset = (
            CandidateFormSet(request.POST, form_kwargs=shared) if request.method == "POST" else None
        )
        if formset is not None and not letters.shown_as_posted(
            proposals, [form["sentence"].value() for form in formset.forms]
        ):
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
            formset = None
        elif formset is not None and formset.is_valid():
            accepted = [form.cleaned_data for form in formset.forms if form.cleaned_data["accept"]]
            try:
                created = letters.accept(document=document, accepted=accepted, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(count)d commitments registered from this letter.")
                    % {"count": len(created)},
                    messages.SUCCESS,
                )
                return redirect("admin:commitments_document_change", document.pk)
        if formset is None:
            formset = CandidateFormSet(
                form_kwargs=shared,
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
        return TemplateResponse(
            request,
            "admin/commitments/document/candidates.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Commitments in this letter"),
                "opts": self.model._meta,
                "document": document,
                "rows": list(zip(formset.forms, proposals, strict=True)),
                "formset": formset,
                "media": self.media + formset.media,
            },
        )


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(overdue_since__isnull=True)
        return queryset


class DueDateFilter(admin.SimpleListFilter):
    title = _("due date")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("past", _("Past")),
            ("next30", _("In the next 30 days")),
            ("none", _("No due date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "past":
            return queryset.filter(due_date__lt=today)
        if self.value() == "next30":
            return queryset.filter(
                due_date__gte=today, due_date__lte=today + datetime.timedelta(30)
            )
        if self.value() == "none":
            return queryset.without_deadline()
        return queryset


class DueYearFilter(admin.SimpleListFilter):
    """The year a commitment falls due. It stands in for a date hierarchy, which lists the years
    by reading every due date of the list on each page; the first and the last due date come
    from the index instead, and the years between them are the choices."""

    title = _("year due")
    parameter_name = "due_year"

    def lookups(self, request, model_admin):
        span = Commitment.objects.aggregate(first=Min("due_date"), last=Max("due_date"))
        if span["first"] is None:
            return []
        years = range(span["last"].year, span["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(due_date__year=int(self.value()))
        return queryset


class CommitmentAdminForm(forms.ModelForm):
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
            "ministry",
            "official",
            "committee",
            "made_to",
            "made_to_parties",
            "source",
            "fulfilled_by",
            "fulfilled_on",
            "repeats",
            "amends",
            "supplements",
        ]


class ActionForm(forms.Form):
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


class ExtendForm(ActionForm):
    new_due_date = forms.DateField(label=_("New due date"), widget=AdminDateWidget)


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    form = CommitmentAdminForm
    list_display = [
        "number",
        "summary",
        "ministry",
        "official",
        "status",
        "due_date",
        "overdue_marker",
    ]
    list_display_links = ["number", "summary"]
    list_filter = ["status", "ministry", "committee", OverdueFilter, DueDateFilter, DueYearFilter]
    list_select_related = ["ministry", "official"]
    search_fields = ["number", "summary", "text"]
    search_help_text = _(
        'Words from the summary or text ("a phrase", -word, or), or a number or its start '
        "(TZ202411)."
    )
    # Over a million commitments neither the full count nor the filtered one may read the
    # whole table on every page.
    show_full_result_count = False
    # Fifty rows a page, as on the dashboard: drawing a row costs the admin more than reading it.
    list_per_page = 50
    paginator = EstimatedCountPaginator
    autocomplete_fields = [
        "official",
        "ministry",
        "committee",
        "made_to",
        "made_to_parties",
        "source",
        "fulfilled_by",
        "repeats",
        "amends",
        "supplements",
    ]
    readonly_fields = ["number", "original_due_date", "overdue_since", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["number", "summary", "text", "status"]}),
        (
            _("Deadline"),
            {
                "fields": [
                    "made_on",
                    "deadline_phrase",
                    "due_date",
                    "due_precision",
                    "original_due_date",
                    "overdue_since",
                ]
            },
        ),
        (
            _("Owner and addressees"),
            {"fields": ["ministry", "official", "committee", "made_to", "made_to_parties"]},
        ),
        (_("Documents"), {"fields": ["source", "fulfilled_by", "fulfilled_on"]}),
        (_("Related commitments"), {"fields": ["repeats", "amends", "supplements"]}),
        (None, {"fields": ["change_reason", "created_at", "updated_at"]}),
    ]
    history_list_display = ["status", "due_date"]
    # The addressees in the audit trail, per relation: the related object a change shows, and
    # what to read with it (a member is shown with their party).
    history_addressees = {"made_to": ("member", "member__party"), "made_to_parties": ("party",)}
    actions = ["mark_fulfilled", "mark_lapsed", "extend_deadline"]

    @admin.display(description=_("overdue"), boolean=True, ordering="overdue_since")
    def overdue_marker(self, commitment):
        return commitment.is_overdue

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "made_to":
            # The form shows each chosen member with their party, read with the member.
            kwargs["queryset"] = Member.objects.select_related("party")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The changes between consecutive audit records, as simple-history shows them. It
        compares the addressees of each pair with four queries and loads each addressee alone;
        here the addressees of all records on the page are read in one query per relation and
        compared in memory, so a page of a hundred records costs what a page of five does."""
        records = list(historical_records)
        addressees = {
            name: self._addressees_in_history(records, name) for name in self.history_addressees
        }
        for newer, older in itertools.pairwise(records):
            delta = newer.diff_against(
                older,
                excluded_fields=list(self.history_addressees),
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            for name, by_record in addressees.items():
                before, after = by_record.get(older.pk, []), by_record.get(newer.pk, [])
                related = self.history_addressees[name][0]
                if [row[related].pk for row in before] != [row[related].pk for row in after]:
                    delta.changes.append(ModelChange(name, before, after))
                    delta.changed_fields.append(name)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def _addressees_in_history(self, records, name):
        """Per audit record, the addressees of one relation as simple-history's changes hold
        them (a dict keyed by the related field), in the order it sorts them."""
        related, *with_it = self.history_addressees[name]
        through = getattr(Commitment.history.model, name).model
        rows = (
            through._default_manager.filter(history__in=records)
            .select_related(related, *with_it)
            .order_by(related)
        )
        by_record = {}
        for row in rows:
            # An addressee deleted since is shown as simple-history shows it: by its id.
            obj = getattr(row, related) or DeletedObject(
                through._meta.get_field(related).related_model, getattr(row, f"{related}_id")
            )
            by_record.setdefault(row.history_id, []).append({related: obj})
        return by_record

    def get_search_results(self, request, queryset, search_term):
        """The dashboard's full-text search (on its index), or the numbers that start with what
        was typed, so searching a million commitments never reads them all."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if NUMBER_START.fullmatch(term):
            start = term.upper()
            # The range lets the number's own index find the matches; without it PostgreSQL
            # walks the newest-first index through every later month looking for them.
            bounds = start.rstrip("-")
            return queryset.filter(
                number__startswith=start,
                number__gte=bounds,
                number__lt=bounds[:-1] + chr(ord(bounds[-1]) + 1),
            ), False
        return search_text(queryset, term), False

    def get_ordering(self, request):
        """A search by number lists the numbers in order, newest first, which is also the order
        of the index that finds them."""
        if NUMBER_START.fullmatch(request.GET.get("q", "").strip()) and "o" not in request.GET:
            return ["-number"]
        return super().get_ordering(request)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

    def _run_action(self, request, queryset, *, form_class, title, perform):
        """Show the action's form; on a valid submission apply it to the whole selection."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                count = perform(form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(count)d commitments changed.") % {"count": count},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "commitments": queryset.select_related("ministry"),
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/commitments/commitment/action_form.html", context)

    @admin.action(description=_("Mark fulfilled"), permissions=["change"])
    def mark_fulfilled(self, request, queryset):
        return self._run_action(
            request,
            queryset,
            form_class=FulfilForm,
            title=_("Mark commitments fulfilled"),
            perform=lambda data: services.fulfil_commitments(
                commitments=queryset,
                document=data["document"],
                fulfilled_on=data["fulfilled_on"],
                user=request.user,
                reason=data["reason"],
            ),
        )

    @admin.action(description=_("Mark lapsed"), permissions=["change"])
    def mark_lapsed(self, request, queryset):
        return self._run_action(
            request,
            queryset,
            form_class=ActionForm,
            title=_("Mark commitments lapsed"),
            perform=lambda data: services.lapse_commitments(
                commitments=queryset, user=request.user, reason=data["reason"]
            ),
        )

    @admin.action(description=_("Extend the deadline"), permissions=["change"])
    def extend_deadline(self, request, queryset):
        return self._run_action(
            request,
            queryset,
            form_class=ExtendForm,
            title=_("Extend the deadline"),
            perform=lambda data: services.extend_deadline(
                commitments=queryset,
                new_due_date=data["new_due_date"],
                user=request.user,
                reason=data["reason"],
            ),
        )


class WrittenBySystemMixin:
    """For records the product writes itself (the outbox, answers, sync points): nobody adds or
    deletes them by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(WrittenBySystemMixin):
    """Records that are only ever read in the admin."""

    def has_change_permission(self, request, obj=None):
        return False


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
class DigestAdmin(WrittenBySystemMixin, admin.ModelAdmin):
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
        latest = (
            Reminder.objects.filter(kind=Reminder.Kind.RAPPEL)
            .order_by("-scheduled_for")
            .values_list("scheduled_for", flat=True)
            .first()
        )
        return super().changelist_view(request, {**(extra_context or {}), "rappel": latest})

    def rappel_overview(self, request, cutoff):
        """Per ministry, each item of a rappel and whether the ministry has answered for it
        since; printable."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            day = datetime.date.fromisoformat(cutoff)
        except ValueError as error:
            raise Http404 from error
        listed = Reminder.objects.filter(
            kind=Reminder.Kind.RAPPEL, scheduled_for=day, commitment=OuterRef("pk")
        )
        answered = ContactResponse.objects.filter(
            commitment=OuterRef("pk"), created_at__date__gte=day
        )
        ministries = {}
        for commitment in (
            Commitment.objects.filter(Exists(listed))
            .select_related("ministry")
            .annotate(answered=Exists(answered))
            .order_by("ministry__name", "due_date", "number")
        ):
            ministries.setdefault(commitment.ministry, []).append(commitment)
        return TemplateResponse(
            request,
            "admin/commitments/digest/rappel_overview.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Rappel of %(day)s") % {"day": day.isoformat()},
                "opts": self.model._meta,
                "ministries": ministries,
            },
        )

    @admin.display(description=_("in doubt"), boolean=True)
    def in_doubt_marker(self, digest):
        return digest.in_doubt

    @admin.action(description=_("Settle: it was delivered"), permissions=["change"])
    def mark_delivered(self, request, queryset):
        count = reminders.settle_digests(digest_ids=queryset.values("pk"), delivered=True)
        self.message_user(request, _("%(count)d digests marked delivered.") % {"count": count})

    @admin.action(description=_("Settle: send it again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = reminders.settle_digests(digest_ids=queryset.values("pk"), delivered=False)
        self.message_user(request, _("%(count)d digests will be sent again.") % {"count": count})


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


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ClerkTokenAdmin(TokenAdmin):
    """API tokens: a clerk makes and revokes a token for themself, never for someone else; the
    key is always drawn at random."""

    def get_fields(self, request, obj=None):
        return []

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        already = TokenProxy.objects.filter(user=request.user).exists()
        return super().has_add_permission(request) and not already


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the contact"), widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(ContactResponse)
class ContactResponseAdmin(WrittenBySystemMixin, admin.ModelAdmin):
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
        self.message_user(request, _("%(count)d answers accepted.") % {"count": accepted})

    @admin.action(description=_("Reject, with a reason for the contact"), permissions=["change"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for response in queryset.filter(state=ContactResponse.State.PENDING):
                responses.reject(
                    response=response, clerk=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(request, _("The contacts are told why."))
            return None
        return TemplateResponse(
            request,
            "admin/commitments/commitment/action_form.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject answers"),
                "opts": self.model._meta,
                "form": form,
                "commitments": [
                    r.commitment for r in queryset.select_related("commitment__ministry")
                ],
                "action": request.POST.get("action"),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "media": self.media + form.media,
            },
        )


@admin.register(TkSync)
class TkSyncAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Where each Tweede Kamer source was last synced to; the importer moves it, not a clerk."""

    def get_list_display(self, request):
        return [field.name for field in TkSync._meta.fields]
