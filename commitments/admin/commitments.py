"""Commitments: the register's change list and change form, the audit trail, and the status
actions (fulfilled, lapsed, a new deadline) applied to a selection."""

import itertools

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange

from commitments.admin.commitment_forms import (
    ActionForm,
    CommitmentAdminForm,
    ExtendForm,
    FulfilForm,
    InlineCommitmentForm,
)
from commitments.admin.filters import DueDateFilter, DueYearFilter, OverdueFilter, StatusFilter
from commitments.admin.mixins import ActionFormMixin
from commitments.models import Commitment, Member
from commitments.models.commitments import ADDRESSEES, RELATED_RECORDS
from commitments.ops.paginators import EstimatedCountPaginator
from commitments.references import is_number_start
from commitments.selectors.history import addressees_by_record
from commitments.services import commitments as services
from commitments.services.numbering import number_prefixes
from commitments.services.overdue import refresh_overdue
from commitments.web.filters import search_text


class CommitmentInline(admin.TabularInline):
    model = Commitment
    form = InlineCommitmentForm
    fk_name = "source"
    extra = 0
    show_change_link = True
    fields = ["number", "summary", "ministry", "made_on", "due_date", "deadline_phrase", "status"]
    readonly_fields = ["number"]
    autocomplete_fields = ["ministry"]


@admin.register(Commitment)
class CommitmentAdmin(ActionFormMixin, SimpleHistoryAdmin):
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
    list_filter = [
        StatusFilter,
        "ministry",
        "committee",
        OverdueFilter,
        DueDateFilter,
        DueYearFilter,
    ]
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
    autocomplete_fields = [*RELATED_RECORDS, *ADDRESSEES]
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
            name: addressees_by_record(records, relation=name, related=related, with_it=with_it)
            for name, (related, *with_it) in self.history_addressees.items()
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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, shown read-only. simple-history still saves a POST to this page when
        its revert button is hidden (SIMPLE_HISTORY_REVERT_DISABLED), so a POST is refused."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """The dashboard's full-text search (on its index), or the numbers that start with what
        was typed, so searching a million commitments never reads them all."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if is_number_start(term, prefixes=number_prefixes()):
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
        searched = request.GET.get("q", "")
        if is_number_start(searched, prefixes=number_prefixes()) and "o" not in request.GET:
            return ["-number"]
        return super().get_ordering(request)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        if not change:
            services.number_commitment(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A new commitment's addressees go into its creation's audit row; then the overdue rule
        runs for the commitment (the clerk may have changed its due date or status), in the
        admin's transaction, so the flag is right at once."""
        if change:
            super().save_related(request, form, formsets, change)
        else:
            with services.addressees_in_creation_record(form.instance):
                super().save_related(request, form, formsets, change)
        refresh_overdue([form.instance.pk])

    def _run_action(self, request, queryset, *, form_class, title, perform):
        """Ask for the action's form; once it is filled in, apply it to the whole selection
        with `perform(cleaned_data)`, which returns how many commitments it changed."""
        form = self.action_form_as_posted(request, form_class)
        if not form.is_valid():
            return self.action_form_page(
                request, form=form, title=title, commitments=queryset.select_related("ministry")
            )
        try:
            count = perform(form.cleaned_data)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                ngettext("%(count)d commitment changed.", "%(count)d commitments changed.", count)
                % {"count": count},
                messages.SUCCESS,
            )
        return None

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
